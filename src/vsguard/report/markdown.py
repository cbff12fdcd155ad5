"""Compact, LLM-friendly markdown: the most important facts first, bounded in size."""

from __future__ import annotations

from vsguard.models import Finding, ScanResult
from vsguard.verdict import filtered_note, skip_label, verdict_line

DEFAULT_MAX_FINDINGS = 50


def finding_markdown(f: Finding) -> str:
    where = f"{f.path}:" if f.path else "line "
    ids = ", ".join(f"CWE-{c}" for c in f.cwe) + " · ASVS " + ", ".join(f.asvs_5)
    if f.asvs_4:
        ids += f" (4.0.3: {', '.join(f.asvs_4)})"
    parts = [
        f"### {f.severity.value.upper()} `{f.rule_id}` {f.title}",
        f"{where}{f.location.start_line} · {ids} · confidence {f.confidence.value}",
        f"`{f.snippet.strip().splitlines()[0][:160] if f.snippet.strip() else ''}`",
        f.message,
    ]
    if f.trace:
        parts.append("Flow: " + " → ".join(f"L{s.line} {s.kind}: `{s.code[:60]}`" for s in f.trace))
    parts.append(
        f"**Fix:** {f.remediation}" + (" (automatic fix available: `suggest_fix`)" if f.fixable else "")
    )
    return "\n".join(parts)


def render_markdown(result: ScanResult, max_findings: int = DEFAULT_MAX_FINDINGS) -> str:
    s = result.summary
    counts = ", ".join(f"{n} {sev}" for sev, n in s.by_severity.items() if n) or "no findings"
    head = [f"## vsguard scan: {verdict_line(s)} ({counts})"]
    if s.suppressed:
        head.append(f"{s.suppressed} finding(s) suppressed inline.")
    if s.filtered:
        head.append(f"Not shown: {filtered_note(s)}.")
    active = [f for f in result.findings if not f.suppressed]
    active.sort(key=lambda f: (-f.severity.rank, f.path or "", f.location.start_line))
    body = [finding_markdown(f) for f in active[:max_findings]]
    if len(active) > max_findings:
        body.append(
            f"…and {len(active) - max_findings} more finding(s); scan fewer files or filter by severity."
        )
    tail = [f"{skip_label(k).capitalize()} {k.path}: {k.reason}" for k in result.skipped[:20]]
    if len(result.skipped) > 20:
        tail.append(f"…and {len(result.skipped) - 20} more not analysed.")
    return "\n\n".join(head + body + tail) + "\n"
