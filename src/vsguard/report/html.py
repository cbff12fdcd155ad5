"""One self-contained HTML page: verdict, what was not analysed, charts, and every finding.

Snippets, paths and messages come from the scanned code, so everything is escaped, and a Content
Security Policy lets the page run only its own inline script and style (matched by hash) and load
nothing at all. Nothing else is fetched: no fonts, images or scripts from anywhere.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Sequence
from html import escape
from itertools import groupby

from vsguard import __version__
from vsguard.models import Finding, ScanResult, Severity, Skipped
from vsguard.report.html_assets import CSS, JS, SEVERITY_COLOURS
from vsguard.report.html_charts import coverage, coverage_chart, coverage_details, cwe_chart, file_chart
from vsguard.report.options import ReportOptions
from vsguard.report.rule_help import cwe_uri
from vsguard.verdict import filtered_note, skip_label

MAX_FINDINGS = 2000  # beyond this a page gets slow to open; the JSON report has them all
_SEVERITIES = tuple(reversed(Severity))
_VERDICT_WORDS = {"passed": "PASSED", "failed": "FAILED", "incomplete": "INCOMPLETE"}


def _e(value: object) -> str:
    return escape(str(value), quote=True)


_INLINE_CODE = re.compile(r"`([^`\n]+)`")


def _prose(text: str) -> str:
    """Escaped text with its `code` spans (rule messages use them) set as code."""
    return _INLINE_CODE.sub(r"<code>\1</code>", _e(text))


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def _style() -> str:
    colours = "".join(f".s-{sev} {{ --c:{colour}; }}" for sev, colour in SEVERITY_COLOURS.items())
    return CSS + colours


def _tiles(result: ScanResult) -> str:
    s = result.summary
    tiles = [
        f'<div class="tile"><b>{result.files_scanned}</b><span>files scanned</span></div>',
        f'<div class="tile"><b>{s.total}</b><span>findings</span></div>',
    ]
    tiles += [
        f'<div class="tile sev s-{sev.value}"><b>{s.by_severity.get(sev.value, 0)}</b>'
        f"<span>{sev.value}</span></div>"
        for sev in _SEVERITIES
    ]
    tiles.append(f'<div class="tile"><b>{s.suppressed}</b><span>suppressed</span></div>')
    if s.not_analysed:
        tiles.append(f'<div class="tile gap"><b>{s.not_analysed}</b><span>not analysed</span></div>')
    return f'<div class="tiles">{"".join(tiles)}</div>'


def _verdict_note(result: ScanResult) -> str:
    s = result.summary
    notes = []
    if s.verdict == "failed":
        notes.append(f"{s.failing} finding(s) at or above the {s.threshold.value} threshold.")
    elif s.verdict == "passed":
        notes.append(f"No finding at or above the {s.threshold.value} threshold.")
    if not s.complete:
        allowed = " (allowed by --allow-incomplete)" if s.verdict != "incomplete" else ""
        notes.append(f"{s.not_analysed} file(s) or part(s) could not be fully analysed{allowed}.")
    left_out = filtered_note(s)
    if left_out:
        notes.append(f"Not shown: {left_out}.")
    return f'<p class="note">{_e(" ".join(notes))}</p>'


def _skipped_section(skipped: Sequence[Skipped], options: ReportOptions) -> str:
    if not skipped:
        return ""
    gaps = [k for k in skipped if k.incomplete]
    rows = "".join(
        f"<tr><td><code>{_e(options.relative(k.path))}{_e(f':{k.line}' if k.line else '')}</code></td>"
        f"<td>{skip_label(k)}</td>"
        f"<td>{_e(k.kind.value)}</td><td>{_e(k.reason)}</td></tr>"
        for k in sorted(skipped, key=lambda k: (not k.incomplete, k.path))
    )
    title = f"Not analysed ({len(gaps)} make the scan incomplete)" if gaps else "Passed over"
    return (
        f'<h2>{_e(title)}</h2><div class="panel{" gap" if gaps else ""}"><table>'
        f"<tr><th>path</th><th>status</th><th>kind</th><th>reason</th></tr>{rows}</table></div>"
    )


def _code(f: Finding) -> str:
    lines = f.snippet.rstrip("\n").split("\n") or [""]
    body = "\n".join(
        f'<span class="ln">{n}</span>{_e(line)}' for n, line in enumerate(lines, start=f.location.start_line)
    )
    return f"<pre><code>{body}</code></pre>"


def _trace(f: Finding) -> str:
    if not f.trace:
        return ""
    steps = "".join(
        f'<li><span class="k {_e(step.kind)}">{_e(step.kind)}</span>'
        f"<span>line {step.line}</span><code>{_e(step.code)}</code></li>"
        for step in f.trace
    )
    return f'<div class="ids">Data flow, source to sink:</div><ol class="trace">{steps}</ol>'


def _ids(f: Finding) -> str:
    cwe = ", ".join(f'<a href="{_e(cwe_uri(c))}" rel="noreferrer">CWE-{c}</a>' for c in f.cwe)
    asvs = ", ".join(_e(a) for a in f.asvs_5)
    old = f" (4.0.3: {_e(', '.join(f.asvs_4))})" if f.asvs_4 else ""
    return f'<div class="ids">{cwe} · ASVS 5.0.0 {asvs}{old} · confidence {_e(f.confidence.value)}</div>'


def _finding(f: Finding, where: str) -> str:
    search = " ".join((f.rule_id, f.title, where, f.message, " ".join(f"cwe-{c}" for c in f.cwe))).lower()
    fix = " <b>Automatic fix available:</b> <code>vsguard fix</code>." if f.fixable else ""
    return (
        f'<article class="finding s-{f.severity.value}" data-severity="{f.severity.value}" '
        f'data-search="{_e(search)}"><div class="head">'
        f'<span class="badge s-{f.severity.value}">{f.severity.value}</span>'
        f'<span class="title">{_e(f.title)}</span><span class="rule">{_e(f.rule_id)}</span>'
        f'<span class="ids">line {f.location.start_line}, column {f.location.start_column}</span></div>'
        f"{_ids(f)}<div>{_prose(f.message)}</div>{_code(f)}{_trace(f)}"
        f'<div class="fix"><b>Fix:</b> {_prose(f.remediation)}{fix}</div></article>'
    )


def _findings_section(findings: Sequence[Finding], options: ReportOptions) -> str:
    if not findings:
        return '<h2>Findings</h2><div class="panel"><p>No findings.</p></div>'
    chosen = list(findings) if len(findings) <= MAX_FINDINGS else _most_severe(findings)
    shown = sorted(
        chosen,
        key=lambda f: (-f.severity.rank, options.relative(f.path or ""), f.location.start_line),
    )
    toggles = "".join(
        f'<button type="button" data-toggle="{s.value}" aria-pressed="true">{s.value}</button>'
        for s in _SEVERITIES
        if any(f.severity is s for f in shown)
    )
    parts = [
        "<h2>Findings</h2>",
        f'<div class="toolbar hidden">{toggles}'
        '<input id="filter" type="search" placeholder="filter by rule, file, CWE or text"></div>',
    ]
    for sev, in_sev in groupby(shown, key=lambda f: f.severity):
        group = list(in_sev)
        parts.append(
            f'<section class="sevgroup"><h2><span class="badge s-{sev.value}">{sev.value}</span>'
            f"{len(group)} finding(s)</h2>"
        )
        for path, in_file in groupby(group, key=lambda f: options.relative(f.path or "<input>")):
            parts.append(f'<div class="filegroup"><div class="file">{_e(path)}</div>')
            parts.extend(_finding(f, path) for f in in_file)
            parts.append("</div>")
        parts.append("</section>")
    if len(findings) > MAX_FINDINGS:
        parts.append(
            f'<p class="note">Showing the {MAX_FINDINGS} most severe of {len(findings)} findings; '
            "the JSON or SARIF report lists them all.</p>"
        )
    return "".join(parts)


def _most_severe(findings: Sequence[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: -f.severity.rank)[:MAX_FINDINGS]


def _suppressed_section(findings: Sequence[Finding], options: ReportOptions) -> str:
    if not findings:
        return ""
    rows = "".join(
        f"<tr><td><code>{_e(options.relative(f.path or '<input>'))}:{f.location.start_line}</code></td>"
        f"<td>{_e(f.rule_id)}</td><td>{_e(f.title)}</td></tr>"
        for f in findings[:MAX_FINDINGS]
    )
    return (
        f"<details><summary>{len(findings)} suppressed finding(s)</summary>"
        f'<div class="panel"><table><tr><th>where</th><th>rule</th><th>title</th></tr>{rows}</table>'
        "</div></details>"
    )


def _asvs_section(findings: Sequence[Finding]) -> str:
    from vsguard.catalog.loader import load_catalog  # late: only this format needs the catalog
    from vsguard.rules.loader import load_rules

    catalog = load_catalog()
    requirements = catalog.for_version("5.0.0")
    rows = coverage(
        catalog.chapters_for("5.0.0"),
        requirements,
        (a for rule in load_rules() for a in rule.asvs),
        findings,
    )
    summaries = {r.id: r.summary for r in requirements}
    return (
        '<h2>OWASP ASVS 5.0.0 coverage</h2><div class="panel">'
        f"{coverage_chart(rows)}{coverage_details(rows, summaries)}</div>"
    )


def render_html(result: ScanResult, options: ReportOptions | None = None) -> str:
    options = options or ReportOptions()
    active = [f for f in result.findings if not f.suppressed]
    suppressed = [f for f in result.findings if f.suppressed]
    s = result.summary
    style, script = _style(), JS
    csp = (
        f"default-src 'none'; style-src {_csp_hash(style)}; script-src {_csp_hash(script)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    title = "vsguard security report"
    where = f"{options.root.name} · " if options.root is not None and options.root.name else ""
    body = [
        f'<header><h1>{_e(title)}</h1><span class="verdict {s.verdict}">{_VERDICT_WORDS[s.verdict]}</span>'
        f'<span class="meta">{_e(where)}{result.files_scanned} file(s) scanned · '
        f"vsguard {_e(__version__)}</span>"
        "</header>",
        "<main>",
        _tiles(result),
        _verdict_note(result),
        _skipped_section(result.skipped, options),
        '<div class="grid2"><div><h2>Findings by CWE and severity</h2><div class="panel">'
        f'{cwe_chart(active)}</div><h2>Findings by file</h2><div class="panel">'
        f"{file_chart(active, lambda f: options.relative(f.path or '<input>'))}</div></div>"
        f"<div>{_asvs_section(active)}</div></div>",
        _findings_section(active, options),
        _suppressed_section(suppressed, options),
        "</main>",
        f"<footer>Generated by vsguard {_e(__version__)}; this page loads nothing from the network.</footer>",
    ]
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{_e(csp)}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="referrer" content="no-referrer"><title>{_e(title)}</title>'
        f"<style>{style}</style></head><body>{''.join(body)}<script>{script}</script></body></html>\n"
    )
