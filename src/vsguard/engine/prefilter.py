"""Cheap text pre-checks: words a rule cannot match without, so most rules skip most files.

`anchors(...)` gives a set of words of which at least one must occur in any text the rule matches,
or None when no such set can be derived (the rule then always runs). Derived from ast-grep
patterns (their literal identifiers) and regexes (their required literal runs, read from the
regex parse tree); never guessed, so a prefilter can only save work, not lose a finding.
"""

from __future__ import annotations

import re
from functools import cache

try:  # the regex parser moved in 3.11; both names are the same module
    from re import _parser as sre_parse  # type: ignore[attr-defined]
    from re import _constants as sre_constants  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

Anchors = frozenset[str] | None  # None: no requirement derivable
_IDENT = re.compile(r"(?<![$\w])[A-Za-z_][A-Za-z0-9_]*")
_MIN_LEN = 3
_KEYWORDS = frozenset({"and", "or", "not", "in", "is", "None", "True", "False", "def", "for", "if", "else"})


def _best(options: list[frozenset[str]]) -> frozenset[str] | None:
    """The most selective requirement: fewest alternatives, then longest shortest word."""
    if not options:
        return None
    return min(options, key=lambda s: (len(s), -min(len(w) for w in s)))


def pattern_anchors(pattern: str) -> Anchors:
    words = [w for w in _IDENT.findall(pattern) if len(w) >= _MIN_LEN and w not in _KEYWORDS]
    if not words:
        return None
    return frozenset({max(words, key=len)})


@cache
def regex_anchors(pattern: str) -> Anchors:
    """Words one of which any match of `pattern` contains, in lower case if the regex ignores case."""
    try:
        parsed = sre_parse.parse(pattern)
    except (re.error, RecursionError, OverflowError):
        return None
    ignore_case = bool(parsed.state.flags & re.IGNORECASE)
    found = _sequence(list(parsed), ignore_case)
    if found is None:
        return None
    return frozenset(w.lower() for w in found) if ignore_case else found


def _sequence(items: list, ignore_case: bool) -> Anchors:  # noqa: C901 - one case per regex node kind
    options: list[frozenset[str]] = []
    run: list[str] = []

    def flush() -> None:
        text = "".join(run)
        for word in re.findall(r"[A-Za-z0-9_]+", text):
            if len(word) >= _MIN_LEN:
                options.append(frozenset({word}))
        run.clear()

    for op, av in items:
        if op is sre_constants.LITERAL:
            run.append(chr(av))
            continue
        if op is sre_constants.SUBPATTERN:
            group_flags = av[1] | av[2] if len(av) >= 3 else 0
            inner = _sequence(list(av[-1]), ignore_case or bool(group_flags & re.IGNORECASE))
            if group_flags & re.IGNORECASE and not ignore_case:
                inner = None  # mixed case sensitivity: do not rely on it
            flush()
            if inner is not None:
                options.append(inner)
            continue
        if op is sre_constants.BRANCH:
            flush()
            alternatives = [_sequence(list(b), ignore_case) for b in av[1]]
            if all(a is not None for a in alternatives):
                options.append(frozenset().union(*alternatives))  # type: ignore[arg-type]
            continue
        if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, getattr(sre_constants, "POSSESSIVE_REPEAT", None)):
            low = av[0]
            flush()
            if low >= 1:
                inner = _sequence(list(av[2]), ignore_case)
                if inner is not None:
                    options.append(inner)
            continue
        if op is sre_constants.AT:
            continue  # anchors like ^ and \b do not break a literal run's requirement
        flush()
    flush()
    return _best(options)


def rule_anchors(config: object) -> Anchors:  # noqa: C901, PLR0911 - one case per ast-grep rule key
    """Anchors of an ast-grep rule object (the value of `rule:`)."""
    if not isinstance(config, dict):
        return None
    options: list[frozenset[str]] = []
    if isinstance(config.get("pattern"), str):
        found = pattern_anchors(config["pattern"])
        if found:
            options.append(found)
    elif isinstance(config.get("pattern"), dict) and isinstance(config["pattern"].get("context"), str):
        found = pattern_anchors(config["pattern"]["context"])
        if found:
            options.append(found)
    if isinstance(config.get("regex"), str):
        found = regex_anchors(config["regex"])
        if found:
            options.append(found)
    for key in ("has", "inside", "follows", "precedes"):
        found = rule_anchors(config.get(key))
        if found:
            options.append(found)
    if isinstance(config.get("all"), list):
        for sub in config["all"]:
            found = rule_anchors(sub)
            if found:
                options.append(found)
    if isinstance(config.get("any"), list):
        branches = [rule_anchors(sub) for sub in config["any"]]
        if branches and all(b for b in branches):
            options.append(frozenset().union(*branches))  # type: ignore[arg-type]
    return _best(options)


def present(anchors: Anchors, text: str, lowered: str | None = None) -> bool:
    """True when the text could match: no anchors known, or one of them occurs."""
    if anchors is None:
        return True
    for word in anchors:
        if word in text:
            return True
        if word.islower() and lowered is not None and word in lowered:
            return True
    return False


def anchor_regex(anchors: Anchors) -> re.Pattern[str] | None:
    """One regex finding any of the anchors (lower-case anchors also in any case), or None."""
    if anchors is None:
        return None
    exact = sorted((w for w in anchors if not w.islower()), key=len, reverse=True)
    folded = sorted((w for w in anchors if w.islower()), key=len, reverse=True)
    parts = [re.escape(w) for w in exact] + [f"(?i:{re.escape(w)})" for w in folded]
    return re.compile("|".join(parts)) if parts else re.compile(r"(?!)")
