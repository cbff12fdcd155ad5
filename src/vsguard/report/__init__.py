"""Report formatters: pure functions of scan results, one module per output format."""

from __future__ import annotations

from collections.abc import Callable

from vsguard.models import ScanResult
from vsguard.report.json_report import render_json
from vsguard.report.markdown import render_markdown
from vsguard.report.sarif import render_sarif
from vsguard.report.text import render_text

FORMATTERS: dict[str, Callable[[ScanResult], str]] = {
    "text": render_text,
    "json": render_json,
    "sarif": render_sarif,
    "markdown": render_markdown,
}

__all__ = ["FORMATTERS", "render_json", "render_markdown", "render_sarif", "render_text"]
