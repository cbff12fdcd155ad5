"""One filter and one verdict for every door: the CLI, the MCP tools and the agent hooks.

What a user sees and what decides pass or fail are computed here, from the scanner's findings and
its list of what it could not analyse, so that the exit code, the summary line, SARIF and an MCP
answer can never disagree. Depends on the models only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from vsguard.models import Confidence, Finding, ScanResult, ScanSummary, Severity, Skipped, Verdict
from vsguard.records import field, record, replace

_Level = TypeVar("_Level", Severity, Confidence)


@record(frozen=True)
class Policy:
    """What to show and what fails the scan.

    `fail_on` defaults to `min_severity`: a finding the user is shown is a finding that fails.
    `keep` is an extra filter (diff-aware scans: only changed lines) with the label its drops get.
    """

    min_severity: Severity = Severity.INFO
    min_confidence: Confidence = Confidence.LOW
    fail_on: Severity | None = None
    baseline: frozenset[str] = frozenset()
    allow_incomplete: bool = False
    keep: tuple[str, Callable[[Finding], bool]] | None = field(default=None, compare=False)

    @property
    def threshold(self) -> Severity:
        return self.fail_on or self.min_severity


def _choice(kind: type[_Level], value: str, what: str) -> _Level:
    """A member of `kind` from user input in any letter case; `ValueError` names the choices."""
    try:
        return kind(value.strip().lower())
    except ValueError:
        choices = ", ".join(member.value for member in kind)
        raise ValueError(f"unknown {what} {value!r}; choose one of {choices}") from None


def parse_severity(value: str) -> Severity:
    return _choice(Severity, value, "severity")


def parse_confidence(value: str) -> Confidence:
    return _choice(Confidence, value, "confidence")


def _why_dropped(f: Finding, policy: Policy, baseline_key: Callable[[Finding], str]) -> str | None:
    if f.severity.rank < policy.min_severity.rank:
        return "below_severity"
    if f.confidence.rank < policy.min_confidence.rank:
        return "below_confidence"
    if policy.baseline and baseline_key(f) in policy.baseline:
        return "baseline"
    if policy.keep is not None and not policy.keep[1](f):
        return policy.keep[0]
    return None


def summarize(
    findings: Iterable[Finding],
    skipped: Iterable[Skipped] = (),
    policy: Policy | None = None,
    filtered: dict[str, int] | None = None,
) -> ScanSummary:
    """The summary of what is shown, with what was filtered out counted beside it."""
    policy = policy or Policy()
    shown = list(findings)
    active = [f for f in shown if not f.suppressed]
    by_severity = {s.value: 0 for s in Severity}
    for f in active:
        by_severity[f.severity.value] += 1
    failing = sum(1 for f in active if f.severity.rank >= policy.threshold.rank)
    gaps = sum(1 for s in skipped if s.incomplete)
    verdict: Verdict = "failed" if failing else "passed"
    if gaps and not policy.allow_incomplete:
        verdict = "incomplete"
    return ScanSummary(
        total=len(active),
        by_severity=by_severity,
        suppressed=len(shown) - len(active),
        filtered={k: v for k, v in (filtered or {}).items() if v},
        failing=failing,
        threshold=policy.threshold,
        complete=not gaps,
        not_analysed=gaps,
        verdict=verdict,
        passed=verdict == "passed",
    )


def apply_policy(
    result: ScanResult, policy: Policy, baseline_key: Callable[[Finding], str] | None = None
) -> ScanResult:
    """The result as a user should see it under `policy`: filtered findings and a fresh summary."""
    key = baseline_key or (lambda f: f.fingerprint)
    kept: list[Finding] = []
    filtered: dict[str, int] = {}
    for f in result.findings:
        why = _why_dropped(f, policy, key)
        if why is None:
            kept.append(f)
        elif not f.suppressed:
            filtered[why] = filtered.get(why, 0) + 1
    summary = summarize(kept, result.skipped, policy, filtered)
    return replace(result, findings=tuple(kept), summary=summary)


def verdict_line(summary: ScanSummary) -> str:
    """PASSED / FAILED / INCOMPLETE, as the text and markdown reports print it."""
    if summary.verdict == "incomplete":
        return f"INCOMPLETE ({summary.not_analysed} not (fully) analysed)"
    word = "PASSED" if summary.verdict == "passed" else "FAILED"
    if not summary.complete:
        word += f" (incomplete, allowed: {summary.not_analysed} not (fully) analysed)"
    return word


def skip_label(skip: Skipped) -> str:
    """How every report introduces an entry of `skipped`."""
    if not skip.incomplete:
        return "skipped"
    return "not fully analysed" if skip.partial else "not analysed"


def filtered_note(summary: ScanSummary) -> str:
    """`3 below severity, 2 in baseline` or empty."""
    labels = {
        "below_severity": "below severity",
        "below_confidence": "below confidence",
        "baseline": "in baseline",
        "unchanged": "on unchanged lines",
    }
    return ", ".join(f"{n} {labels.get(k, k)}" for k, n in summary.filtered.items())
