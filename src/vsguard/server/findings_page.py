"""One page of scan findings, most severe first, as both the model's text and structured content.

`scan_code` and `scan_files` answer through `findings_page`, which builds the text from the very
items and counts it puts in the structured part, so the two can never disagree.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from vsguard.models import Confidence, Finding, ScanResult, ScanSummary, Severity, SkipKind, Verdict
from vsguard.records import replace
from vsguard.server.params import Detail
from vsguard.verdict import filtered_note, verdict_line

DEFAULT_LIMIT = 10
MAX_LIMIT = 50
_SKIPPED_SHOWN = 10
_SHORT = 200  # characters of a message or fix hint in brief detail
# A full stop that ends a sentence: followed by a capital (or the end), not the one of "e.g."/"i.e."
_SENTENCE_END = re.compile(r"(?<!e\.g)(?<!i\.e)[.!?](?=\s+[A-Z]|$)")

LimitArg = Annotated[
    int, Field(ge=1, le=MAX_LIMIT, description=f"Findings per page, 1-{MAX_LIMIT} (most severe first)")
]
OffsetArg = Annotated[int, Field(ge=0, description="Findings to skip: the next_offset of the previous page")]


class FindingOut(BaseModel):
    rule_id: str
    severity: Severity
    confidence: Confidence
    cwe: list[int]
    asvs_5: list[str] = Field(description="ASVS 5.0.0 requirement ids")
    asvs_4: list[str] = Field(description="ASVS 4.0.3 ids through the official mapping")
    path: str | None
    line: int
    message: str
    fix: str = Field(description="How to fix it")
    fixable: bool = Field(description="True when suggest_fix has a verified rewrite for this rule")
    snippet: str | None = Field(default=None, description="detail=full only")
    flow: list[str] | None = Field(
        default=None, description="detail=full only: source to sink, for taint findings"
    )


class SummaryOut(BaseModel):
    """`models.ScanSummary` as the tools' output schema describes it."""

    model_config = ConfigDict(from_attributes=True)

    total: int = Field(description="Findings shown (not suppressed, not filtered out)")
    by_severity: dict[str, int]
    suppressed: int
    filtered: dict[str, int] = Field(
        description="Findings left out, by why: below_severity, below_confidence, baseline, unchanged"
    )
    failing: int = Field(description="Shown findings at or above the failure threshold")
    threshold: Severity = Field(description="Failure threshold")
    complete: bool = Field(description="True when everything asked for was analysed")
    not_analysed: int = Field(description="Files (or parts) that make the scan incomplete")
    verdict: Verdict
    passed: bool = Field(description="True only when the verdict is passed")


class SkippedOut(BaseModel):
    """`models.Skipped`: something not analysed, whole or in part, and why."""

    model_config = ConfigDict(from_attributes=True)

    path: str
    reason: str
    kind: SkipKind
    incomplete: bool = Field(description="True when it makes the verdict incomplete")
    partial: bool = Field(description="True when the rest of the file was analysed")
    line: int | None = Field(description="Where the unanalysed part starts, if known")


class ScanOut(BaseModel):
    language: str | None
    verdict: Verdict = Field(description="passed, failed or incomplete (part of the input not analysed)")
    passed: bool = Field(
        description="True when everything was analysed and no finding is at or above the threshold"
    )
    complete: bool = Field(description="False when part of the input could not be analysed (see skipped)")
    summary: SummaryOut = Field(description="Counts over all findings, not just this page")
    total: int = Field(description="Findings over all pages")
    offset: int
    has_more: bool
    next_offset: int | None = Field(description="Pass as offset for the next page; null on the last page")
    findings: list[FindingOut]
    skipped: list[SkippedOut] = Field(description=f"What was not analysed and why (first {_SKIPPED_SHOWN})")
    skipped_total: int
    files_scanned: int | None = None


def short(text: str, limit: int = _SHORT) -> str:
    """The first sentence, cut at `limit` characters."""
    text = " ".join(text.split())
    end = _SENTENCE_END.search(text)
    first = text[: end.start() + 1] if end else text
    return first if len(first) <= limit else first[: limit - 1].rstrip() + "…"


def _same(path: str | None) -> str | None:
    return path


def to_finding_out(
    f: Finding, detail: Detail, show_path: Callable[[str | None], str | None] = _same
) -> FindingOut:
    full = detail == "full"
    return FindingOut(
        rule_id=f.rule_id,
        severity=f.severity,
        confidence=f.confidence,
        cwe=list(f.cwe),
        asvs_5=list(f.asvs_5),
        asvs_4=list(f.asvs_4),
        path=show_path(f.path),
        line=f.location.start_line,
        message=f.message if full else short(f.message),
        fix=f.remediation if full else short(f.remediation),
        fixable=f.fixable,
        snippet=f.snippet.strip() if full else None,
        flow=[f"L{s.line} {s.kind}: {s.code.strip()[:80]}" for s in f.trace] if full and f.trace else None,
    )


def most_severe_first(findings: tuple[Finding, ...]) -> list[Finding]:
    active = [f for f in findings if not f.suppressed]
    return sorted(
        active,
        key=lambda f: (-f.severity.rank, -f.confidence.rank, f.path or "", f.location.start_line, f.rule_id),
    )


def _line(n: int, f: FindingOut) -> list[str]:
    where = f"{f.path}:{f.line}" if f.path else f"line {f.line}"
    ids = " ".join([*(f"CWE-{c}" for c in f.cwe), *(f"ASVS {a}" for a in f.asvs_5)])
    fixable = " (fixable: suggest_fix)" if f.fixable else ""
    lines = [
        f"{n}. **{f.severity.value.upper()}** `{f.rule_id}` {where} · {ids} · {f.confidence.value} conf.",
        f"   {f.message} Fix: {f.fix}{fixable}",
    ]
    if f.snippet:
        lines.append(f"   `{f.snippet.splitlines()[0][:160]}`")
    if f.flow:
        lines.append("   Flow: " + " → ".join(f.flow))
    return lines


def _markdown(out: ScanOut, s: ScanSummary) -> str:
    counts = ", ".join(f"{n} {sev}" for sev, n in s.by_severity.items() if n) or "no findings"
    head = f"## vsguard scan: {verdict_line(s)} ({counts})"
    lines = [head]
    if out.findings:
        last = out.offset + len(out.findings)
        lines.append(f"Findings {out.offset + 1}-{last} of {out.total}, most severe first.")
    elif out.total:
        lines.append(f"No findings at offset {out.offset}; there are {out.total}.")
    notes = []
    if s.suppressed:
        notes.append(f"{s.suppressed} suppressed inline")
    if s.filtered:
        notes.append(f"not shown: {filtered_note(s)}")
    if notes:
        lines.append("; ".join(notes).capitalize() + ".")
    lines.append("")
    for n, f in enumerate(out.findings, start=out.offset + 1):
        lines += _line(n, f)
    if out.has_more:
        lines += [
            "",
            f"*{out.total - (out.next_offset or 0)} more: call again with offset={out.next_offset}.*",
        ]
    if out.skipped:
        lines.append("")
        lines += [
            f"{'Not fully analysed' if k.incomplete else 'Skipped'} {k.path}: {k.reason}" for k in out.skipped
        ]
        if out.skipped_total > len(out.skipped):
            lines.append(f"…and {out.skipped_total - len(out.skipped)} more not analysed.")
    return "\n".join(lines) + "\n"


def findings_page(
    result: ScanResult,
    *,
    limit: int = DEFAULT_LIMIT,
    offset: int = 0,
    detail: Detail = "brief",
    show_path: Callable[[str | None], str | None] = _same,
    files_scanned: int | None = None,
) -> tuple[str, ScanOut]:
    """Markdown and structured content for one page of `result` (already filtered by the policy)."""
    ordered = most_severe_first(result.findings)
    page = ordered[offset : offset + limit]
    end = offset + len(page)
    skipped = [replace(k, path=show_path(k.path) or k.path) for k in result.skipped]
    out = ScanOut(
        language=result.language,
        verdict=result.summary.verdict,
        passed=result.summary.passed,
        complete=result.summary.complete,
        summary=SummaryOut.model_validate(result.summary),
        total=len(ordered),
        offset=offset,
        has_more=end < len(ordered),
        next_offset=end if end < len(ordered) else None,
        findings=[to_finding_out(f, detail, show_path) for f in page],
        skipped=[SkippedOut.model_validate(k) for k in skipped[:_SKIPPED_SHOWN]],
        skipped_total=len(skipped),
        files_scanned=files_scanned,
    )
    return _markdown(out, result.summary), out
