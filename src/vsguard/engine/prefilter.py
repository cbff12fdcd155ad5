"""Cheap text pre-checks: words a rule cannot match without, so most rules skip most files.

`anchors(...)` gives a set of words of which at least one must occur in any text the rule matches,
or None when no such set can be derived (the rule then always runs). Derived from ast-grep
patterns (their literal identifiers) and regexes (their required literal runs, read from the
regex parse tree); never guessed, so a prefilter can only save work, not lose a finding.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from functools import cache
from typing import Any

try:  # the regex parser moved in 3.11; both names are the same module
    # typeshed has no stubs for these private modules, so they are untyped here
    from re import _constants as sre_constants  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    import sre_constants
    import sre_parse

Anchors = frozenset[str] | None  # None: no requirement derivable
# One parsed regex item: (opcode, argument); the argument's type depends on the opcode.
RegexItem = tuple[object, Any]
_IDENT = re.compile(r"(?<![$\w])[A-Za-z_][A-Za-z0-9_]*")
_MIN_LEN = 3
_KEYWORDS = frozenset({"and", "or", "not", "in", "is", "None", "True", "False", "def", "for", "if", "else"})


# Words found in most code: an anchor set made of them filters little, so another is preferred.
_COMMON = frozenset(
    {
        "objects",
        "new",
        "text",
        "value",
        "values",
        "get",
        "set",
        "self",
        "data",
        "run",
        "call",
        "load",
        "open",
        "read",
        "find",
        "search",
        "match",
        "split",
        "sub",
        "parse",
        "log",
        "info",
        "error",
        "debug",
        "warning",
        "items",
        "list",
        "dict",
        "name",
        "type",
        "format",
        "join",
        "exec",
        "render",
        "path",
        "request",
        "response",
        "result",
        "update",
        "delete",
        "post",
        "put",
        "patch",
    }
)


def best_anchors(options: list[frozenset[str]]) -> frozenset[str] | None:
    """The most selective requirement: fewest common words, then the longest shortest word
    (short words occur everywhere), then the fewest alternatives."""
    if not options:
        return None
    return min(options, key=_selectivity)


@cache
def _is_common(word: str) -> bool:
    low = word.lower()
    return any(low in common for common in _COMMON)


_best = best_anchors


def pattern_anchors(pattern: str) -> Anchors:
    words = [w for w in _IDENT.findall(pattern) if len(w) >= _MIN_LEN and w not in _KEYWORDS]
    if not words:
        return None
    return frozenset({max(words, key=len)})


# Parsing a rule's regexes to derive their words cost a one-file scan more than its matching, so
# the words of every regex in the bundled rules and catalogs are derived ahead into this file
# (`python scripts/build_checked_data.py`; a test proves each entry is what the functions below
# derive). Keyed by the regex itself: any other regex is derived when first seen.
TABLE_NAME = "prefilter_words.json"
_NOT_LISTED = object()


@cache
def _table() -> dict[str, dict[str, Any]]:
    """{"anchors": {regex: words or null}, "requirements": {regex: [words, ...]}}; empty if absent."""
    from importlib import resources

    try:
        text = resources.files("vsguard.engine").joinpath(TABLE_NAME).read_text(encoding="utf-8")
    except FileNotFoundError:
        return {"anchors": {}, "requirements": {}}
    table: dict[str, dict[str, Any]] = json.loads(text)
    return table


@cache
def regex_anchors(pattern: str) -> Anchors:
    """Words one of which any match of `pattern` contains, in lower case if the regex ignores case."""
    listed = _table()["anchors"].get(pattern, _NOT_LISTED)
    if listed is not _NOT_LISTED:
        return None if listed is None else frozenset(listed)
    return derive_regex_anchors(pattern)


def listed_anchors(pattern: str) -> Anchors:
    """`regex_anchors` when the table lists the regex, else None (nothing derived at run time)."""
    listed = _table()["anchors"].get(pattern)
    return None if listed is None else frozenset(listed)


def derive_regex_anchors(pattern: str) -> Anchors:
    """`regex_anchors` read from the regex's parse tree."""
    try:
        parsed = sre_parse.parse(pattern)
    except (re.error, RecursionError, OverflowError):
        return None
    ignore_case = bool(parsed.state.flags & re.IGNORECASE)
    found = _sequence(list(parsed), ignore_case)
    if found is None:
        return None
    return frozenset(w.lower() for w in found) if ignore_case else found


def _sequence(items: list[RegexItem], ignore_case: bool) -> Anchors:
    """The most selective word set a match of a parsed regex sequence implies (None: none)."""
    return _best(_implied_sets(items, ignore_case, _most_selective, _union_of_alternatives))


def _most_selective(sets: list[frozenset[str]]) -> list[frozenset[str]]:
    best = _best(sets)
    return [] if best is None else [best]


def _union_of_alternatives(branches: list[list[frozenset[str]]]) -> list[frozenset[str]]:
    """A match of any alternative contains a word of the union of their (single) sets."""
    if not all(branches):
        return []
    return [frozenset().union(*(branch[0] for branch in branches))]


def _leading_literal(items: list[RegexItem]) -> str:
    out: list[str] = []
    for op, av in items:
        if op is not sre_constants.LITERAL:
            break
        out.append(chr(av))
    return "".join(out)


Requirements = tuple[frozenset[str], ...]  # every set needs one of its words in the text
_MAX_CLAUSES = 64  # distributing `any` over `all` can multiply sets; beyond this, keep one per branch


def rule_anchors(config: object, utils: object = None) -> Anchors:
    """Anchors of an ast-grep rule object (the value of `rule:`): its most selective requirement."""
    return _best(list(rule_requirements(config, utils)))


def rule_requirements(config: object, utils: object = None) -> Requirements:
    """Word sets a text must contain one word of each, for an ast-grep rule object to match in it.

    Every sub-rule a match must satisfy (`pattern`, `regex`, relational rules, `all` members, the
    utility rules `matches` names) adds its set; `any` keeps only sets that each branch implies.
    `not` adds nothing. `utils` is the rule's `utils:` mapping.
    """
    found = _requirements(config, utils if isinstance(utils, dict) else {}, frozenset())
    return tuple(dict.fromkeys(found))


def _requirements(config: object, utils: dict[str, object], seen: frozenset[str]) -> list[frozenset[str]]:
    if not isinstance(config, dict):
        return []
    out: list[frozenset[str]] = []
    pattern = config.get("pattern")
    if isinstance(pattern, dict):
        pattern = pattern.get("context")
    if isinstance(pattern, str):
        found = pattern_anchors(pattern)
        if found:
            out.append(found)
    if isinstance(config.get("regex"), str):
        out += regex_requirements(config["regex"])
    for key in ("has", "inside", "follows", "precedes"):
        out += _requirements(config.get(key), utils, seen)
    if isinstance(config.get("all"), list):
        for sub in config["all"]:
            out += _requirements(sub, utils, seen)
    name = config.get("matches")
    if isinstance(name, str) and name in utils and name not in seen:
        out += _requirements(utils[name], utils, seen | {name})
    if isinstance(config.get("any"), list):
        out += _any_requirements([_requirements(sub, utils, seen) for sub in config["any"]])
    return out


@cache
def regex_requirements(pattern: str) -> Requirements:
    """Like `regex_anchors`, but every word set a match implies, not only the most selective one:
    `os\\.environ\\[(OPENAI|GROQ)_API` gives {environ}, {OPENAI, GROQ} and {API}."""
    listed = _table()["requirements"].get(pattern)
    if listed is not None:
        return tuple(frozenset(words) for words in listed)
    return derive_regex_requirements(pattern)


def derive_regex_requirements(pattern: str) -> Requirements:
    """`regex_requirements` read from the regex's parse tree."""
    try:
        parsed = sre_parse.parse(pattern)
    except (re.error, RecursionError, OverflowError):
        return ()
    ignore_case = bool(parsed.state.flags & re.IGNORECASE)
    found = _sequence_requirements(list(parsed), ignore_case)
    if ignore_case:
        found = [frozenset(w.lower() for w in words) for words in found]
    return tuple(dict.fromkeys(found))


def _sequence_requirements(items: list[RegexItem], ignore_case: bool) -> list[frozenset[str]]:
    """Every word set a match of a parsed regex sequence implies."""
    return _implied_sets(items, ignore_case, list, _any_requirements)


Select = Callable[[list[frozenset[str]]], list[frozenset[str]]]
Combine = Callable[[list[list[frozenset[str]]]], list[frozenset[str]]]


def _implied_sets(
    items: list[RegexItem], ignore_case: bool, select: Select, any_of: Combine
) -> list[frozenset[str]]:
    """Word sets a match of a parsed regex sequence implies, in order: literal runs give their
    words; groups, alternations and repeats at least once give what `select` keeps of their own
    sets, alternations through `any_of` (which combines what each alternative implies)."""
    out: list[frozenset[str]] = []
    run: list[str] = []

    def flush() -> None:
        for word in re.findall(r"[A-Za-z0-9_]+", "".join(run)):
            if len(word) >= _MIN_LEN:
                out.append(frozenset({word}))
        run.clear()

    def nested(sub: list[RegexItem], case: bool) -> list[frozenset[str]]:
        return select(_implied_sets(sub, case, select, any_of))

    for op, av in items:
        if op is sre_constants.LITERAL:
            run.append(chr(av))
            continue
        if op is sre_constants.SUBPATTERN:
            group_flags = av[1] | av[2] if len(av) >= 3 else 0
            inner = nested(list(av[-1]), ignore_case or bool(group_flags & re.IGNORECASE))
            flush()
            if not (group_flags & re.IGNORECASE and not ignore_case):  # mixed case sensitivity
                out += inner
            continue
        if op is sre_constants.BRANCH:
            # The parser moves a shared start out of the alternatives (`eval|exec` becomes
            # `e(?:val|xec)`): glue the pending literal back onto each alternative's first word.
            pending = "".join(run)
            heads = [_leading_literal(list(b)) for b in av[1]]
            tail = re.findall(r"[A-Za-z0-9_]+$", pending)
            if tail and all((h and h[0].isalnum()) or h.startswith("_") for h in heads):
                words = {tail[0] + re.split(r"[^A-Za-z0-9_]", h, maxsplit=1)[0] for h in heads}
                if all(len(w) >= _MIN_LEN for w in words):
                    out.append(frozenset(words))
            flush()
            out += any_of([nested(list(b), ignore_case) for b in av[1]])
            continue
        if op in (
            sre_constants.MAX_REPEAT,
            sre_constants.MIN_REPEAT,
            getattr(sre_constants, "POSSESSIVE_REPEAT", None),
        ):
            flush()
            if av[0] >= 1:
                out += nested(list(av[2]), ignore_case)
            continue
        if op is sre_constants.AT:
            continue  # anchors like ^ and \b do not break a literal run's requirement
        flush()
    flush()
    return out


def _any_requirements(branches: list[list[frozenset[str]]]) -> list[frozenset[str]]:
    """Sets implied by a match of any one branch: (A and B) or C gives (A or C) and (B or C).

    When that would make more than `_MAX_CLAUSES` sets, each branch keeps only its most selective
    sets (dropping a set only weakens the check, it never rejects a text that could match)."""
    if not branches or not all(branches):
        return []  # a branch without requirements can match anything
    keep = max(1, int(_MAX_CLAUSES ** (1 / len(branches))))
    if math.prod(len(b) for b in branches) > _MAX_CLAUSES:
        branches = [sorted(b, key=_selectivity)[:keep] for b in branches]
    combos: list[frozenset[str]] = [frozenset()]
    for branch in branches:
        combos = [c | b for c in combos for b in branch]
    return combos


def _selectivity(words: frozenset[str]) -> tuple[int, int, int]:
    """Sort key, most selective first: see `best_anchors`."""
    return (sum(_is_common(w) for w in words), -min(len(w) for w in words), len(words))


def present(anchors: Anchors, text: str, lowered: str | None = None) -> bool:
    """True when the text could match: no anchors known, or one of them occurs."""
    matcher = anchor_matcher(anchors)
    return matcher is None or matcher.search(text, lowered)


class TextWords:
    """Which words occur in one text, each word searched for once however many rules name it.

    A lower-case word is looked for case-insensitively (it may come from a case-insensitive
    regex), any other word exactly, as `AnchorMatcher` does.
    """

    __slots__ = ("_known", "_lowered", "_text")

    def __init__(self, text: str, lowered: str | None = None) -> None:
        self._text = text
        self._lowered = text.lower() if lowered is None else lowered
        self._known: dict[str, bool] = {}

    def any_of(self, words: frozenset[str]) -> bool:
        known = self._known
        for word in words:
            hit = known.get(word)
            if hit is None:
                hit = known[word] = word in (self._lowered if word.islower() else self._text)
            if hit:
                return True
        return False

    def all_of(self, requirements: Requirements) -> bool:
        """True when every requirement has a word in the text (no requirements: always true)."""
        return all(self.any_of(words) for words in requirements)


class AnchorMatcher:
    """Finds whether any anchor occurs in a text; plain substring tests beat one big regex here."""

    __slots__ = ("exact", "folded")

    def __init__(self, anchors: frozenset[str]) -> None:
        # Lower-case anchors may come from case-insensitive regexes: test them case-insensitively.
        self.exact = tuple(sorted((w for w in anchors if not w.islower()), key=len, reverse=True))
        self.folded = tuple(sorted((w for w in anchors if w.islower()), key=len, reverse=True))

    def search(self, text: str, lowered: str | None = None) -> bool:
        for word in self.exact:
            if word in text:
                return True
        if self.folded:
            if lowered is None:
                lowered = text.lower()
            for word in self.folded:
                if word in lowered:
                    return True
        return False


_MATCHERS: dict[frozenset[str], AnchorMatcher] = {}


def anchor_matcher(anchors: Anchors) -> AnchorMatcher | None:
    """A matcher for the anchors, or None when there is no requirement (everything may match)."""
    if anchors is None:
        return None
    found = _MATCHERS.get(anchors)
    if found is None:
        if len(_MATCHERS) > 1024:
            _MATCHERS.clear()
        found = _MATCHERS[anchors] = AnchorMatcher(anchors)
    return found
