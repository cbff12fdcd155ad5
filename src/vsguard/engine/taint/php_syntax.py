"""PHP syntax facts shared by the adapter's parts: node kinds, operators, escapes, name helpers."""

from __future__ import annotations

import re

from ast_grep_py import SgNode

from vsguard.engine.taint.adapter import unescaper

#: the object superglobals hang off (`$_GET` reads as `$._GET`), so the catalog's patterns hold
#: the words the code itself spells (`_GET`), which the text pre-checks look for
SUPERGLOBAL_ROOT = "$"
SUPERGLOBALS = frozenset({"_GET", "_POST", "_REQUEST", "_COOKIE", "_SERVER", "_FILES", "_ENV", "_SESSION"})
# `$argv` (the command line) is only set in a script's global scope, like the superglobals
SUPERGLOBALS_ALL = SUPERGLOBALS | {"GLOBALS", "argv"}

_NOT_CODE = frozenset({"comment", "php_tag", "php_end_tag", "text", "text_interpolation", "empty_statement"})
BLOCK_KINDS = frozenset(
    {"program", "compound_statement", "colon_block", "declaration_list", "ERROR", "switch_block"}
)
FUNCTION_KINDS = frozenset({"anonymous_function", "arrow_function", "anonymous_function_creation_expression"})
CLASS_KINDS = frozenset(
    {"class_declaration", "interface_declaration", "trait_declaration", "enum_declaration"}
)
ASSIGNMENTS = frozenset(
    {"assignment_expression", "reference_assignment_expression", "augmented_assignment_expression"}
)
JUMPS = frozenset({"break_statement", "continue_statement"})
INCLUDES = frozenset(
    {"include_expression", "include_once_expression", "require_expression", "require_once_expression"}
)
# `.` is PHP's concatenation: a chain of it is one assembled string (`ir.Format`)
BINARY_KINDS = frozenset({"binary_expression"})
COMPARISONS = {
    "===": "==",
    "==": "==",
    "!==": "!=",
    "!=": "!=",
    "<>": "!=",
    "<": "<",
    ">": ">",
    "<=": "<=",
    ">=": ">=",
    "instanceof": "is",
}
BOOLEAN_OPS = {"&&": "and", "and": "and", "||": "or", "or": "or", "??": "or"}
# casts whose result holds no text (`(int) $x`); other casts keep the value
NUMERIC_CASTS = frozenset({"int", "integer", "float", "double", "real", "bool", "boolean"})

_DOUBLE_ESCAPES = {
    "n": "\n",
    "t": "\t",
    "r": "\r",
    "v": "\v",
    "e": "\x1b",
    "f": "\f",
    "\\": "\\",
    "$": "$",
    '"': '"',
    "0": "\0",
}
unescape_double = unescaper(re.compile(r"\\(x[0-9a-fA-F]{1,2}|.)", re.S), _DOUBLE_ESCAPES, keep_unknown=True)
_SINGLE = re.compile(r"\\([\\'])")


def unescape_single(text: str) -> str:
    """Single-quoted PHP text: only `\\\\` and `\\'` are escapes."""
    return _SINGLE.sub(r"\1", text) if "\\" in text else text


def named(node: SgNode) -> list[SgNode]:
    return [c for c in node.children() if c.is_named() and c.kind() not in ("comment",)]


def code_children(node: SgNode) -> list[SgNode]:
    """Named children that are code (no comments, tags or inline HTML)."""
    return [c for c in node.children() if c.is_named() and c.kind() not in _NOT_CODE]


def variable(node: SgNode) -> str:
    """`$name` without its sigil."""
    return node.text().lstrip("$")


def qualified(text: str) -> str:
    """A PHP (namespace-)qualified name as a dotted name: `\\App\\Db` -> `App.Db`."""
    return text.strip().lstrip("\\").replace("\\", ".")


def number(text: str) -> object:
    clean = text.replace("_", "")
    try:
        if clean.lower().startswith(("0x", "0b", "0o")):
            return int(clean, 0)
        if clean.isdigit() and len(clean) > 1 and clean.startswith("0"):
            return int(clean, 8)
        value = float(clean)
        return int(value) if value.is_integer() and "." not in clean and "e" not in clean.lower() else value
    except ValueError:
        return text


_DELIMITED = re.compile(r"^(?P<d>[^\w\s\\])(?P<body>.*)(?P<end>[^\w\s\\])(?P<flags>[a-zA-Z]*)$", re.S)
_CLOSERS = {"(": ")", "[": "]", "{": "}", "<": ">"}


def pcre_body(pattern: str) -> str | None:
    """The regex inside a PCRE literal (`/^[a-z]+$/i` -> `^[a-z]+$`); None when it is not one, or
    its flags change what the anchors mean (`m`) or the pattern's layout (`x`)."""
    m = _DELIMITED.match(pattern)
    if m is None or _CLOSERS.get(m.group("d"), m.group("d")) != m.group("end"):
        return None
    flags = m.group("flags")
    body = m.group("body")
    if "m" in flags or "x" in flags or not body.startswith(("^", "\\A")):
        return None  # unanchored at the start, a match says nothing about the whole value
    return body
