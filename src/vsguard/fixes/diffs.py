"""Unified diffs of a rewrite: the whole file, or one finding's change with only its own lines read."""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

from vsguard.fixes.edits import Edit, apply

_CONTEXT = 3
_HUNK = re.compile(r"^@@ -(\d+)(,\d+)? \+(\d+)(,\d+)? @@")


def unified_diff(original: str, fixed: str, name: str) -> str:
    return "".join(
        difflib.unified_diff(
            original.splitlines(keepends=True),
            fixed.splitlines(keepends=True),
            f"a/{name.lstrip('/')}",
            f"b/{name.lstrip('/')}",
        )
    )


def local_diff(code: str, edits: Sequence[Edit], name: str) -> str:
    """The diff of `edits` alone, computed on the lines they touch plus context, so that a file
    with many findings costs each finding its own few lines, not the whole file."""
    if not edits:
        return ""
    first = min(e.start for e in edits)
    last = max(e.end for e in edits)
    start = first
    for _ in range(_CONTEXT + 1):  # back to the start of the line, then `_CONTEXT` lines more
        start = code.rfind("\n", 0, max(0, start - 1)) + 1 if start > 0 else 0
    end = last
    for _ in range(_CONTEXT + 1):
        found = code.find("\n", end)
        end = len(code) if found < 0 else found + 1
    region = code[start:end]
    shifted = [Edit(e.start - start, e.end - start, e.text) for e in edits]
    body = unified_diff(region, apply(region, shifted), name)
    offset = code.count("\n", 0, start)
    return "".join(_shift_hunk(line, offset) for line in body.splitlines(keepends=True))


def _shift_hunk(line: str, offset: int) -> str:
    m = _HUNK.match(line)
    if m is None or offset == 0:
        return line
    old, old_len, new, new_len = m.group(1), m.group(2) or "", m.group(3), m.group(4) or ""
    head = f"@@ -{int(old) + offset}{old_len} +{int(new) + offset}{new_len} @@"
    return head + line[m.end() :]
