"""Report formatters: pure functions of scan results, one module per output format."""

from __future__ import annotations

from collections.abc import Callable

from vsguard.models import ScanResult
from vsguard.report.json_report import render_json
from vsguard.report.markdown import render_markdown
from vsguard.report.options import ReportOptions
from vsguard.report.sarif import render_sarif
from vsguard.report.text import render_text

Formatter = Callable[[ScanResult, ReportOptions], str]


def _html(result: ScanResult, options: ReportOptions) -> str:
    from vsguard.report.html import render_html  # late: only this format reads the ASVS catalog

    return render_html(result, options)


FORMATTERS: dict[str, Formatter] = {
    "text": lambda result, _options: render_text(result),
    "json": lambda result, _options: render_json(result),
    "sarif": render_sarif,
    "markdown": lambda result, _options: render_markdown(result),
    "html": _html,
}

__all__ = [
    "FORMATTERS",
    "Formatter",
    "ReportOptions",
    "render_json",
    "render_markdown",
    "render_sarif",
    "render_text",
]
