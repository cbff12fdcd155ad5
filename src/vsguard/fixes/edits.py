"""Text edits on the original source: character ranges replaced by new text, applied together.

Every strategy describes its change as edits on the code it was given, so the verifier can map any
position in the fixed code back to the original and tell old findings from new ones.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence

from ast_grep_py import SgNode

from vsguard.records import record


@record(frozen=True, order=True)
class Edit:
    start: int  # character offset in the original code
    end: int  # exclusive; start == end inserts
    text: str

    @classmethod
    def replace(cls, node: SgNode, text: str) -> Edit:
        rng = node.range()
        return cls(rng.start.index, rng.end.index, text)

    @classmethod
    def insert(cls, offset: int, text: str) -> Edit:
        return cls(offset, offset, text)

    def overlaps(self, other: Edit) -> bool:
        if self == other:
            return False
        if self.start == self.end or other.start == other.end:  # insertions clash only strictly inside
            return self.start < other.end and other.start < self.end
        return self.start < other.end and other.start < self.end


def normalize(edits: Iterable[Edit]) -> list[Edit]:
    """Sorted, without exact duplicates (two findings on one call often want the same edit)."""
    return sorted(set(edits))


class EditIndex:
    """Accepted edits, which never overlap one another, kept sorted: whether a new rewrite clashes
    with them is a binary search, so joining thousands of rewrites stays linear."""

    def __init__(self) -> None:
        self._edits: list[Edit] = []
        self._starts: list[int] = []

    def clashes(self, candidate: Sequence[Edit]) -> bool:
        for c in candidate:
            # Sorted and pairwise disjoint, the accepted edits' ends grow with their starts: the
            # ones that can overlap `c` start before it ends, and are found walking back from there.
            index = bisect.bisect_left(self._starts, c.end + (1 if c.start == c.end else 0))
            while index > 0:
                index -= 1
                a = self._edits[index]
                if a.end <= c.start:
                    break
                if a != c and a.overlaps(c):
                    return True
        return False

    def add(self, edits: Iterable[Edit]) -> None:
        for e in edits:
            at = bisect.bisect_right(self._edits, e)
            self._edits.insert(at, e)
            self._starts.insert(at, e.start)


def apply(code: str, edits: Iterable[Edit]) -> str:
    ordered = normalize(edits)
    out: list[str] = []
    pos = 0
    for e in ordered:
        if e.start < pos:
            raise ValueError(f"overlapping edits at offset {e.start}")
        out.append(code[pos : e.start])
        out.append(e.text)
        pos = e.end
    out.append(code[pos:])
    return "".join(out)


@record(frozen=True)
class OffsetMap:
    """Maps offsets of the edited text back to the original: an offset or the index of an edit."""

    edits: tuple[Edit, ...]

    def back(self, offset: int) -> tuple[int | None, int | None]:
        """(original offset, None) outside any edit; (None, edit index) inside new text."""
        shift = 0
        for index, e in enumerate(self.edits):
            new_start = e.start + shift
            new_end = new_start + len(e.text)
            if offset < new_start:
                return offset - shift, None
            if offset < new_end or (e.start == e.end and offset == new_start and not e.text):
                return None, index
            shift += len(e.text) - (e.end - e.start)
        return offset - shift, None


def line_starts(code: str) -> list[int]:
    starts = [0]
    for i, ch in enumerate(code):
        if ch == "\n":
            starts.append(i + 1)
    return starts


def offset_of(starts: Sequence[int], line: int, column: int) -> int:
    """1-based line and column (characters) to a character offset."""
    line = max(1, min(line, len(starts)))
    return starts[line - 1] + max(0, column - 1)


def indentation_at(code: str, offset: int) -> str:
    start = code.rfind("\n", 0, offset) + 1
    line = code[start:]
    return line[: len(line) - len(line.lstrip(" \t"))]


def statement_removal(code: str, node: SgNode) -> Edit:
    """Remove a statement; the whole line when it stands alone on it, so no blank line is left."""
    rng = node.range()
    start, end = rng.start.index, rng.end.index
    line_start = code.rfind("\n", 0, start) + 1
    line_end = code.find("\n", end)
    line_end = len(code) if line_end == -1 else line_end
    tail = code[end:line_end]
    if code[line_start:start].strip() == "" and tail.strip() in ("", ";"):
        return Edit(line_start, min(line_end + 1, len(code)), "")
    if tail.startswith(";"):
        end += 1
        tail = tail[1:]
    stripped = tail.lstrip(" \t")
    if code[line_start:start].strip() == "" and stripped.startswith(("//", "#", "/*")):
        end += len(tail) - len(stripped)  # keep a trailing comment, at the statement's indentation
    return Edit(start, end, "")
