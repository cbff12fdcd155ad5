"""JavaScript/TypeScript expressions lowered to the taint IR (see javascript_adapter for the rules)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ast_grep_py import SgNode

from vsguard.engine.taint import ir
from vsguard.engine.taint.adapter import (
    Lowering,
    bounded,
    left_spine,
    string_from_pieces,
)
from vsguard.engine.taint.javascript_syntax import (
    _BINARY_KINDS,
    _BOOLEAN_OPS,
    _COMPARISONS,
    _FUNCTION_KINDS,
    _TS_WRAPPERS,
    _anchored_regex_test,
    _module_path,
    _named,
    _number,
    _required_module,
    _unescape,
)


class ExpressionLowering(Lowering):
    """Targets and expressions; statements and functions are lowered by the subclass."""

    named = staticmethod(_named)
    _callbacks: list[ir.FunctionDef]

    if TYPE_CHECKING:

        def function(
            self, node: SgNode, name: str | None = None, is_method: bool = False, bases: tuple[str, ...] = ()
        ) -> ir.FunctionDef: ...

        def class_definition(self, node: SgNode) -> ir.ClassDef: ...

    # ------------------------------------------------------------------ targets and expressions

    @bounded(ir.Opaque)
    def target(self, node: SgNode | None) -> ir.Expr:
        if node is None:
            return ir.Opaque(None)
        kind = node.kind()
        if kind == "array_pattern":
            return ir.Unpack(node, tuple(self.target(p) for p in _named(node)))
        if kind in _TS_WRAPPERS or kind == "parenthesized_expression":
            inner = _named(node)
            return self.target(inner[0]) if inner else ir.Opaque(node)
        return self.expr(node)

    def lower_expr(self, node: SgNode | None) -> ir.Expr:
        if node is None:
            return ir.Opaque(None)
        kind = node.kind()
        if kind in ("identifier", "shorthand_property_identifier", "property_identifier"):
            if kind == "identifier" and node.text() == "undefined":
                return ir.Const(node, None)
            return ir.Name(node, node.text())
        if kind in ("this", "super"):
            return ir.Name(node, kind)
        if kind == "member_expression":
            prop = node.field("property")
            return ir.Attr(node, self.expr(node.field("object")), prop.text() if prop is not None else "")
        if kind == "subscript_expression":
            return ir.Index(node, self.expr(node.field("object")), self.expr(node.field("index")))
        if kind == "call_expression":
            module = _required_module(node)
            if module is not None:  # `require("m").f(...)` in place: the module itself
                return ir.Name(node, _module_path(module)[0])
            return self.call(node, node.field("function"))
        if kind == "new_expression":
            return self.call(node, node.field("constructor"))
        if kind == "string":
            return ir.Const(node, _unescape("".join(c.text() for c in _named(node))))
        if kind == "template_string":
            return self.template(node)
        if kind == "number":
            return ir.Const(node, _number(node.text()))
        if kind == "true":
            return ir.Const(node, True)
        if kind == "false":
            return ir.Const(node, False)
        if kind in ("null", "undefined"):
            return ir.Const(node, None)
        if kind == "regex":
            return ir.Const(node, node.text())
        if kind == "binary_expression":
            return self.binary(node)
        if kind == "unary_expression":
            op = node.field("operator")
            text = op.text() if op is not None else "-"
            operand = self.expr(node.field("argument"))
            if text == "!":
                return ir.UnaryOp(node, "not", operand)
            if text in ("-", "+", "~"):
                return ir.UnaryOp(node, text, operand)
            # typeof, void, delete: a type name, undefined or a boolean; no text of the operand
            return ir.Opaque(node, ())
        if kind == "ternary_expression":
            return ir.IfExp(
                node,
                self.expr(node.field("condition")),
                self.expr(node.field("consequence")),
                self.expr(node.field("alternative")),
            )
        if kind == "parenthesized_expression" or kind in _TS_WRAPPERS:
            inner = [
                p for p in _named(node) if not p.kind().endswith("type") and p.kind() != "type_annotation"
            ]
            if len(inner) == 1:
                return self.expr(inner[0])
            return ir.Opaque(node, tuple(self.expr(p) for p in inner))
        if kind == "array":
            elts: list[ir.Expr] = []
            for part in _named(node):
                elts.append(
                    ir.Opaque(part, (self.expr(_named(part)[0]),))
                    if part.kind() == "spread_element" and _named(part)
                    else self.expr(part)
                )
            return ir.Seq(node, "list", tuple(elts))
        if kind == "object":
            return self.object(node)
        if kind == "await_expression":
            inner = _named(node)
            return ir.Await(node, self.expr(inner[0]) if inner else None)
        if kind in _FUNCTION_KINDS:
            self.function(node)
            return ir.Opaque(node)
        if kind == "class":
            self.class_definition(node)
            return ir.Opaque(node)
        if kind in ("assignment_expression", "augmented_assignment_expression"):
            # assignment used as a value: its value flows on (the binding itself is not tracked)
            return ir.Opaque(node, (self.expr(node.field("right")),))
        if kind in ("jsx_element", "jsx_self_closing_element", "jsx_fragment"):
            return self.jsx(node)
        if kind == "spread_element":
            inner = _named(node)
            return ir.Opaque(node, (self.expr(inner[0]),)) if inner else ir.Opaque(node)
        return ir.Opaque(node, tuple(self.expr(p) for p in _named(node)))

    def binary(self, node: SgNode) -> ir.Expr:
        """`a + b + c ...` nests to the left: lowered along that spine in a loop, so a long chain
        costs no recursion; `&&`/`||` chains become one `BoolOp`."""
        spine, innermost = left_spine(node, _BINARY_KINDS)
        result = self.expr(innermost)
        for link in spine:
            result = self._binary_link(link, result, self.expr(link.field("right")))
        return result

    @staticmethod
    def _binary_link(node: SgNode, left: ir.Expr, right: ir.Expr) -> ir.Expr:
        op_node = node.field("operator")
        op = op_node.text() if op_node is not None else "?"
        if op in _BOOLEAN_OPS:
            bool_op = _BOOLEAN_OPS[op]
            if isinstance(left, ir.BoolOp) and left.op == bool_op:
                return ir.BoolOp(node, bool_op, (*left.values, right))
            return ir.BoolOp(node, bool_op, (left, right))
        if op in _COMPARISONS:
            if op == "in":  # `key in obj` tests membership of the left in the right
                return ir.Compare(node, (left, right), ("in",))
            return ir.Compare(node, (left, right), (_COMPARISONS[op],))
        return ir.BinOp(node, op, left, right)

    def call(self, node: SgNode, func_node: SgNode | None) -> ir.Expr:
        arguments = node.field("arguments")
        func = self.expr(func_node)
        if arguments is not None and arguments.kind() == "template_string":
            # tagged template: the tag receives the pieces and the values separately
            values = tuple(
                self.expr(_named(s)[0])
                for s in _named(arguments)
                if s.kind() == "template_substitution" and _named(s)
            )
            return ir.Call(node, func, values)
        if (
            func_node is not None
            and func_node.kind() == "member_expression"
            and arguments is not None
            and len(_named(arguments)) == 1
            and (prop := func_node.field("property")) is not None
            and prop.text() == "includes"
        ):
            # `list.includes(x)` is a membership test: `x in list` (an allow-list check when constant)
            return ir.Compare(
                node, (self.expr(_named(arguments)[0]), self.expr(func_node.field("object"))), ("in",)
            )
        anchored = _anchored_regex_test(func_node, arguments)
        if anchored is not None:
            # `/^[a-z]+$/.test(x)` checks the whole value: read as `RegExp.test(pattern, x)`
            pattern, arg = anchored
            check = ir.Attr(func_node, ir.Name(func_node, "RegExp"), "test")
            return ir.Call(node, check, (ir.Const(func_node, pattern), self.expr(arg)))
        if func_node is not None and func_node.kind() == "import":
            return ir.Opaque(
                node, tuple(self.expr(a) for a in _named(arguments)) if arguments is not None else ()
            )
        args: list[ir.Expr] = []
        star_args: list[ir.Expr] = []
        named = _named(arguments) if arguments is not None else []
        for arg in named:
            if arg.kind() == "spread_element":
                inner = _named(arg)
                star_args.append(self.expr(inner[0]) if inner else ir.Opaque(arg))
            elif arg.kind() in ("arrow_function", "function_expression"):
                callback = self.function(arg)
                self._callbacks.append(callback)
                args.append(ir.Opaque(arg))
            else:
                args.append(self.expr(arg))
        # Node's callback-last convention: `search(base, { filter }, (err, res) => ...)` (or a
        # callback by name, `done`) takes its options just before the callback
        last_is_callback = len(named) > 1 and (
            named[-1].kind() in _FUNCTION_KINDS or named[-1].kind() == "identifier"
        )
        options = named[:-1] if last_is_callback else named
        kwargs = self._options(options[-1]) if options and options[-1].kind() == "object" else ()
        return ir.Call(node, func, tuple(args), kwargs, tuple(star_args))

    def _options(self, node: SgNode) -> tuple[tuple[str, ir.Expr], ...]:
        """A trailing options object also reads as keyword arguments (`{ shell: true }`)."""
        out: list[tuple[str, ir.Expr]] = []
        for part in _named(node):
            if part.kind() == "pair":
                key, value = part.field("key"), part.field("value")
                if key is None or value is None or value.kind() in _FUNCTION_KINDS or value.kind() == "class":
                    continue  # functions are lowered once, with the positional argument
                if key.kind() in ("property_identifier", "string"):
                    out.append((key.text().strip("\"'"), self.expr(value)))
            elif part.kind() == "shorthand_property_identifier":
                out.append((part.text(), ir.Name(part, part.text())))
        return tuple(out)

    def template(self, node: SgNode) -> ir.Expr:
        pieces: list[tuple[SgNode, str | ir.Expr]] = []
        for child in _named(node):
            kind = child.kind()
            if kind in ("string_fragment", "escape_sequence"):
                pieces.append((child, _unescape(child.text())))
            elif kind == "template_substitution":
                inner = _named(child)
                pieces.append((child, self.expr(inner[0]) if inner else ir.Opaque(child)))
        return string_from_pieces(node, pieces)

    def object(self, node: SgNode) -> ir.DictLit:
        items: list[tuple[ir.Expr | None, ir.Expr]] = []
        for part in _named(node):
            kind = part.kind()
            if kind == "pair":
                key = part.field("key")
                value = self.expr(part.field("value"))
                if key is None:
                    continue
                if key.kind() == "computed_property_name":
                    inner = _named(key)
                    items.append((self.expr(inner[0]) if inner else ir.Opaque(key), value))
                else:
                    items.append((ir.Const(key, key.text().strip("\"'")), value))
            elif kind == "shorthand_property_identifier":
                items.append((ir.Const(part, part.text()), ir.Name(part, part.text())))
            elif kind == "spread_element":
                inner = _named(part)
                items.append((None, self.expr(inner[0]) if inner else ir.Opaque(part)))
            elif kind == "method_definition":
                name = part.field("name")
                self.function(part, name.text() if name is not None else None)
        return ir.DictLit(node, tuple(items))

    def jsx(self, node: SgNode) -> ir.Expr:
        """Embedded expressions are evaluated; `dangerouslySetInnerHTML` becomes a sink call."""
        parts: list[ir.Expr] = []
        for attr in node.find_all(kind="jsx_attribute"):
            named = _named(attr)
            if len(named) < 2 or named[1].kind() != "jsx_expression":
                continue
            inner = _named(named[1])
            value = self.expr(inner[0]) if inner else ir.Opaque(named[1])
            name = named[0].text()
            if name == "dangerouslySetInnerHTML":
                setter = ir.Attr(attr, ir.Name(attr, "jsx"), name)
                parts.append(ir.Call(attr, setter, (value,)))
            else:
                parts.append(ir.Call(attr, ir.Attr(attr, ir.Name(attr, "jsx"), f"attr.{name}"), (value,)))
        for child in node.find_all(kind="jsx_expression"):
            parent = child.parent()
            if parent is not None and parent.kind() == "jsx_attribute":
                continue
            inner = _named(child)
            if inner:
                parts.append(self.expr(inner[0]))
        return ir.Opaque(node, tuple(parts))
