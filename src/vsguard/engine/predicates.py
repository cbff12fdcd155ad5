"""Semantic checks a pattern rule can require of a captured metavariable.

`dynamic_string`: the value is a string built at run time from something that is not a constant
(an f-string/template with a non-constant interpolation, `+`/`%` concatenation, `.format`, `join`),
followed through local assignments so that `q = f"..."; cur.execute(q)` is seen while
`q = "SELECT 1"; cur.execute(q)` and `f"... {LIMIT}"` with a constant `LIMIT` are not.
`literal_credential` (engine/yaml_values.py) and `unverified_download_run` (engine/downloads.py)
read the captured text of a workflow scalar or a Dockerfile instruction.
"""

from __future__ import annotations

import bisect
import re
import threading
from collections.abc import Callable

from ast_grep_py import SgNode

from vsguard.engine.downloads import unverified_download_run
from vsguard.engine.yaml_values import literal_credential
from vsguard.records import record


@record(frozen=True)
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
    # Optional refinements for grammars that differ further; the defaults change nothing.
    format_calls: frozenset[str] = frozenset()  # last callee segment of string-building calls, e.g. Sprintf
    transparent_kinds: frozenset[str] = frozenset()  # one-child wrappers seen through (Go expression_list)
    interpolation_noise: frozenset[str] = frozenset({"format_specifier", "type_conversion"})
    extra_identifier_kinds: frozenset[str] = frozenset()  # e.g. Kotlin's `$name` inside a string
    parameter_list_kinds: frozenset[str] = frozenset()  # where parameters sit when there is no field


SYNTAX: dict[str, Syntax] = {
    "python": Syntax(
        string_kinds=frozenset({"string", "concatenated_string"}),
        interpolation_kinds=frozenset({"interpolation"}),
        literal_kinds=frozenset(
            {"string", "integer", "float", "true", "false", "none", "concatenated_string"}
        ),
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
        literal_kinds=frozenset(
            {"string", "number", "true", "false", "null", "undefined", "template_string"}
        ),
        binary_kind="binary_expression",
        call_kind="call_expression",
        paren_kind="parenthesized_expression",
        identifier_kind="identifier",
        scope_kinds=frozenset(
            {"function_declaration", "function_expression", "arrow_function", "method_definition", "program"}
        ),
        assignment_kinds=frozenset(
            {"variable_declarator", "assignment_expression", "augmented_assignment_expression"}
        ),
    ),
}
SYNTAX["typescript"] = SYNTAX["tsx"] = SYNTAX["javascript"]
# PHP: an `encapsed_string`/heredoc body is its own interpolation node, so its named children (text
# pieces and embedded variables) are what must be constant; bare names are `define`/class constants.
SYNTAX["php"] = Syntax(
    string_kinds=frozenset({"string", "encapsed_string", "heredoc", "nowdoc"}),
    interpolation_kinds=frozenset({"encapsed_string", "heredoc_body"}),
    literal_kinds=frozenset(
        {"string", "nowdoc", "string_content", "escape_sequence", "integer", "float", "boolean", "null"}
        | {"name", "class_constant_access_expression"}
    ),
    binary_kind="binary_expression",
    call_kind="function_call_expression",
    paren_kind="parenthesized_expression",
    identifier_kind="variable_name",
    scope_kinds=frozenset({"function_definition", "method_declaration", "anonymous_function", "program"}),
    assignment_kinds=frozenset({"assignment_expression", "augmented_assignment_expression"}),
)
SYNTAX["ruby"] = Syntax(
    string_kinds=frozenset({"string", "subshell", "heredoc_body"}),
    interpolation_kinds=frozenset({"interpolation"}),
    literal_kinds=frozenset(
        {"integer", "float", "true", "false", "nil", "simple_symbol", "constant", "scope_resolution"}
    ),
    binary_kind="binary",
    call_kind="call",
    paren_kind="parenthesized_statements",
    identifier_kind="identifier",
    scope_kinds=frozenset({"method", "singleton_method", "lambda", "program"}),
    assignment_kinds=frozenset({"assignment", "operator_assignment"}),
)
# C has no string interpolation; only direct assignments are followed (declarator fields differ).
SYNTAX["c"] = SYNTAX["cpp"] = Syntax(
    string_kinds=frozenset({"string_literal", "concatenated_string", "raw_string_literal"}),
    interpolation_kinds=frozenset(),
    literal_kinds=frozenset({"number_literal", "char_literal", "true", "false", "null", "nullptr"}),
    binary_kind="binary_expression",
    call_kind="call_expression",
    paren_kind="parenthesized_expression",
    identifier_kind="identifier",
    scope_kinds=frozenset({"function_definition", "translation_unit"}),
    assignment_kinds=frozenset({"assignment_expression"}),
)
SYNTAX["rust"] = Syntax(
    string_kinds=frozenset({"string_literal", "raw_string_literal"}),
    interpolation_kinds=frozenset(),
    literal_kinds=frozenset({"integer_literal", "float_literal", "boolean_literal", "char_literal"}),
    binary_kind="binary_expression",
    call_kind="call_expression",
    paren_kind="parenthesized_expression",
    identifier_kind="identifier",
    scope_kinds=frozenset({"function_item", "closure_expression", "source_file"}),
    assignment_kinds=frozenset({"assignment_expression"}),
)

SYNTAX["java"] = Syntax(
    string_kinds=frozenset({"string_literal"}),
    interpolation_kinds=frozenset(),
    literal_kinds=frozenset(
        {"string_literal", "character_literal", "true", "false", "null_literal", "decimal_integer_literal"}
        | {"hex_integer_literal", "octal_integer_literal", "binary_integer_literal"}
        | {"decimal_floating_point_literal"}
    ),
    binary_kind="binary_expression",
    call_kind="method_invocation",
    paren_kind="parenthesized_expression",
    identifier_kind="identifier",
    scope_kinds=frozenset({"method_declaration", "constructor_declaration", "lambda_expression", "program"}),
    assignment_kinds=frozenset({"variable_declarator", "assignment_expression"}),
    format_calls=frozenset({"format", "formatted", "concat", "join"}),
)
SYNTAX["kotlin"] = Syntax(
    string_kinds=frozenset({"string_literal", "multiline_string_literal"}),
    interpolation_kinds=frozenset({"interpolated_identifier", "interpolated_expression"}),
    literal_kinds=frozenset(
        {"integer_literal", "long_literal", "real_literal", "hex_literal", "bin_literal", "boolean_literal"}
        | {"character_literal", "null_literal", "unsigned_literal"}
    ),
    binary_kind="additive_expression",
    call_kind="call_expression",
    paren_kind="parenthesized_expression",
    identifier_kind="simple_identifier",
    scope_kinds=frozenset(
        {"function_declaration", "anonymous_function", "lambda_literal", "secondary_constructor"}
        | {"source_file"}
    ),
    assignment_kinds=frozenset({"property_declaration", "assignment"}),
    format_calls=frozenset({"format", "joinToString", "plus"}),
    transparent_kinds=frozenset({"value_argument"}),
    extra_identifier_kinds=frozenset({"interpolated_identifier"}),
    parameter_list_kinds=frozenset({"function_value_parameters", "lambda_parameters"}),
)
SYNTAX["go"] = Syntax(
    string_kinds=frozenset({"interpreted_string_literal", "raw_string_literal"}),
    interpolation_kinds=frozenset(),
    literal_kinds=frozenset(
        {"interpreted_string_literal", "raw_string_literal", "int_literal", "float_literal"}
        | {"imaginary_literal"}
        | {"rune_literal", "true", "false", "nil", "iota"}
    ),
    binary_kind="binary_expression",
    call_kind="call_expression",
    paren_kind="parenthesized_expression",
    identifier_kind="identifier",
    scope_kinds=frozenset({"function_declaration", "method_declaration", "func_literal", "source_file"}),
    assignment_kinds=frozenset({"short_var_declaration", "assignment_statement", "var_spec", "const_spec"}),
    format_calls=frozenset({"Sprintf", "Sprint", "Sprintln"}),
    transparent_kinds=frozenset({"expression_list"}),
)
SYNTAX["csharp"] = Syntax(
    string_kinds=frozenset(
        {"string_literal", "verbatim_string_literal", "raw_string_literal", "interpolated_string_expression"}
    ),
    interpolation_kinds=frozenset({"interpolation"}),
    literal_kinds=frozenset(
        {"string_literal", "verbatim_string_literal", "raw_string_literal", "integer_literal", "real_literal"}
        | {"character_literal", "boolean_literal", "null_literal"}
    ),
    binary_kind="binary_expression",
    call_kind="invocation_expression",
    paren_kind="parenthesized_expression",
    identifier_kind="identifier",
    scope_kinds=frozenset(
        {"method_declaration", "constructor_declaration", "local_function_statement", "lambda_expression"}
        | {"anonymous_method_expression", "compilation_unit"}
    ),
    assignment_kinds=frozenset({"variable_declarator", "assignment_expression"}),
    format_calls=frozenset({"Format", "Concat", "Join"}),
    transparent_kinds=frozenset({"argument"}),
    interpolation_noise=frozenset(
        {"interpolation_brace", "interpolation_alignment_clause", "interpolation_format_clause"}
    ),
)

_MAX_DEPTH = 8  # bound on assignment chains followed, so adversarial input cannot blow up
_MAX_NESTING = 64  # parentheses and wrappers looked through before a value counts as unknown


def _syntax(language: str) -> Syntax | None:
    return SYNTAX.get(language)


class _TreeIndex:
    """Scopes and assignments of one tree, found once, so that following names costs linear time
    in the file rather than a walk of the whole function (or its ancestors) per name."""

    def __init__(self, root: SgNode, syn: Syntax) -> None:
        self.root = root
        self.syn = syn
        found = [n for kind in syn.scope_kinds for n in root.find_all(kind=kind)]
        spans = sorted(
            ((n.range().start.index, n.range().end.index, n) for n in found), key=lambda t: (t[0], -t[1])
        )
        self.starts = [start for start, _, _ in spans]
        self.ends = [end for _, end, _ in spans]
        self.scopes = [n for _, _, n in spans]
        # the innermost scope around each scope (-1: none), by a sweep with a stack of open scopes
        self.parent: list[int] = []
        open_scopes: list[int] = []
        for i, (_start, end, _) in enumerate(spans):
            while open_scopes and self.ends[open_scopes[-1]] < end:
                open_scopes.pop()
            self.parent.append(open_scopes[-1] if open_scopes else -1)
            open_scopes.append(i)
        self._assignments: dict[int, dict[str, list[tuple[int, SgNode, str | None]]]] = {}
        #: verdicts on names, (question, identifier node) -> answer (see `is_constant`)
        self.memo: dict[tuple[str, SgNode], bool] = {}

    def scope_of(self, node: SgNode) -> tuple[int, SgNode]:
        """The innermost scope containing `node` (its index, or -1 for the root when none does)."""
        rng = node.range()
        start, end = rng.start.index, rng.end.index
        i = bisect.bisect_right(self.starts, start) - 1
        while i >= 0 and not (self.starts[i] <= start and end <= self.ends[i] and self.scopes[i] != node):
            i = self.parent[i]
        return (i, self.scopes[i]) if i >= 0 else (-1, self.root)

    def assignments(self, scope_id: int, scope: SgNode) -> dict[str, list[tuple[int, SgNode, str | None]]]:
        """name -> (line, value, operator) of each assignment to it inside the scope, in tree order."""
        table = self._assignments.get(scope_id)
        if table is None:
            table = self._assignments[scope_id] = {}
            for kind in self.syn.assignment_kinds:
                for assign in scope.find_all(kind=kind):
                    target, value = _assignment_parts(assign)
                    if target is None or value is None:
                        continue
                    op = assign.field("operator") or next(
                        (c for c in assign.children() if not c.is_named()), None
                    )
                    entry = (assign.range().start.line, value, op.text() if op is not None else None)
                    for name in _bound_names(target):
                        table.setdefault(name, []).append(entry)
        return table


class _LastTree(threading.local):
    """The indexes of the tree most recently asked about (per thread); a new tree replaces them."""

    def __init__(self) -> None:
        self.tree: object = None
        self.indexes: dict[str, _TreeIndex] = {}


_LAST = _LastTree()


def _index(node: SgNode, syn: Syntax) -> _TreeIndex:
    tree = node.get_root()
    if _LAST.tree is not tree:
        _LAST.tree, _LAST.indexes = tree, {}
    key = ",".join(sorted(syn.scope_kinds))
    found = _LAST.indexes.get(key)
    if found is None:
        found = _LAST.indexes[key] = _TreeIndex(tree.root(), syn)
    return found


def _enclosing_scope(node: SgNode, syn: Syntax) -> tuple[int, SgNode]:
    return _index(node, syn).scope_of(node)


def _assignment_parts(assign: SgNode) -> tuple[SgNode | None, SgNode | None]:
    """(target, value) by field name, else around the `=` token (Kotlin, C# declarators have no fields)."""
    target = assign.field("left") or assign.field("name")
    value = assign.field("right") or assign.field("value")
    if target is not None and value is not None:
        return target, value
    children = assign.children()
    eq = next((i for i, c in enumerate(children) if not c.is_named() and c.text() in ("=", "+=", ":=")), None)
    if eq is None:
        return target, value
    before = [c for c in children[:eq] if c.is_named()]
    after = [c for c in children[eq + 1 :] if c.is_named()]
    return (target or (before[-1] if before else None)), (value or (after[0] if after else None))


def _bound_names(target: SgNode) -> set[str]:
    """The names `target` binds: its text, or its first child's when wrapped (Go `expression_list`,
    Kotlin `q: String`)."""
    names = {target.text()}
    first = next(iter(target.named_children()), None)
    if first is not None:
        names.add(first.text())
    return names


def _assignments_in(
    ident: SgNode, scope: tuple[int, SgNode], name: str, before_line: int, syn: Syntax
) -> list[SgNode]:
    entries = _index(ident, syn).assignments(*scope).get(name, ())
    return [value for line, value, _ in entries if line <= before_line]


def _is_top_level(scope: SgNode) -> bool:
    return scope.kind() in ("module", "program") or scope.parent() is None


def _assigned_values(ident: SgNode, syn: Syntax) -> list[SgNode]:
    """Right-hand sides bound to `ident`'s name before the use: in its function, else module-wide.

    A name never assigned in the function is a parameter, a global, or a closure variable; only
    module-level assignments are followed then, so parameters stay unknown (not constant).
    """
    name = ident.text()
    use_line = ident.range().start.line
    scope = _enclosing_scope(ident, syn)
    values = _assignments_in(ident, scope, name, use_line, syn)
    if values or _is_top_level(scope[1]):
        return values
    if _is_parameter(scope[1], name, syn):
        return []
    root = (-1, _index(ident, syn).root)
    return [
        v
        for v in _assignments_in(ident, root, name, 1 << 30, syn)
        if _is_top_level(_enclosing_scope(v, syn)[1])
    ]


def _is_parameter(function: SgNode, name: str, syn: Syntax) -> bool:
    params = function.field("parameters") or next(
        (c for c in function.children() if c.kind() in syn.parameter_list_kinds), None
    )
    if params is None:
        return False
    return any(p.text() == name for p in params.find_all(kind=syn.identifier_kind))


def _binary_parts(node: SgNode) -> tuple[SgNode | None, str | None, SgNode | None]:
    """(left, operator, right) by field name, else by position (Kotlin has no fields)."""
    left, op, right = node.field("left"), node.field("operator"), node.field("right")
    if left is None or right is None:
        named = node.named_children()
        if len(named) == 2:
            left, right = named
    if op is None:
        op = next((c for c in node.children() if not c.is_named()), None)
    return left, (op.text() if op is not None else None), right


def _chain(node: SgNode, syn: Syntax) -> list[SgNode | None]:
    """The operands of a chain of binary operators (`a + b * c - d`), found with an explicit stack."""
    operands: list[SgNode | None] = []
    stack: list[SgNode | None] = [node]
    while stack:
        current = stack.pop()
        if current is not None and current.kind() == syn.binary_kind:
            left, _, right = _binary_parts(current)
            stack.extend((right, left))
        else:
            operands.append(current)
    return operands


def _unwrap(node: SgNode, syn: Syntax) -> SgNode | None:
    """The single child of a transparent wrapper, or None when `node` is not one."""
    if node.kind() not in syn.transparent_kinds:
        return None
    named = node.named_children()
    return named[0] if len(named) == 1 else None


def _callee_text(call: SgNode) -> str:
    func = call.field("function")
    if func is not None:
        return func.text()
    name = call.field("name")
    if name is not None:  # Java: object.name(args)
        obj = call.field("object")
        return f"{obj.text()}.{name.text()}" if obj is not None else name.text()
    first = next(iter(call.named_children()), None)  # Kotlin: callee then call_suffix
    return first.text() if first is not None else ""


def _is_identifier(kind: str, syn: Syntax) -> bool:
    return kind == syn.identifier_kind or kind in syn.extra_identifier_kinds


def is_constant(node: SgNode, language: str, depth: int = 0) -> bool:
    """True when the value is fixed at analysis time (literals and names bound only to them)."""
    syn = _syntax(language)
    if syn is None or depth > _MAX_DEPTH:
        return False
    kind = node.kind()
    inner = _unwrap(node, syn)
    if inner is not None:
        return is_constant(inner, language, depth + 1)
    if kind in syn.string_kinds:
        return all(
            is_constant(expr, language, depth + 1)
            for interp in node.find_all(any=[{"kind": k} for k in syn.interpolation_kinds])
            # An interpolation with no named child is the name itself (Kotlin `$name`).
            for expr in (
                [c for c in interp.named_children() if c.kind() not in syn.interpolation_noise] or [interp]
            )
        )
    if kind in syn.literal_kinds:
        return True
    if kind == "heredoc_beginning":  # Ruby: the text is a later `heredoc_body` node
        memo = _index(node, syn).memo
        key = ("constant", node)
        if key not in memo:  # finding the body walks the tree: once per opener
            body = _heredoc_body(node)
            memo[key] = body is not None and is_constant(body, language, depth + 1)
        return memo[key]
    if kind == syn.paren_kind:
        return all(is_constant(c, language, depth + 1) for c in node.named_children())
    if kind == syn.binary_kind:
        return all(is_constant(o, language, depth + 1) if o is not None else False for o in _chain(node, syn))
    if kind == syn.call_kind and _is_format_call(node, syn):
        # `String.format("... %s", TABLE)` of constants is itself a constant.
        parts = _format_parts(node, syn)
        return parts is not None and all(is_constant(p, language, depth + 1) for p in parts)
    if _is_identifier(kind, syn):
        memo = _index(node, syn).memo
        key = ("constant", node)
        if key not in memo:
            memo[key] = False  # while in progress: a name defined through itself is not constant
            values = _assigned_values(node, syn)
            memo[key] = bool(values) and all(is_constant(v, language, depth + 1) for v in values)
        return memo[key]
    return False


def _heredoc_body(start: SgNode) -> SgNode | None:
    """The body of a Ruby `<<~X` opener: the bodies of a line's openers follow it in their order."""
    line, end = start.range().start.line, start.range().end.index
    root = start.get_root().root()
    openers = [n for n in root.find_all(kind="heredoc_beginning") if n.range().start.line == line]
    bodies = [n for n in root.find_all(kind="heredoc_body") if n.range().start.index >= end]
    position = next((i for i, n in enumerate(openers) if n == start), None)
    return bodies[position] if position is not None and position < len(bodies) else None


def _is_format_call(call: SgNode, syn: Syntax) -> bool:
    text = _callee_text(call)
    return bool(text) and (
        text.endswith((".format", ".join", ".concat"))
        or text in ("format", "String.format")
        or text.rsplit(".", 1)[-1] in syn.format_calls
    )


_TYPE_NAME = re.compile(r"^[A-Z]\w*(\.[A-Z]\w*)*$")


def _format_parts(call: SgNode, syn: Syntax) -> list[SgNode] | None:
    """The values a string-building call combines: its arguments, and its receiver unless that is
    a class name (`String.format`); None when they cannot be read (no argument list found)."""
    args = call.field("arguments")
    if args is None:  # Kotlin: callee then call_suffix(value_arguments)
        suffix = next((c for c in call.children() if c.kind() == "call_suffix"), None)
        args = next((c for c in suffix.children() if c.kind() == "value_arguments"), None) if suffix else None
    if args is None:
        return None
    parts = [a for a in args.named_children() if a.kind() not in ("comment", "line_comment", "block_comment")]
    func = call.field("function")
    # Java `o.m()`; Python/JS `template.format(...)` (a Go package or C# type is not a value)
    receiver = call.field("object") or (func.field("object") if func is not None else None)
    if receiver is None and func is None:
        first = next(iter(call.named_children()), None)  # Kotlin navigation_expression receiver
        receiver = (
            first.named_children()[0]
            if first is not None and first.kind() == "navigation_expression"
            else None
        )
    if receiver is not None and not _TYPE_NAME.match(receiver.text()):
        parts.append(receiver)
    return parts


def _is_string_building(node: SgNode, syn: Syntax, language: str, depth: int) -> bool:
    """Is `node` text assembled at run time? Operator chains (`a + b + ...`) are walked with an
    explicit stack, wrappers up to `_MAX_NESTING` deep; names are followed `_MAX_DEPTH` deep."""
    stack: list[tuple[SgNode, int, int]] = [(node, 0, depth)]  # node, wrappers passed, names depth
    while stack:
        current, nesting, at = stack.pop()
        if nesting > _MAX_NESTING:
            continue
        kind = current.kind()
        inner = _unwrap(current, syn)
        if inner is not None:
            stack.append((inner, nesting + 1, at))
        elif kind == syn.paren_kind:
            stack.extend((c, nesting + 1, at) for c in current.named_children())
        elif kind == syn.binary_kind:
            left, op, right = _binary_parts(current)
            if op not in ("+", "%", "."):  # `.` is PHP's concatenation
                continue
            for side in (left, right):
                if side is None:
                    continue
                if side.kind() in syn.string_kinds:
                    return True
                if side.kind() == syn.binary_kind:
                    stack.append((side, nesting, at))  # a link of the same chain
                else:
                    stack.append((side, nesting + 1, at + 1))
        elif _builds_string(current, kind, syn, language, at):
            return True
    return False


def _builds_string(node: SgNode, kind: str, syn: Syntax, language: str, depth: int) -> bool:
    """`_is_string_building` for a node that is neither a wrapper nor an operator."""
    if kind in syn.string_kinds:
        # a PHP "..." string is itself the interpolation node; elsewhere it contains them
        if kind in syn.interpolation_kinds:
            return True
        return node.has(any=[{"kind": k} for k in syn.interpolation_kinds]) is True
    if kind == syn.call_kind:
        return _is_format_call(node, syn)
    if _is_identifier(kind, syn) and depth < _MAX_DEPTH:
        # Each name is judged once per tree: a chain of names used many times costs linear time.
        memo = _index(node, syn).memo
        key = ("building", node)
        if key not in memo:
            memo[key] = False  # while in progress
            memo[key] = _name_builds_string(node, syn, language, depth)
        return memo[key]
    return False


def _name_builds_string(node: SgNode, syn: Syntax, language: str, depth: int) -> bool:
    values = _assigned_values(node, syn)
    if any(dynamic_string(v, language, depth + 1) for v in values):
        return True
    # `q = "SELECT ..."; q += name`: a string variable extended with a value that is not constant.
    appended = _appended_values(node, syn)
    return any((_unwrap(v, syn) or v).kind() in syn.string_kinds for v in values) and any(
        not is_constant(v, language, depth + 1) for v in appended
    )


def _appended_values(ident: SgNode, syn: Syntax) -> list[SgNode]:
    """Right-hand sides of `name += value` (PHP `.=`) before the use, in the same function."""
    name, use_line = ident.text(), ident.range().start.line
    entries = _index(ident, syn).assignments(*_enclosing_scope(ident, syn)).get(name, ())
    return [value for line, value, op in entries if line <= use_line and op in ("+=", ".=")]


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
    "literal_credential": literal_credential,
    "unverified_download_run": unverified_download_run,
}
# Checks that read only the captured text, so they need no grammar's `Syntax` table.
SYNTAX_FREE: frozenset[str] = frozenset({"literal_credential", "unverified_download_run"})
