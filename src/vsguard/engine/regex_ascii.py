"""Rewrite rule regexes to ASCII forms before they reach ast-grep.

ast-grep compiles every regex of a rule on each `find_all`, and Rust's Unicode-aware `\\w`, `\\d`,
`\\s` and case folding (`(?i)`) each cost a tenth of a millisecond or more to build, more than the
matching itself. Code is matched on identifiers, keywords and literals, so ASCII forms say what
the rules mean: `\\w` becomes `[0-9A-Za-z_]`, `\\d` `[0-9]`, `\\s` ASCII whitespace, `\b` an ASCII
word boundary, and a case-insensitive letter `a` becomes `[aA]`. A pattern this rewriter does not
fully understand (other inline flags, Unicode classes) is passed through unchanged.
"""

from __future__ import annotations

from functools import cache

_OUTSIDE = {
    "w": "[0-9A-Za-z_]",
    "W": "[^0-9A-Za-z_]",
    "d": "[0-9]",
    "D": "[^0-9]",
    "s": "[\\t\\n\\x0B\\f\\r ]",
    "S": "[^\\t\\n\\x0B\\f\\r ]",
    "b": "(?-u:\\b)",
    "B": "(?-u:\\B)",
}
_INSIDE = {"w": "0-9A-Za-z_", "d": "0-9", "s": "\\t\\n\\x0B\\f\\r "}
_BAIL = frozenset("pPuUxXN")  # escapes whose rewriting needs a real parser: leave the pattern alone


class _Unsupported(ValueError):
    pass


@cache
def ascii_regex(pattern: str) -> str:
    try:
        return _rewrite(pattern)
    except _Unsupported:
        return pattern


def _rewrite(pattern: str) -> str:
    out: list[str] = []
    i, n = 0, len(pattern)
    folding = [False]  # case-insensitivity per open group
    if pattern.startswith("(?i)"):
        folding[0] = True
        i = 4
    while i < n:
        ch = pattern[i]
        if ch == "\\":
            if i + 1 >= n or pattern[i + 1] in _BAIL:
                raise _Unsupported
            out.append(_OUTSIDE.get(pattern[i + 1], ch + pattern[i + 1]))
            i += 2
        elif ch == "[":
            i = _char_class(pattern, i, out, folding[-1])
        elif ch == "(":
            if pattern.startswith("(?i:", i):
                out.append("(?:")
                folding.append(True)
                i += 4
            elif pattern.startswith("(?:", i):
                out.append("(?:")
                folding.append(folding[-1])
                i += 3
            elif pattern.startswith("(?P<", i) or pattern.startswith("(?<", i):
                end = pattern.index(">", i)
                out.append(pattern[i : end + 1])
                folding.append(folding[-1])
                i = end + 1
            elif pattern.startswith("(?", i):
                raise _Unsupported  # other inline flags
            else:
                out.append("(")
                folding.append(folding[-1])
                i += 1
        elif ch == ")":
            if len(folding) > 1:
                folding.pop()
            out.append(ch)
            i += 1
        elif ch == "{":
            end = pattern.find("}", i)
            if end < 0:
                raise _Unsupported
            out.append(pattern[i : end + 1])  # a repetition count: no letters to fold
            i = end + 1
        elif folding[-1] and ch.isascii() and ch.isalpha():
            out.append(f"[{ch.lower()}{ch.upper()}]")
            i += 1
        else:
            if not ch.isascii() and folding[-1]:
                raise _Unsupported
            out.append(ch)
            i += 1
    return "".join(out)


def _char_class(pattern: str, i: int, out: list[str], fold: bool) -> int:
    """Copy the class starting at `pattern[i] == "["`, rewritten; returns the index after it."""
    n = len(pattern)
    out.append("[")
    i += 1
    if i < n and pattern[i] == "^":
        out.append("^")
        i += 1
    first = True
    while i < n:
        ch = pattern[i]
        if ch == "]" and not first:
            out.append("]")
            return i + 1
        first = False
        if ch == "[":
            raise _Unsupported  # nested or POSIX classes
        if ch == "\\":
            if i + 1 >= n or pattern[i + 1] in _BAIL or pattern[i + 1] in "WDSbB":
                raise _Unsupported
            out.append(_INSIDE.get(pattern[i + 1], ch + pattern[i + 1]))
            i += 2
            continue
        if fold and ch.isascii() and ch.isalpha():
            if i + 2 < n and pattern[i + 1] == "-" and pattern[i + 2].isascii() and pattern[i + 2].isalpha():
                low, high = ch, pattern[i + 2]
                if low.islower() != high.islower():
                    raise _Unsupported
                out.append(f"{low.lower()}-{high.lower()}{low.upper()}-{high.upper()}")
                i += 3
                continue
            out.append(ch.lower() + ch.upper())
            i += 1
            continue
        if fold and not ch.isascii():
            raise _Unsupported
        out.append(ch)
        i += 1
    raise _Unsupported  # unterminated class


def ascii_config(value: object) -> object:
    """A copy of an ast-grep config with every `regex` value rewritten (other keys untouched)."""
    if isinstance(value, dict):
        return {
            k: (ascii_regex(v) if k == "regex" and isinstance(v, str) else ascii_config(v))
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [ascii_config(v) for v in value]
    return value
