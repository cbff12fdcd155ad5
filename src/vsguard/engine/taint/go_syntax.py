"""Go syntax facts shared by the adapter's parts: node kinds, operators, escapes, import names."""

from __future__ import annotations

import re

from ast_grep_py import SgNode

from vsguard.engine.taint.adapter import unescaper

_BINARY_KINDS = frozenset({"binary_expression"})
_COMPARISONS = {"==": "==", "!=": "!=", "<": "<", ">": ">", "<=": "<=", ">=": ">="}
_BOOLEAN_OPS = {"&&": "and", "||": "or"}
_JUMPS = frozenset({"break_statement", "continue_statement", "goto_statement"})
_SKIPPED = frozenset(
    {"comment", "empty_statement", "type_declaration", "package_clause", "fallthrough_statement"}
)
# conversions to these types copy the operand's text (`[]byte(s)`, `string(b)`)
_TEXT_TYPES = frozenset({"string", "[]byte", "[]rune"})
_BUILTIN_TYPES = frozenset(
    {"string", "bool", "byte", "rune", "error", "any", "comparable", "uintptr", "int", "uint"}
    | {f"{k}{n}" for k in ("int", "uint") for n in (8, 16, 32, 64)}
    | {"float32", "float64", "complex64", "complex128"}
)
# zero values of `var x T` for the basic types (other types: nothing is known of the value)
_ZERO = {"string": "", "bool": False, "int": 0, "int64": 0, "int32": 0, "uint": 0, "float64": 0.0}
# Go's comma-ok and error results: the trailing `ok`/`err` of `v, ok := m[k]` / `n, err := f(x)`
# is a flag or an error made by the callee, not a copy of the input
_STATUS_NAMES = frozenset({"ok", "err", "_"})
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", "'": "'", '"': '"', "a": "\a", "b": "\b"}
_ESCAPES |= {"f": "\f", "v": "\v", "0": "\0"}
_unescape = unescaper(
    re.compile(r"\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)", re.S), _ESCAPES, keep_unknown=False
)
_MAJOR_VERSION = re.compile(r"^v\d+$")


def _named(node: SgNode) -> list[SgNode]:
    return [c for c in node.children() if c.is_named() and c.kind() != "comment"]


def _string_text(node: SgNode) -> str:
    """The value of an interpreted ("...") or raw (`...`) string literal."""
    if node.kind() == "raw_string_literal":
        return "".join(c.text() for c in _named(node)).replace("\r", "")
    return "".join(_unescape(c.text()) for c in _named(node))


def _package_name(path: str) -> str:
    """The name an import binds without an alias: the last path element, a major-version element
    (`/v5`) or suffix (`yaml.v3`) and a `go-` prefix or `-go` suffix dropped."""
    parts = [p for p in path.split("/") if p]
    if len(parts) > 1 and _MAJOR_VERSION.match(parts[-1]):
        parts.pop()
    last = parts[-1] if parts else path
    last = re.sub(r"\.v\d+$", "", last)
    last = last.removeprefix("go-").removesuffix("-go").removesuffix(".go")
    return last.replace("-", "_").replace(".", "_")


def _is_string_literal(node: SgNode | None) -> bool:
    return node is not None and node.kind() in ("interpreted_string_literal", "raw_string_literal")


def _number(text: str) -> object:
    clean = text.replace("_", "")
    try:
        if clean.lower().startswith(("0x", "0o", "0b")):
            return int(clean, 0)
        if clean.isdigit():
            return int(clean, 8) if clean.startswith("0") and len(clean) > 1 else int(clean)
        return float(clean)
    except ValueError:
        return text
