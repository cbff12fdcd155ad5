"""Inline suppressions: `vsguard: ignore[RULE-ID, ...] reason` and Bandit's `nosec`.

A marker applies to its own line and, when it stands alone on a comment line, to the next line.
`vsguard: ignore` without ids, and a bare `nosec`, silence every rule there. `nosec B602, B607`
names Bandit tests: each silences the vsguard rules that check the same thing (the table below),
and a Bandit test vsguard has no counterpart for silences nothing of ours. Suppressed findings
are kept and counted, never silently dropped.
"""

from __future__ import annotations

import re

from vsguard.records import record

_MARKER = re.compile(
    r"(?:#|//|/\*|--)\s*(?:vsguard:\s*ignore(?:\[(?P<ids>[^\]]*)\])?|nosec\b:?(?:\s*(?P<nosec>[\w, -]+))?)",
    re.I,
)
_COMMENT_ONLY = re.compile(r"^\s*(#|//|/\*|--)")
_BANDIT_ID = re.compile(r"^B\d{3}$", re.I)
_RULE_ID = re.compile(r"^[a-z]+(-[a-z0-9]+)+$")

# Bandit test id -> vsguard rules that report the same weakness.
BANDIT_EQUIVALENTS: dict[str, frozenset[str]] = {
    k: frozenset(v)
    for k, v in {
        "B102": ["py-eval"],
        "B104": ["py-bind-all-interfaces"],
        "B105": ["hardcoded-secret"],
        "B106": ["hardcoded-secret"],
        "B107": ["hardcoded-secret"],
        "B108": ["py-insecure-tempfile"],
        "B201": ["py-debug-enabled"],
        "B301": ["py-pickle-load"],
        "B302": ["py-pickle-load"],
        "B303": ["py-weak-hash", "py-weak-password-hash"],
        "B304": ["py-weak-cipher"],
        "B305": ["py-weak-cipher"],
        "B306": ["py-insecure-tempfile"],
        "B307": ["py-eval"],
        "B308": ["py-xss"],
        "B310": ["py-ssrf"],
        "B311": ["py-insecure-random"],
        "B313": ["py-xxe"],
        "B314": ["py-xxe"],
        "B315": ["py-xxe"],
        "B316": ["py-xxe"],
        "B317": ["py-xxe"],
        "B318": ["py-xxe"],
        "B319": ["py-xxe"],
        "B320": ["py-xxe"],
        "B323": ["py-tls-verify-disabled"],
        "B324": ["py-weak-hash", "py-weak-password-hash"],
        "B501": ["py-tls-verify-disabled"],
        "B505": ["py-weak-key-size"],
        "B506": ["py-yaml-unsafe-load"],
        "B602": ["py-subprocess-shell"],
        "B604": ["py-subprocess-shell"],
        "B605": ["py-os-system"],
        "B608": ["py-sql-injection"],
        "B610": ["py-sql-injection"],
        "B611": ["py-sql-injection"],
        "B703": ["py-xss"],
        "B704": ["py-xss"],
    }.items()
}


@record(frozen=True)
class Suppression:
    """An ignore comment: the rules it names."""

    rule_ids: frozenset[str] | None  # None: every rule


def _parse(match: re.Match[str]) -> Suppression:
    ids = match.group("ids")
    if ids is not None:
        wanted = frozenset(i.strip() for i in ids.split(",") if i.strip())
        return Suppression(rule_ids=wanted or None)
    tokens = [t for t in re.split(r"[\s,]+", match.group("nosec") or "") if t]
    named = [t for t in tokens if _BANDIT_ID.match(t) or _RULE_ID.match(t)]
    if not named:
        return Suppression(rule_ids=None)  # a bare `nosec` (any words after it are a comment)
    rules: set[str] = set()
    for token in named:
        rules |= BANDIT_EQUIVALENTS.get(token.upper(), frozenset()) if _BANDIT_ID.match(token) else {token}
    return Suppression(rule_ids=frozenset(rules))


def suppressions_by_line(code: str) -> dict[int, list[Suppression]]:
    """1-based line -> suppressions in force on that line."""
    found: dict[int, list[Suppression]] = {}
    lowered = code.lower()
    if "vsguard" not in lowered and "nosec" not in lowered:
        return found
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
