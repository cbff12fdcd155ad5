"""Parse source with tree-sitter (through ast-grep). Never executes the code it reads."""

from __future__ import annotations

import operator
import re
from itertools import accumulate

from ast_grep_py import SgNode, SgRoot

from vsguard.engine.languages import GRAMMARS


class NestedTooDeeply(ValueError):
    """The text nests deeper than the grammar's parser can take; the message says how, for `Skipped`."""


# Tree-sitter keeps an external scanner's state in 1024 bytes and aborts the whole process when a
# grammar's scanner needs more. The Python scanner spends 2 bytes per open indentation level: a
# string literal inside 511 nested blocks aborts, whatever the indent width (510 parse). The Kotlin
# one keeps an entry per open string template: 513 nested `"${` abort. The limits leave room for
# the rest of that state (open string quotes).
_MAX_INDENT_LEVELS = {"python": 400}
_MAX_BRACKET_DEPTH = {"kotlin": 400}
# No code nests brackets this deep; past it, trees are too deep for the later stages to be useful.
_MAX_BRACKET_DEPTH_ANY = 20_000

_LINE_INDENT = re.compile(r"^[ \t\f]*(?=[^\s#])", re.M)  # indentation of lines with code on them
_BRACKETS = re.compile(r"[()\[\]{}]")
_DEPTH_CHANGE = {"(": 1, "[": 1, "{": 1, ")": -1, "]": -1, "}": -1}


def indent_levels(code: str) -> int:
    """How many indentation levels are open at once at the deepest point (blocks nested).

    Counted as the tokenizer's stack of indents would grow, over lines holding code; continuation
    lines inside brackets count too, which can only overstate the depth.
    """
    stack: list[int] = [0]
    deepest = 0
    for match in _LINE_INDENT.finditer(code):
        width = match.end() - match.start()
        while width < stack[-1]:
            stack.pop()
        if width > stack[-1]:
            stack.append(width)
            deepest = max(deepest, len(stack) - 1)
    return deepest


def bracket_depth(code: str, at_most: int | None = None) -> int:
    """The deepest nesting of (), [] and {} in the raw text (strings and comments included).

    With `at_most`, a result known to be at most that is returned early (any value <= `at_most`).
    """
    # The depth at each bracket is the running sum less its lowest point so far (a stray closing
    # bracket does not make later nesting count less); every step runs in C, not a Python loop.
    totals = list(accumulate(map(_DEPTH_CHANGE.__getitem__, _BRACKETS.findall(code))))
    if not totals:
        return 0
    bound = max(totals) - min(0, min(totals))  # the lowest point taken over the whole text
    if at_most is not None and bound <= at_most:
        return bound
    lowest = accumulate(totals, min, initial=0)
    return max(map(operator.sub, totals, lowest), default=0)


def check_nesting(code: str, language: str) -> None:
    """Raise `NestedTooDeeply` for text the grammar's parser would not survive (a cheap text scan)."""
    indent_limit = _MAX_INDENT_LEVELS.get(language)
    if indent_limit is not None and "\n" in code:
        levels = indent_levels(code)
        if levels > indent_limit:
            raise NestedTooDeeply(f"{levels} nested indentation levels (more than {indent_limit})")
    bracket_limit = _MAX_BRACKET_DEPTH.get(language, _MAX_BRACKET_DEPTH_ANY)
    if code.count("(") + code.count("[") + code.count("{") > bracket_limit:
        depth = bracket_depth(code, at_most=bracket_limit)
        if depth > bracket_limit:
            raise NestedTooDeeply(f"brackets nested {depth} deep (more than {bracket_limit})")


def parse(code: str, language: str) -> SgNode:
    """Parse into a tree. Tree-sitter is error tolerant: broken snippets still give a tree.

    Raises `NestedTooDeeply` instead of parsing text nested so deeply that the parser would abort.
    """
    check_nesting(code, language)
    return SgRoot(code, GRAMMARS[language]).root()


def syntax_errors(code: str, language: str) -> list[int]:
    """1-based lines of ERROR nodes; empty when the code parses cleanly."""
    root = parse(code, language)
    return sorted({n.range().start.line + 1 for n in root.find_all(kind="ERROR")})
