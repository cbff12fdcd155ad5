"""What a detector hands to the scanner: a rule, a place, and optionally a source-to-sink trace."""

from __future__ import annotations

from ast_grep_py import SgNode

from vsguard.models import Confidence, Location, Rule, TraceStep
from vsguard.records import record


@record(frozen=True)
class RawMatch:
    """A rule match before it becomes a finding."""

    rule: Rule
    location: Location
    snippet: str
    trace: tuple[TraceStep, ...] = ()
    message: str | None = None  # overrides rule.message when the detector knows more
    confidence: Confidence | None = None  # overrides rule.confidence (e.g. a real source was traced)


def node_location(node: SgNode) -> Location:
    rng = node.range()
    return Location(
        start_line=rng.start.line + 1,
        start_column=rng.start.column + 1,
        end_line=rng.end.line + 1,
        end_column=rng.end.column + 1,
    )
