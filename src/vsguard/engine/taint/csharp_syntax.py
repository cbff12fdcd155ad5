"""C# syntax facts shared by the adapter's parts: node kinds, operators, literal decoding."""

from __future__ import annotations

import re

from ast_grep_py import SgNode

from vsguard.engine.taint.adapter import unescaper

_TYPE_DECLARATIONS = frozenset(
    {"class_declaration", "struct_declaration", "record_declaration", "record_struct_declaration"}
    | {"interface_declaration"}
)
_METHOD_KINDS = frozenset({"method_declaration", "constructor_declaration", "local_function_statement"})
_JUMPS = frozenset({"break_statement", "continue_statement", "goto_statement"})
_SKIPPED = frozenset(
    {"comment", "empty_statement", "using_directive", "extern_alias_directive", "delegate_declaration"}
    | {"enum_declaration", "event_field_declaration", "event_declaration", "indexer_declaration"}
    | {"operator_declaration", "conversion_operator_declaration", "destructor_declaration"}
    | {"preproc_if", "preproc_region", "preproc_endregion", "preproc_pragma", "preproc_nullable"}
)
_COMPARISONS = {"==": "==", "!=": "!=", "<": "<", ">": ">", "<=": "<=", ">=": ">="}
_BOOLEAN_OPS = {"&&": "and", "||": "or", "??": "or"}
_ESCAPES = {
    "n": "\n",
    "t": "\t",
    "r": "\r",
    "\\": "\\",
    "'": "'",
    '"': '"',
    "0": "\0",
    "a": "\a",
    "b": "\b",
    "f": "\f",
    "v": "\v",
    "e": "\x1b",
}
_unescape = unescaper(
    re.compile(r"\\(x[0-9a-fA-F]{1,4}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)", re.S), _ESCAPES, keep_unknown=False
)
# parameter modifiers and the `this` of an extension method are not part of the type
_PARAM_MODIFIERS = frozenset({"this", "ref", "out", "in", "params", "scoped", "readonly"})


def _named(node: SgNode) -> list[SgNode]:
    return [c for c in node.children() if c.is_named() and c.kind() != "comment"]


def _modifiers(node: SgNode) -> list[str]:
    return [c.text() for c in node.children() if c.kind() == "modifier"]


def _attribute_names(node: SgNode) -> list[SgNode]:
    """The `attribute` nodes of `[A, B(x)]` lists written directly on `node`."""
    return [
        a
        for lst in node.children()
        if lst.kind() == "attribute_list"
        for a in _named(lst)
        if a.kind() == "attribute"
    ]


def _bare_name(node: SgNode | None) -> str:
    """`Query<User>` -> `Query`; other names as written."""
    if node is None:
        return ""
    if node.kind() == "generic_name":
        inner = _named(node)
        return inner[0].text() if inner else node.text()
    return node.text()


def _verbatim(text: str) -> str:
    """The value of `@"..."`: doubled quotes stand for one."""
    body = text.lstrip("@$")
    if body.startswith('"') and body.endswith('"') and len(body) >= 2:
        body = body[1:-1]
    return body.replace('""', '"')


def _number(text: str) -> object:
    clean = text.replace("_", "").rstrip("uUlLfFdDmM")
    try:
        if clean.lower().startswith(("0x", "0b")):
            return int(clean, 0)
        value = float(clean)
        return int(value) if "." not in clean and "e" not in clean.lower() else value
    except ValueError:
        return text


def _char(node: SgNode) -> str:
    inner = "".join(c.text() for c in _named(node))
    return _unescape(inner)
