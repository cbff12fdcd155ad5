"""Plain terminal output, one block per finding, Bandit-like and grep-friendly."""

from __future__ import annotations

from vsguard.models import Finding, ScanResult


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
    s = result.summary
    counts = ", ".join(f"{n} {sev}" for sev, n in s.by_severity.items() if n) or "no findings"
    lines.append(
        f"{result.files_scanned} file(s) scanned: {s.total} finding(s) ({counts}); "
        f"{s.suppressed} suppressed; {'PASSED' if s.passed else 'FAILED'}"
    )
    for skip in result.skipped:
        lines.append(f"skipped {skip.path}: {skip.reason}")
    return "\n".join(lines) + "\n"
