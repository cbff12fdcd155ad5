"""What an analysis could not look at: a part of a file, where it starts, and why.

A detector that gives up on one part (a function whose taint analysis ran out of time or failed, a
pattern rule that raised) keeps everything else it found and records a `Gap`, so that the scanner
can tell the user which part of the file was not analysed instead of dropping the whole file.
"""

from __future__ import annotations

from vsguard.records import record

TIME_LIMIT = "time limit"
TOO_DEEP = "nested too deeply"


@record(frozen=True)
class Gap:
    """A part of a file an analysis left out, and why."""

    part: str  # "function handler", "module code", "rule py-eval", "2 more functions"
    line: int  # 1-based line where the part starts (0 when it is not one place)
    reason: str  # TIME_LIMIT, TOO_DEEP, or "internal error (ValueError)"

    def describe(self) -> str:
        where = f" (line {self.line})" if self.line else ""
        return f"{self.part}{where} not analysed: {self.reason}"


def reason_for(exc: BaseException) -> str:
    """The reason recorded for an exception that stopped the analysis of one part."""
    if isinstance(exc, TimeoutError):
        return TIME_LIMIT
    if isinstance(exc, RecursionError):
        return TOO_DEEP
    return f"internal error ({type(exc).__name__})"
