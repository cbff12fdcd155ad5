"""Inline suppressions: `vsguard: ignore[RULE-ID, ...] reason` and Bandit's `nosec`.

A marker applies to its own line and, when it stands alone on a comment line, to the next line.
Suppressed findings are kept and counted, never silently dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MARKER = re.compile(
    r"(?:#|//|/\*|--)\s*(?:vsguard:\s*ignore(?:\[(?P<ids>[^\]]*)\])?|nosec\b(?:\s+(?P<nosec>[\w, -]+))?)",
    re.I,
)
_COMMENT_ONLY = re.compile(r"^\s*(#|//|/\*|--)")


@dataclass(frozen=True)
class Suppression:
    rule_ids: frozenset[str] | None  # None: every rule


def _parse(match: re.Match[str]) -> Suppression:
    ids = match.group("ids")
    if ids is None:
        # Bandit's `nosec B602` names Bandit ids; those never equal ours, so treat as blanket.
        return Suppression(rule_ids=None)
    wanted = frozenset(i.strip() for i in ids.split(",") if i.strip())
    return Suppression(rule_ids=wanted or None)


def suppressions_by_line(code: str) -> dict[int, list[Suppression]]:
    """1-based line -> suppressions in force on that line."""
    found: dict[int, list[Suppression]] = {}
    for number, line in enumerate(code.splitlines(), start=1):
        match = _MARKER.search(line)
        if not match:
            continue
        sup = _parse(match)
        found.setdefault(number, []).append(sup)
        if _COMMENT_ONLY.match(line):
            found.setdefault(number + 1, []).append(sup)
    return found


def is_suppressed(rule_id: str, lines: range, table: dict[int, list[Suppression]]) -> bool:
    for line in lines:
        for sup in table.get(line, ()):
            if sup.rule_ids is None or rule_id in sup.rule_ids:
                return True
    return False
