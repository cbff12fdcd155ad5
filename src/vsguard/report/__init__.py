"""Report formatters: pure functions of scan results, one module per output format.

Each format's module is imported when that format is asked for: a one-file scan printing text
does not pay for SARIF's rule help or the HTML report's catalog.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from vsguard.models import ScanResult
from vsguard.report.options import ReportOptions

Formatter = Callable[[ScanResult, ReportOptions], str]

# format -> (module, function, whether the function takes the report options)
_FORMATS: dict[str, tuple[str, str, bool]] = {
    "text": ("vsguard.report.text", "render_text", False),
    "json": ("vsguard.report.json_report", "render_json", False),
    "sarif": ("vsguard.report.sarif", "render_sarif", True),
    "markdown": ("vsguard.report.markdown", "render_markdown", False),
    "html": ("vsguard.report.html", "render_html", True),
}
FORMATS: tuple[str, ...] = tuple(_FORMATS)


def render(result: ScanResult, fmt: str, options: ReportOptions | None = None) -> str:
    """`result` in format `fmt` (one of `FORMATS`)."""
    module, name, takes_options = _FORMATS[fmt]
    function = getattr(import_module(module), name)
    text: str = function(result, options or ReportOptions()) if takes_options else function(result)
    return text


__all__ = ["FORMATS", "Formatter", "ReportOptions", "render"]
