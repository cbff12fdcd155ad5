"""Plain terminal output, one block per finding, Bandit-like and grep-friendly."""

from __future__ import annotations

from vsguard.models import Finding, ScanResult
from vsguard.verdict import filtered_note, skip_label, verdict_line


def _where(f: Finding) -> str:
    return f"{f.path or '<input>'}:{f.location.start_line}:{f.location.start_column}"


def _ids(f: Finding) -> str:
    cwe = ", ".join(f"CWE-{c}" for c in f.cwe)
    asvs = ", ".join(f.asvs_5)
    return f"{cwe}; ASVS 5.0.0 {asvs}" + (f" (4.0.3 {', '.join(f.asvs_4)})" if f.asvs_4 else "")


def render_text(result: ScanResult) -> str:
    lines: list[str] = []
    for f in result.findings:
        if f.suppressed:
            continue
        lines.append(f"{_where(f)}: {f.severity.value.upper()} [{f.rule_id}] {f.title}")
        lines.append(f"    {f.message}")
        lines.append(f"    {_ids(f)}; confidence {f.confidence.value}")
        if f.trace:
            lines.append("    flow: " + " -> ".join(f"line {s.line} ({s.kind})" for s in f.trace))
        lines.append(f"    fix: {f.remediation}")
        lines.append("")
    for skip in result.skipped:
        what = skip_label(skip)
        where = f"{skip.path}:{skip.line}" if skip.line else skip.path
        lines.append(f"{what} {where}: {skip.reason}")
    s = result.summary
    counts = ", ".join(f"{n} {sev}" for sev, n in s.by_severity.items() if n) or "no findings"
    left_out = filtered_note(s)
    lines.append(
        f"{result.files_scanned} file(s) scanned: {s.total} finding(s) ({counts}); "
        f"{s.suppressed} suppressed{'; ' + left_out + ' not shown' if left_out else ''}; {verdict_line(s)}"
    )
    return "\n".join(lines) + "\n"
