"""Regexes compiled when a text first could match them, not when a module or catalog loads.

Python compiles a regex in Python code, and the taint catalogs and secret detectors hold a few
hundred of them: compiling all of them cost a one-file scan more than its analysis. A `LazyRegex`
compiles on first use, and when the regex's words are known ahead (`prefilter_words.json`: words
one of which every match contains) a text with none of them is answered "no match" without
compiling at all. The words are never guessed (see `prefilter`), so the answer is always the
compiled regex's answer.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from vsguard.engine.prefilter import AnchorMatcher, anchor_matcher, listed_anchors
from vsguard.records import fields

_UNKNOWN = object()
_LEADING_FLAGS = re.compile(r"\(\?([aiLmsux]+)\)")


class LazyRegex:
    """The subset of `re.Pattern` the engine uses, compiled on demand."""

    __slots__ = ("_compiled", "_matcher", "flags", "pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags
        self._compiled: re.Pattern[str] | None = None
        self._matcher: AnchorMatcher | object | None = _UNKNOWN

    def compiled(self) -> re.Pattern[str]:
        found = self._compiled
        if found is None:
            found = self._compiled = re.compile(self.pattern, self.flags)
        return found

    def _hopeless(self, text: str) -> bool:
        """True when no match is possible: none of the regex's known words occurs in `text`."""
        if self._compiled is not None:
            return False
        matcher = self._matcher
        if matcher is _UNKNOWN:
            # flags change what the words mean (IGNORECASE): only the plain form is listed
            anchors = listed_anchors(self.pattern) if self.flags == 0 else None
            matcher = self._matcher = anchor_matcher(anchors)
        return isinstance(matcher, AnchorMatcher) and not matcher.search(text)

    # a match starting at `pos` is a match in `text`: testing the whole text for words is sound
    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        return None if self._hopeless(text) else self.compiled().search(text, pos)

    def match(self, text: str, pos: int = 0) -> re.Match[str] | None:
        return None if self._hopeless(text) else self.compiled().match(text, pos)

    def fullmatch(self, text: str) -> re.Match[str] | None:
        return None if self._hopeless(text) else self.compiled().fullmatch(text)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return iter(()) if self._hopeless(text) else self.compiled().finditer(text)

    def sub(self, repl: str | Callable[[re.Match[str]], str], text: str) -> str:
        return text if self._hopeless(text) else self.compiled().sub(repl, text)

    @property
    def ignores_case(self) -> bool:
        """The whole regex ignores case (a flag given, or a leading inline `(?i)`), read uncompiled."""
        lead = _LEADING_FLAGS.match(self.pattern)
        return bool(self.flags & re.IGNORECASE) or (lead is not None and "i" in lead.group(1))

    def __repr__(self) -> str:
        return f"LazyRegex({self.pattern!r})"


Regex = re.Pattern[str] | LazyRegex


def ignores_case(pattern: Regex) -> bool:
    if isinstance(pattern, LazyRegex):
        return pattern.ignores_case
    return bool(pattern.flags & re.IGNORECASE)


def lazy(pattern: str, flags: int = 0) -> LazyRegex:
    return LazyRegex(pattern, flags)


def lazy_patterns(value: object) -> Iterator[str]:
    """The pattern of every `LazyRegex` in `value`: records, tuples, lists and dicts walked."""
    if isinstance(value, LazyRegex):
        yield value.pattern
    elif isinstance(value, tuple | list):
        for item in value:
            yield from lazy_patterns(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from lazy_patterns(item)
    elif hasattr(type(value), "__record_fields__"):
        for f in fields(value):
            yield from lazy_patterns(getattr(value, f.name))
