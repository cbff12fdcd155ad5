"""JavaScript syntax facts shared by the adapter's parts: node kinds, operators, escapes, helpers."""

from __future__ import annotations

import re

from ast_grep_py import SgNode

from vsguard.engine.taint.adapter import (
    unescaper,
)

_BINARY_KINDS = frozenset({"binary_expression"})
_FUNCTION_KINDS = frozenset(
    {"arrow_function", "function_expression", "function", "generator_function", "function_declaration"}
    | {"generator_function_declaration", "method_definition"}
)
_DECLARATIONS = frozenset({"lexical_declaration", "variable_declaration"})
_JUMPS = frozenset({"break_statement", "continue_statement"})
_SKIPPED = frozenset(
    {"comment", "empty_statement", "debugger_statement", "type_alias_declaration", "interface_declaration"}
    | {"ambient_declaration", "abstract_class_declaration_signature", "enum_declaration", "hash_bang_line"}
    | {"import_alias", "module", "internal_module", "function_signature"}
)
_TS_WRAPPERS = frozenset({"as_expression", "satisfies_expression", "non_null_expression", "type_assertion"})
_COMPARISONS = {
    "===": "==",
    "==": "==",
    "!==": "!=",
    "!=": "!=",
    "<": "<",
    ">": ">",
    "<=": "<=",
    ">=": ">=",
    "in": "in",
    "instanceof": "is",
}
_BOOLEAN_OPS = {"&&": "and", "||": "or", "??": "or"}
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", "'": "'", '"': '"', "`": "`", "0": "\0", "$": "$"}
_unescape = unescaper(
    re.compile(r"\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|.)", re.S), _ESCAPES, keep_unknown=False
)


def _named(node: SgNode) -> list[SgNode]:
    return [c for c in node.children() if c.is_named() and c.kind() != "comment"]


def _module_path(spec: str) -> tuple[str, str, int]:
    """`"node:fs"` -> ("fs", "fs", 0); `"./lib/util.js"` -> (".lib.util", "lib.util", 1)."""
    spec = spec.removeprefix("node:")
    if not spec.startswith("."):
        return spec, spec, 0
    level = 0
    parts = spec.split("/")
    while parts and parts[0] in (".", ".."):
        level += 1 if parts[0] == "." else (2 if level == 0 else 1)
        parts.pop(0)
    module = ".".join(re.sub(r"\.(m|c)?[jt]sx?$", "", p) for p in parts if p)
    return "." * level + module, module, level


def _anchored_regex_test(func: SgNode | None, arguments: SgNode | None) -> tuple[str, SgNode] | None:
    """(pattern, argument) of `/^...$/flags.test(arg)` when the literal is anchored at both ends."""
    if func is None or arguments is None or func.kind() != "member_expression":
        return None
    obj, prop = func.field("object"), func.field("property")
    args = _named(arguments)
    if obj is None or prop is None or obj.kind() != "regex" or prop.text() != "test" or len(args) != 1:
        return None
    pattern = obj.field("pattern")
    flags = obj.field("flags")
    body = pattern.text() if pattern is not None else ""
    if (flags is not None and "m" in flags.text()) or not body.startswith("^") or not body.endswith("$"):
        return None
    if body.endswith("\\$") and not body.endswith("\\\\$"):
        return None  # an escaped dollar is a literal character, not an anchor
    return body, args[0]


def _required_module(value: SgNode) -> str | None:
    """The module name of `require("m")` (also `require("m").x` is not a plain binding)."""
    node = value
    while node.kind() in ("await_expression", "parenthesized_expression") and _named(node):
        node = _named(node)[0]
    if node.kind() != "call_expression":
        return None
    func = node.field("function")
    args = node.field("arguments")
    if func is None or func.text() != "require" or args is None:
        return None
    named = _named(args)
    if len(named) != 1 or named[0].kind() != "string":
        return None
    return named[0].text().strip("\"'`")


def _number(text: str) -> object:
    clean = text.replace("_", "").rstrip("n")
    try:
        if clean.lower().startswith(("0x", "0o", "0b")):
            return int(clean, 0)
        value = float(clean)
        return int(value) if value.is_integer() and "." not in clean and "e" not in clean.lower() else value
    except ValueError:
        return text
