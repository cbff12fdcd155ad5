"""Semantic checks a pattern rule can require of a captured metavariable.

`dynamic_string`: the value is a string built at run time from something that is not a constant
(an f-string/template with a non-constant interpolation, `+`/`%` concatenation, `.format`, `join`),
followed through local assignments so that `q = f"..."; cur.execute(q)` is seen while
`q = "SELECT 1"; cur.execute(q)` and `f"... {LIMIT}"` with a constant `LIMIT` are not.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ast_grep_py import SgNode


@dataclass(frozen=True)
class Syntax:
    """Node kinds that differ between grammars."""

    string_kinds: frozenset[str]
    interpolation_kinds: frozenset[str]
    literal_kinds: frozenset[str]
    binary_kind: str
    call_kind: str
    paren_kind: str
    identifier_kind: str
    scope_kinds: frozenset[str]
    assignment_kinds: frozenset[str]


SYNTAX: dict[str, Syntax] = {
    "python": Syntax(
        string_kinds=frozenset({"string", "concatenated_string"}),
        interpolation_kinds=frozenset({"interpolation"}),
        literal_kinds=frozenset({"string", "integer", "float", "true", "false", "none", "concatenated_string"}),
        binary_kind="binary_operator",
        call_kind="call",
        paren_kind="parenthesized_expression",
        identifier_kind="identifier",
        scope_kinds=frozenset({"function_definition", "module"}),
        assignment_kinds=frozenset({"assignment", "augmented_assignment"}),
    ),
    "javascript": Syntax(
        string_kinds=frozenset({"string", "template_string"}),
        interpolation_kinds=frozenset({"template_substitution"}),
        literal_kinds=frozenset({"string", "number", "true", "false", "null", "undefined", "template_string"}),
        binary_kind="binary_expression",
        call_kind="call_expression",
        paren_kind="parenthesized_expression",
        identifier_kind="identifier",
        scope_kinds=frozenset(
            {"function_declaration", "function_expression", "arrow_function", "method_definition", "program"}
        ),
        assignment_kinds=frozenset({"variable_declarator", "assignment_expression", "augmented_assignment_expression"}),
    ),
}
SYNTAX["typescript"] = SYNTAX["tsx"] = SYNTAX["javascript"]

_MAX_DEPTH = 8  # bound on assignment chains followed, so adversarial input cannot blow up


def _syntax(language: str) -> Syntax | None:
    return SYNTAX.get(language)


def _enclosing_scope(node: SgNode, syn: Syntax) -> SgNode:
    for anc in node.ancestors():
        if anc.kind() in syn.scope_kinds:
            return anc
    return node.get_root().root()


def _assignments_in(scope: SgNode, name: str, before_line: int, syn: Syntax) -> list[SgNode]:
    values: list[SgNode] = []
    for kind in syn.assignment_kinds:
        for assign in scope.find_all(kind=kind):
            if assign.range().start.line > before_line:
                continue
            target = assign.field("left") or assign.field("name")
            value = assign.field("right") or assign.field("value")
            if target is not None and value is not None and target.text() == name:
                values.append(value)
    return values


def _assigned_values(ident: SgNode, syn: Syntax) -> list[SgNode]:
    """Right-hand sides bound to `ident`'s name before the use: in its function, else module-wide.

    A name never assigned in the function is a parameter, a global, or a closure variable; only
    module-level assignments are followed then, so parameters stay unknown (not constant).
    """
    name = ident.text()
    use_line = ident.range().start.line
    scope = _enclosing_scope(ident, syn)
    values = _assignments_in(scope, name, use_line, syn)
    if values or scope.kind() == "module" or scope.kind() == "program":
        return values
    if _is_parameter(scope, name):
        return []
    root = scope.get_root().root()
    return [v for v in _assignments_in(root, name, 1 << 30, syn) if _enclosing_scope(v, syn).kind() in ("module", "program")]


def _is_parameter(function: SgNode, name: str) -> bool:
    params = function.field("parameters")
    if params is None:
        return False
    return any(p.text() == name for p in params.find_all(kind="identifier"))


def is_constant(node: SgNode, language: str, depth: int = 0) -> bool:
    """True when the value is fixed at analysis time (literals and names bound only to them)."""
    syn = _syntax(language)
    if syn is None or depth > _MAX_DEPTH:
        return False
    kind = node.kind()
    if kind in syn.string_kinds:
        return all(
            is_constant(expr, language, depth + 1)
            for interp in node.find_all(any=[{"kind": k} for k in syn.interpolation_kinds])
            for expr in interp.named_children()
            if expr.kind() not in ("format_specifier", "type_conversion")
        )
    if kind in syn.literal_kinds:
        return True
    if kind == syn.paren_kind:
        return all(is_constant(c, language, depth + 1) for c in node.named_children())
    if kind == syn.binary_kind:
        left, right = node.field("left"), node.field("right")
        return bool(left and right and is_constant(left, language, depth + 1) and is_constant(right, language, depth + 1))
    if kind == syn.identifier_kind:
        values = _assigned_values(node, syn)
        return bool(values) and all(is_constant(v, language, depth + 1) for v in values)
    return False


def _is_string_building(node: SgNode, syn: Syntax, language: str, depth: int) -> bool:
    kind = node.kind()
    if kind in syn.string_kinds:
        return node.has(any=[{"kind": k} for k in syn.interpolation_kinds]) is True
    if kind == syn.paren_kind:
        return any(_is_string_building(c, syn, language, depth) for c in node.named_children())
    if kind == syn.binary_kind:
        op = node.field("operator")
        if op is None or op.text() not in ("+", "%"):
            return False
        left, right = node.field("left"), node.field("right")
        return any(
            side is not None
            and (side.kind() in syn.string_kinds or _is_string_building(side, syn, language, depth + 1))
            for side in (left, right)
        )
    if kind == syn.call_kind:
        func = node.field("function")
        if func is None:
            return False
        text = func.text()
        return text.endswith((".format", ".join", ".concat")) or text in ("format", "String.format")
    if kind == syn.identifier_kind and depth < _MAX_DEPTH:
        return any(dynamic_string(v, language, depth + 1) for v in _assigned_values(node, syn))
    return False


def dynamic_string(node: SgNode, language: str, depth: int = 0) -> bool:
    syn = _syntax(language)
    if syn is None:
        return False
    return _is_string_building(node, syn, language, depth) and not is_constant(node, language)


def not_constant(node: SgNode, language: str) -> bool:
    return not is_constant(node, language)


PREDICATES: dict[str, Callable[[SgNode, str], bool]] = {
    "dynamic_string": dynamic_string,
    "not_constant": not_constant,
}
