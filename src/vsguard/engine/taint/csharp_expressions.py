"""C# expressions lowered to the taint IR (see csharp_adapter for the rules)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ast_grep_py import SgNode

from vsguard.engine.taint import ir
from vsguard.engine.taint.adapter import Lowering, left_spine, string_from_pieces
from vsguard.engine.taint.csharp_syntax import (
    _BOOLEAN_OPS,
    _COMPARISONS,
    _bare_name,
    _char,
    _named,
    _number,
    _unescape,
    _verbatim,
)

_BINARY_KINDS = frozenset({"binary_expression"})
_LITERAL_CONSTS = {"true": True, "false": False, "null": None}
# `System.String`'s static helpers that take the text they work on as their first argument
_STRING_TYPES = frozenset({"string", "String", "System.String"})
_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{(\d+)(?:,[^}:]*)?(?::[^}]*)?\}")
_NUMERIC_CASTS = frozenset(
    {"int", "long", "short", "byte", "sbyte", "uint", "ulong", "ushort", "float", "double", "decimal"}
    | {"bool", "char", "nint", "nuint"}
)


class ExpressionLowering(Lowering):
    """Expressions and assignment targets; statements, classes and methods are in the subclass."""

    named = staticmethod(_named)

    def __init__(self) -> None:
        super().__init__()
        #: statements the current statement needs run before it (`out` arguments it binds)
        self._pre: list[ir.Stmt] = []
        #: the object of the innermost `a?.` being lowered, read by its `.b` binding
        self._bindings: list[ir.Expr] = []
        #: methods of the enclosing type called without a receiver: instance ones read as `this.M`
        self._instance_methods: frozenset[str] = frozenset()
        #: constant and read-only fields of the enclosing type: `this.F` reads the module-level `F`
        self._fields: frozenset[str] = frozenset()
        #: static methods per type of this file, so `Type.M(x)` calls the helper `M`
        self._static_methods: dict[str, frozenset[str]] = {}
        #: lambdas passed in the current statement, and how many function bodies enclose it
        self._callbacks: list[ir.FunctionDef] = []
        self._function_depth = 0

    if TYPE_CHECKING:

        def lambda_function(self, node: SgNode, owner: ir.Expr | None) -> ir.FunctionDef: ...

    # ------------------------------------------------------------------ targets

    def target(self, node: SgNode | None) -> ir.Expr:
        if node is None:
            return ir.Opaque(None)
        kind = node.kind()
        if kind == "tuple_expression":
            return ir.Unpack(node, tuple(self.target(_arg_value(a)) for a in _named(node)))
        if kind in ("declaration_expression", "parenthesized_variable_designation"):
            name = node.field("name")
            if name is not None:
                return ir.Name(name, name.text())
            return ir.Unpack(
                node, tuple(ir.Name(p, p.text()) for p in _named(node) if p.kind() == "identifier")
            )
        if kind == "parenthesized_expression":
            inner = _named(node)
            return self.target(inner[0]) if inner else ir.Opaque(node)
        return self.expr(node)

    # ------------------------------------------------------------------ expressions

    def lower_expr(self, node: SgNode | None) -> ir.Expr:
        if node is None:
            return ir.Opaque(None)
        kind = node.kind()
        if kind == "identifier":
            return ir.Name(node, node.text())
        if kind in ("this_expression", "this"):
            return ir.Name(node, "this")
        if kind in ("base_expression", "base"):
            return ir.Name(node, "base")
        if kind in ("predefined_type", "generic_name", "qualified_name", "alias_qualified_name"):
            return self.dotted(node) or ir.Opaque(node)
        if kind == "member_access_expression":
            return self.member_access(node)
        if kind == "invocation_expression":
            return self.call(node)
        if kind in ("object_creation_expression", "implicit_object_creation_expression"):
            return self.creation(node)
        if kind == "anonymous_object_creation_expression":
            return self.anonymous_object(node)
        if kind in ("string_literal", "character_literal", "verbatim_string_literal", "raw_string_literal"):
            return ir.Const(node, _literal_text(node))
        if kind == "interpolated_string_expression":
            return self.interpolated(node)
        if kind in ("integer_literal", "real_literal"):
            return ir.Const(node, _number(node.text()))
        if kind in ("boolean_literal", "null_literal"):
            return ir.Const(node, _LITERAL_CONSTS.get(node.text()))
        if kind == "binary_expression":
            return self.binary(node)
        if kind == "prefix_unary_expression":
            return self.prefix(node)
        if kind == "postfix_unary_expression":
            inner = _named(node)
            if node.text().endswith("!") and inner:  # null-forgiving `x!` is `x`
                return self.expr(inner[0])
            return ir.Opaque(node, tuple(self.expr(p) for p in inner))
        if kind in (
            "parenthesized_expression",
            "checked_expression",
            "ref_expression",
            "refvalue_expression",
        ):
            inner = _named(node)
            return self.expr(inner[-1]) if inner else ir.Opaque(node)
        if kind == "cast_expression":
            return self.cast(node)
        if kind == "as_expression":
            return self.expr(node.field("left"))
        if kind == "conditional_expression":
            return ir.IfExp(
                node,
                self.expr(node.field("condition")),
                self.expr(node.field("consequence")),
                self.expr(node.field("alternative")),
            )
        if kind == "await_expression":
            inner = _named(node)
            return ir.Await(node, self.expr(inner[-1]) if inner else None)
        if kind == "element_access_expression":
            return self.element_access(node, self.expr(node.field("expression")))
        if kind == "conditional_access_expression":
            return self.conditional_access(node)
        if kind == "member_binding_expression":
            obj = self._bindings[-1] if self._bindings else ir.Opaque(node)
            return ir.Attr(node, obj, _bare_name(node.field("name")))
        if kind == "element_binding_expression":
            obj = self._bindings[-1] if self._bindings else ir.Opaque(node)
            return self.element_access(node, obj)
        if kind in (
            "array_creation_expression",
            "implicit_array_creation_expression",
            "initializer_expression",
        ):
            return self.sequence(node)
        if kind == "collection_expression":
            return self.sequence(node)
        if kind == "tuple_expression":
            return ir.Seq(node, "tuple", tuple(self.expr(_arg_value(a)) for a in _named(node)))
        if kind in ("lambda_expression", "anonymous_method_expression"):
            self.lambda_function(node, None)
            return ir.Opaque(node)
        if kind == "switch_expression":
            return self.switch_expression(node)
        if kind in ("typeof_expression", "sizeof_expression", "default_expression"):
            return ir.Const(node, node.text())
        if kind == "declaration_expression":
            return self.target(node)
        if kind == "is_pattern_expression":
            return self.is_pattern(node)
        if kind == "assignment_expression":
            # an assignment used as a value: its value flows on (the binding itself is not tracked)
            return ir.Opaque(node, (self.expr(node.field("right")),))
        return ir.Opaque(node, tuple(self.expr(p) for p in _named(node) if p.kind() not in _TYPE_PARTS))

    def dotted(self, node: SgNode) -> ir.Expr | None:
        """`System.IO.File` (or `Task<T>`, `int`) as a chain of names; None if it is not one.
        Walked down its left side in a loop, so a long chain costs no recursion."""
        names: list[tuple[SgNode, str]] = []
        current: SgNode | None = node
        while current is not None:
            kind = current.kind()
            if kind in ("identifier", "predefined_type", "generic_name"):
                names.append((current, _bare_name(current)))
                break
            if kind == "alias_qualified_name":  # `global::System.IO`
                parts = _named(current)
                current = parts[-1] if parts else None
                continue
            if kind == "qualified_name":
                parts = _named(current)
                if len(parts) < 2:
                    return None
                names.append((current, _bare_name(parts[-1])))
                current = parts[0]
            elif kind == "member_access_expression":
                names.append((current, _bare_name(current.field("name"))))
                current = current.field("expression")
            else:
                return None
        if not names:
            return None
        head_node, head = names.pop()
        result: ir.Expr = ir.Name(head_node, head)
        for at, name in reversed(names):
            result = ir.Attr(at, result, name)
        return result

    def member_access(self, node: SgNode) -> ir.Expr:
        obj_node = node.field("expression")
        name = _bare_name(node.field("name"))
        if obj_node is not None and obj_node.kind() in ("this", "this_expression") and name in self._fields:
            return ir.Name(node, name)  # a constant or read-only field, bound at module level
        if obj_node is not None and obj_node.kind() in ("predefined_type", "qualified_name"):
            obj = self.dotted(obj_node) or ir.Opaque(obj_node)
        else:
            obj = self.expr(obj_node)
        return ir.Attr(node, obj, name)

    def element_access(self, node: SgNode, obj: ir.Expr) -> ir.Expr:
        subscript = node.field("subscript")
        if subscript is None:
            subscript = next((c for c in _named(node) if c.kind() == "bracketed_argument_list"), None)
        keys = [self.expr(_arg_value(a)) for a in _named(subscript)] if subscript is not None else []
        if len(keys) == 1:
            return ir.Index(node, obj, keys[0])
        return ir.Index(node, obj, ir.Seq(node, "tuple", tuple(keys)))

    def conditional_access(self, node: SgNode) -> ir.Expr:
        parts = _named(node)
        if len(parts) < 2:
            return ir.Opaque(node, tuple(self.expr(p) for p in parts))
        self._bindings.append(self.expr(parts[0]))
        try:
            return self.expr(parts[-1])
        finally:
            self._bindings.pop()

    def is_pattern(self, node: SgNode) -> ir.Expr:
        """`x is T name` binds `name` to `x` (before the statement); `x is null` compares."""
        parts = _named(node)
        if len(parts) < 2:
            return ir.Opaque(node, tuple(self.expr(p) for p in parts))
        subject, pattern = self.expr(parts[0]), parts[-1]
        if pattern.kind() == "declaration_pattern":
            name = pattern.field("name") or _named(pattern)[-1]
            if name.kind() == "identifier":
                self._pre.append(ir.Assign(pattern, (ir.Name(name, name.text()),), self.expr(parts[0])))
        if pattern.kind() == "constant_pattern" and _named(pattern):
            return ir.Compare(node, (subject, self.expr(_named(pattern)[0])), ("==",))
        return ir.Opaque(node, (subject,))

    def binary(self, node: SgNode) -> ir.Expr:
        """`a + b + c ...` lowered along its left spine in a loop (a long chain costs no recursion)."""
        spine, innermost = left_spine(node, _BINARY_KINDS)
        result = self.expr(innermost)
        for link in spine:
            result = _binary_link(link, result, self.expr(link.field("right")))
        return result

    def prefix(self, node: SgNode) -> ir.Expr:
        inner = _named(node)
        operand = self.expr(inner[-1]) if inner else ir.Opaque(node)
        text = node.text().lstrip()
        if text.startswith("!"):
            return ir.UnaryOp(node, "not", operand)
        if text[:1] in "-+~" and not text.startswith(("--", "++")):
            return ir.UnaryOp(node, text[0], operand)
        return ir.Opaque(node, (operand,))

    def cast(self, node: SgNode) -> ir.Expr:
        """`(int)x` is a number (a call the catalog's conversions know); other casts pass the value."""
        value = self.expr(node.field("value"))
        type_node = node.field("type")
        type_text = type_node.text() if type_node is not None else ""
        if type_text in _NUMERIC_CASTS:
            return ir.Call(node, ir.Name(type_node, type_text), (value,))
        return value

    def interpolated(self, node: SgNode) -> ir.Expr:
        verbatim = "@" in (node.text()[:3])
        pieces: list[tuple[SgNode, str | ir.Expr]] = []
        for child in _named(node):
            kind = child.kind()
            if kind == "string_content":
                text = child.text().replace("{{", "{").replace("}}", "}")
                pieces.append((child, text.replace('""', '"') if verbatim else _unescape(text)))
            elif kind == "escape_sequence":
                pieces.append((child, _unescape(child.text())))
            elif kind == "interpolation":
                values = [p for p in _named(child) if not p.kind().startswith("interpolation_")]
                pieces.append((child, self.expr(values[0]) if values else ir.Opaque(child)))
            elif kind in ("raw_string_content", "string_literal_content"):
                pieces.append((child, child.text()))
        return string_from_pieces(node, pieces)

    def sequence(self, node: SgNode) -> ir.Expr:
        init = node if node.kind() in ("initializer_expression", "collection_expression") else None
        if init is None:
            init = next((c for c in _named(node) if c.kind() == "initializer_expression"), None)
        if init is None:  # `new int[n]`: the sizes only
            return ir.Seq(node, "list", ())
        return ir.Seq(node, "list", tuple(self.expr(_arg_value(e)) for e in _named(init)))

    def switch_expression(self, node: SgNode) -> ir.Expr:
        """`x switch { p => a, _ => b }`: one of the arms' values (a chain of undecided choices)."""
        parts = _named(node)
        subject = self.expr(parts[0]) if parts else ir.Opaque(node)
        arms = [p for p in parts[1:] if p.kind() == "switch_expression_arm"]
        values = []
        for arm in arms:
            inner = _named(arm)
            values.append((arm, self.expr(inner[-1]) if inner else ir.Opaque(arm)))
        if not values:
            return ir.Opaque(node, (subject,))
        result = values[-1][1]
        for arm, value in reversed(values[:-1]):
            result = ir.IfExp(arm, ir.Opaque(arm, (subject,)), value, result)
        return result

    # ------------------------------------------------------------------ calls

    def arguments(
        self, node: SgNode | None, owner: ir.Expr | None = None
    ) -> tuple[list[ir.Expr], list[tuple[str, ir.Expr]], list[SgNode]]:
        """Positional and named arguments, and the `out` targets the call writes."""
        args: list[ir.Expr] = []
        kwargs: list[tuple[str, ir.Expr]] = []
        outs: list[SgNode] = []
        for arg in _named(node) if node is not None else ():
            if arg.kind() != "argument":
                continue
            value = _arg_value(arg)
            if value is None:
                continue
            label = _arg_label(arg)
            if any(c.text() == "out" for c in arg.children() if not c.is_named()):
                outs.append(value)
                continue
            if value.kind() in ("lambda_expression", "anonymous_method_expression"):
                callback = self.lambda_function(value, owner)
                if self._function_depth > 0:
                    self._callbacks.append(callback)
                lowered: ir.Expr = ir.Opaque(value)
            else:
                lowered = self.expr(value)
            if label is not None:
                kwargs.append((label, lowered))
            else:
                args.append(lowered)
        return args, kwargs, outs

    def call(self, node: SgNode) -> ir.Expr:
        func_node = node.field("function")
        arguments = node.field("arguments")
        if func_node is not None and func_node.text() == "nameof":
            return ir.Const(node, arguments.text().strip("()") if arguments is not None else "")
        if (
            func_node is not None
            and func_node.kind() == "member_access_expression"
            and _bare_name(func_node.field("name")) in ("Contains", "ContainsKey")
            and arguments is not None
            and len([a for a in _named(arguments) if a.kind() == "argument"]) == 1
        ):
            # `allowed.Contains(x)` is a membership test: `x in allowed` (an allow-list when constant)
            item = _arg_value(next(a for a in _named(arguments) if a.kind() == "argument"))
            return ir.Compare(node, (self.expr(item), self.expr(func_node.field("expression"))), ("in",))
        func = self.callee(func_node)
        # a lambda passed to a call is named by it (`app.MapGet`), so route registrations are known
        owner = (
            self.dotted(func_node)
            if func_node is not None and func_node.kind() == "member_access_expression"
            else None
        )
        args, kwargs, outs = self.arguments(arguments, owner)
        static_text = _string_static(func)
        if static_text is not None:
            method = static_text
            if method == "Concat" and not kwargs:
                return _concat(node, args)
            if method == "Format" and args:
                formatted = _format(node, args)
                if formatted is not None:
                    return formatted
            if method in ("Format", "Join") and args:
                # the text worked on is the first argument: read it as the receiver
                assert isinstance(func, ir.Attr)
                func = ir.Attr(func.node, args[0], method)
                args = args[1:]
        call = ir.Call(node, func, tuple(args), tuple(kwargs))
        for out in outs:
            # an `out` argument is written by the call: bound before the statement to what the call
            # derives from its inputs (a parsed number, a looked-up entry)
            self._pre.append(
                ir.Assign(out, (self.target(out),), ir.Call(node, func, tuple(args), tuple(kwargs)))
            )
        return call

    def callee(self, node: SgNode | None) -> ir.Expr:
        if node is None:
            return ir.Opaque(None)
        kind = node.kind()
        if kind in ("identifier", "generic_name"):
            name = _bare_name(node)
            if name in self._instance_methods:  # `Helper(x)` inside a class is `this.Helper(x)`
                return ir.Attr(node, ir.Name(node, "this"), name)
            return ir.Name(node, name)
        if kind == "member_access_expression":
            obj = node.field("expression")
            name = _bare_name(node.field("name"))
            if (
                obj is not None
                and obj.kind() == "identifier"
                and name in self._static_methods.get(obj.text(), ())
            ):
                return ir.Name(node, name)  # a static helper of a type in this file
        return self.expr(node)

    def creation(self, node: SgNode) -> ir.Expr:
        """`new T(a) { P = v, ... }` calls `T` with `a`, and with the initialised properties as
        keyword arguments (sinks can name them); collection elements are further arguments."""
        type_node = node.field("type")
        func = self.dotted(type_node) if type_node is not None else None
        args, kwargs, _ = self.arguments(node.field("arguments"))
        sized = bool(args)
        init = node.field("initializer")
        if init is None:
            init = next((c for c in _named(node) if c.kind() == "initializer_expression"), None)
        props: list[tuple[SgNode, str, ir.Expr]] = []
        for item in _named(init) if init is not None else ():
            if item.kind() == "assignment_expression":
                left, right = item.field("left"), item.field("right")
                value = self.expr(right)
                if left is not None and left.kind() == "identifier":
                    kwargs.append((left.text(), value))
                    props.append((item, left.text(), value))
                else:
                    args.append(value)
            else:
                args.append(self.expr(item))
        if not props and not kwargs and init is not None and not sized:
            return ir.Seq(node, "list", tuple(args))  # a collection initialised with its elements
        if func is None:  # `new(a)`: the type is not written
            return ir.Opaque(node, (*args, *(v for _, v in kwargs)))
        for item, prop, value in props:
            # each initialised property is also a property write `T().P=(v)` at its own line, told
            # the other initialised properties (a sink may depend on them: `FileName = "/bin/sh"`)
            others = tuple((k, v) for k, v in kwargs if k != prop)
            setter = ir.Attr(item, ir.Call(node, func), f"{prop}=")
            self._pre.append(ir.ExprStmt(item, ir.Call(item, setter, (value,), others)))
        return ir.Call(node, func, tuple(args), tuple(kwargs))

    def anonymous_object(self, node: SgNode) -> ir.DictLit:
        items: list[tuple[ir.Expr | None, ir.Expr]] = []
        for part in _named(node):
            if part.kind() == "assignment_expression" or part.field("left") is not None:
                left, right = part.field("left"), part.field("right")
                if left is not None:
                    items.append((ir.Const(left, left.text()), self.expr(right)))
            elif part.kind() in ("identifier", "member_access_expression"):
                key = (
                    _bare_name(part.field("name"))
                    if part.kind() == "member_access_expression"
                    else part.text()
                )
                items.append((ir.Const(part, key), self.expr(part)))
            elif part.is_named():
                items.append((ir.Const(part, part.text()), self.expr(part)))
        return ir.DictLit(node, tuple(items))


_TYPE_PARTS = frozenset({"predefined_type", "generic_name", "qualified_name", "array_type", "nullable_type"})


def _arg_value(node: SgNode | None) -> SgNode | None:
    """The value of an `argument` (past its `name:` label and `ref`/`out` keyword)."""
    if node is None or node.kind() != "argument":
        return node
    parts = _named(node)
    return parts[-1] if parts else None


def _arg_label(node: SgNode) -> str | None:
    """The name of a named argument (`name: value`)."""
    parts = _named(node)
    colon = any(c.text() == ":" for c in node.children() if not c.is_named())
    if colon and len(parts) >= 2:
        return parts[0].text()
    label = next((p for p in parts if p.kind() == "name_colon"), None)
    return label.text().rstrip(":").strip() if label is not None else None


def _literal_text(node: SgNode) -> str:
    kind = node.kind()
    if kind == "verbatim_string_literal":
        return _verbatim(node.text())
    if kind == "character_literal":
        return _char(node)
    if kind == "raw_string_literal":
        return "".join(c.text() for c in _named(node) if c.kind() == "raw_string_content")
    pieces = [c for c in _named(node) if c.kind() in ("string_literal_content", "escape_sequence")]
    return "".join(_unescape(c.text()) if c.kind() == "escape_sequence" else c.text() for c in pieces)


def _binary_link(node: SgNode, left: ir.Expr, right: ir.Expr) -> ir.Expr:
    op_node = node.field("operator")
    op = op_node.text() if op_node is not None else "?"
    if op in _BOOLEAN_OPS:
        bool_op = _BOOLEAN_OPS[op]
        if isinstance(left, ir.BoolOp) and left.op == bool_op:
            return ir.BoolOp(node, bool_op, (*left.values, right))
        return ir.BoolOp(node, bool_op, (left, right))
    if op in _COMPARISONS:
        return ir.Compare(node, (left, right), (_COMPARISONS[op],))
    return ir.BinOp(node, op, left, right)


def _string_static(func: ir.Expr) -> str | None:
    """`Format` for `string.Format`/`String.Format`/`System.String.Format`, else None."""
    if not isinstance(func, ir.Attr):
        return None
    obj = func.obj
    if isinstance(obj, ir.Name) and obj.id in _STRING_TYPES:
        return func.attr
    if (
        isinstance(obj, ir.Attr)
        and isinstance(obj.obj, ir.Name)
        and f"{obj.obj.id}.{obj.attr}" in _STRING_TYPES
    ):
        return func.attr
    return None


def _concat(node: SgNode, args: list[ir.Expr]) -> ir.Expr:
    if not args:
        return ir.Const(node, "")
    result = args[0]
    for arg in args[1:]:
        result = ir.BinOp(node, "+", result, arg)
    return result


def _format(node: SgNode, args: list[ir.Expr]) -> ir.Expr | None:
    """`string.Format("a {0} b", x)` with a constant format: the pieces in order, as `$"a {x} b"`."""
    template = args[0]
    if not (isinstance(template, ir.Const) and isinstance(template.value, str)):
        return None
    values = args[1:]
    pieces: list[tuple[SgNode, str | ir.Expr]] = []
    at = 0
    text = template.value
    for m in _PLACEHOLDER.finditer(text):
        pieces.append((node, text[at : m.start()]))
        if m.group(1) is None:
            pieces.append((node, m.group(0)[0]))
        else:
            index = int(m.group(1))
            pieces.append((node, values[index] if index < len(values) else ir.Opaque(node)))
        at = m.end()
    pieces.append((node, text[at:]))
    return string_from_pieces(node, pieces)
