"""Rust syntax helpers shared by the Rust rewrites: request-derived names and format! arguments."""

from __future__ import annotations

import re
from collections.abc import Callable

from ast_grep_py import SgNode

from vsguard.fixes.edits import Edit
from vsguard.fixes.strategies._common import enclosing
from vsguard.fixes.strategies._literals import rust_format, write_rust
from vsguard.fixes.strings import Expr, Part, Unsupported

_EXTRACTOR = re.compile(r"^((web|axum::extract|extract|actix_web::web)::)?(Query|Path|Form|Json)(<|$)")


def request_names(node: SgNode) -> set[str]:
    """Names in the enclosing function that hold request data: extractor parameters (`q`, or `p`
    in `Query(p)`) and `let` bindings whose value reads one of them."""
    func = enclosing(node, "function_item")
    params = func.field("parameters") if func is not None else None
    names: set[str] = set()
    for param in params.find_all(kind="parameter") if params is not None else []:
        kind, pattern = param.field("type"), param.field("pattern")
        if kind is None or pattern is None or not _EXTRACTOR.match(kind.text()):
            continue
        if pattern.kind() == "identifier":
            names.add(pattern.text())
        elif pattern.kind() == "tuple_struct_pattern":
            names.update(i.text() for i in pattern.named_children()[1:] if i.kind() == "identifier")
    for let in func.find_all(kind="let_declaration") if func is not None else []:
        pattern, value = let.field("pattern"), let.field("value")
        if pattern is not None and value is not None and reads_any(value.text(), names):
            names.add(pattern.text().removeprefix("mut "))
    return names


def reads_any(text: str, names: set[str]) -> bool:
    """Whether source text reads one of `names` as a value (not as a field after a dot)."""
    return any(re.search(rf"(?<![\w.]){re.escape(n)}\b", text) for n in names)


def format_macro(node: SgNode) -> SgNode | None:
    """The `format!` an argument is made of: `format!(..)`, `&format!(..)`."""
    inner = (
        node.named_children()[-1] if node.kind() == "reference_expression" and node.named_children() else node
    )
    if inner.kind() == "macro_invocation" and re.match(r"^(std::)?format!", inner.text()):
        return inner
    return None


def rewrite_format(
    macro: SgNode, wrapper: Callable[[str], str], chosen: Callable[[str], bool]
) -> tuple[Edit, list[str]] | None:
    """The `format!` rebuilt with each value whose source is `chosen` passed through `wrapper`,
    and the sources wrapped; None when the format string cannot be read."""
    try:
        built = rust_format(macro)
    except Unsupported:
        return None
    wrapped: list[str] = []
    parts: list[Part] = []
    for part in built.parts:
        if isinstance(part, Expr) and not part.constant and chosen(part.source):
            parts.append(Expr(wrapper(part.source), False))
            wrapped.append(part.source)
        else:
            parts.append(part)
    return Edit.replace(macro, write_rust(parts)), wrapped


def text_before(macro: SgNode, chosen: Callable[[str], bool]) -> str | None:
    """The format text before the first `chosen` value (other values shown as `{}`), or None when
    the format cannot be read or no value is chosen."""
    try:
        built = rust_format(macro)
    except Unsupported:
        return None
    text = ""
    for part in built.parts:
        if isinstance(part, Expr):
            if not part.constant and chosen(part.source):
                return text
            text += "{}"
        else:
            text += part.text
    return None


def format_values(macro: SgNode) -> list[str] | None:
    """The sources of the values a `format!` splices in, in order; None when unreadable."""
    try:
        built = rust_format(macro)
    except Unsupported:
        return None
    return [p.source for p in built.parts if isinstance(p, Expr) and not p.constant]


def field_types(root: SgNode) -> dict[str, str]:
    """Struct field name -> its declared type, for every struct in the file."""
    types: dict[str, str] = {}
    for decl in root.find_all(kind="field_declaration"):
        name, kind = decl.field("name"), decl.field("type")
        if name is not None and kind is not None:
            types[name.text()] = kind.text()
    return types


def line_indent(code: str, offset: int) -> str:
    start = code.rfind("\n", 0, offset) + 1
    line = code[start:offset]
    return line[: len(line) - len(line.lstrip())]
