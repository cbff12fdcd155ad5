"""Java expressions lowered to the taint IR (see java_adapter for the rules of the lowering)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ast_grep_py import SgNode

from vsguard.engine.taint import ir
from vsguard.engine.taint.adapter import Lowering, bounded, left_spine, string_from_pieces, unescaper

_BINARY_KINDS = frozenset({"binary_expression"})
_COMPARISONS = {"==": "==", "!=": "!=", "<": "<", ">": ">", "<=": "<=", ">=": ">="}
_BOOLEAN_OPS = {"&&": "and", "||": "or"}
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "s": " ", "0": "\0"}
_ESCAPES |= {"\\": "\\", "'": "'", '"': '"'}
_unescape = unescaper(re.compile(r"\\(u[0-9a-fA-F]{4}|.)", re.S), _ESCAPES, keep_unknown=False)
_LITERAL_KINDS = frozenset(
    {"decimal_integer_literal", "hex_integer_literal", "octal_integer_literal", "binary_integer_literal"}
)
_FLOAT_KINDS = frozenset({"decimal_floating_point_literal", "hex_floating_point_literal"})
#: string builders: `append` adds its argument to the text, `toString` returns it
BUILDER_TYPES = frozenset({"StringBuilder", "StringBuffer"})
#: `List.of(...)` and friends: an immutable sequence of their arguments
_SEQUENCE_FACTORIES = re.compile(
    r"^(List|Set|Arrays|Collections|ImmutableList|ImmutableSet)\.(of|asList|copyOf|singletonList|singleton)$"
)


def _regex_text(pattern: ir.Const) -> ir.Const:
    """A regex literal with its `\\r`/`\\n`/`\\t` escapes as the characters they match."""
    if not isinstance(pattern.value, str) or "\\" not in pattern.value:
        return pattern
    text = re.sub(r"(?<!\\)\\([rnt])", lambda m: {"r": "\r", "n": "\n", "t": "\t"}[m.group(1)], pattern.value)
    return ir.Const(pattern.node, text)


def named(node: SgNode) -> list[SgNode]:
    return [c for c in node.children() if c.is_named() and "comment" not in c.kind()]


def _number(text: str) -> object:
    clean = text.replace("_", "").rstrip("lLfFdD") if not text.lower().startswith("0x") else text
    try:
        if clean.lower().startswith(("0x", "0b")):
            return int(clean.rstrip("lL"), 0)
        if clean.startswith("0") and clean.isdigit() and len(clean) > 1:
            return int(clean, 8)
        value = float(clean)
        return int(value) if value.is_integer() and clean.isdigit() else value
    except ValueError:
        return text


class ExpressionLowering(Lowering):
    """Targets and expressions; statements and declarations are lowered by the subclass."""

    named = staticmethod(named)
    #: names bound by `import static`, called without a receiver
    static_imports: set[str]
    #: declared types of the current method's locals and parameters (for string builders)
    local_types: dict[str, str]
    #: final fields of the enclosing classes with a value, readable as `this.name`
    constant_fields: set[str]
    _callbacks: list[ir.FunctionDef]

    if TYPE_CHECKING:

        def lambda_function(self, node: SgNode) -> ir.FunctionDef: ...

        def anonymous_class(self, node: SgNode, body: SgNode) -> None: ...

    @bounded(ir.Opaque)
    def target(self, node: SgNode | None) -> ir.Expr:
        if node is None:
            return ir.Opaque(None)
        if node.kind() == "parenthesized_expression" and named(node):
            return self.target(named(node)[0])
        return self.expr(node)

    def lower_expr(self, node: SgNode | None) -> ir.Expr:
        if node is None:
            return ir.Opaque(None)
        kind = node.kind()
        if kind == "identifier":
            return ir.Name(node, node.text())
        if kind in ("this", "super"):
            return ir.Name(node, "this")
        if kind == "field_access":
            obj, field = node.field("object"), node.field("field")
            name = field.text() if field is not None else ""
            if obj is not None and obj.kind() == "this" and name in self.constant_fields:
                return ir.Name(node, name)  # `this.LIMIT`: the final field's value
            return ir.Attr(node, self.expr(obj), name)
        if kind == "scoped_identifier":
            return ir.Name(node, node.text().replace(" ", ""))
        if kind == "array_access":
            return ir.Index(node, self.expr(node.field("array")), self.expr(node.field("index")))
        if kind == "method_invocation":
            return self.method_call(node)
        if kind == "object_creation_expression":
            return self.new_object(node)
        if kind == "string_literal":
            return self.string(node)
        if kind == "template_expression":
            literal = node.field("template_argument") or next(
                (c for c in named(node) if c.kind() == "string_literal"), None
            )
            return self.string(literal) if literal is not None else ir.Opaque(node)
        if kind == "character_literal":
            return ir.Const(node, _unescape(node.text()[1:-1]))
        if kind in _LITERAL_KINDS or kind in _FLOAT_KINDS:
            return ir.Const(node, _number(node.text()))
        if kind == "true":
            return ir.Const(node, True)
        if kind == "false":
            return ir.Const(node, False)
        if kind == "null_literal":
            return ir.Const(node, None)
        if kind == "class_literal":
            return ir.Const(node, node.text())
        if kind == "binary_expression":
            return self.binary(node)
        if kind == "unary_expression":
            op = node.field("operator")
            text = op.text() if op is not None else "-"
            operand = self.expr(node.field("operand"))
            return ir.UnaryOp(node, "not" if text == "!" else text, operand)
        if kind == "ternary_expression":
            return ir.IfExp(
                node,
                self.expr(node.field("condition")),
                self.expr(node.field("consequence")),
                self.expr(node.field("alternative")),
            )
        if kind == "parenthesized_expression":
            inner = named(node)
            return self.expr(inner[0]) if len(inner) == 1 else ir.Opaque(node, tuple(map(self.expr, inner)))
        if kind == "cast_expression":
            return self.expr(node.field("value"))
        if kind == "instanceof_expression":
            return ir.Opaque(node, ())  # a boolean: carries no text of the operand
        if kind in ("array_creation_expression", "array_initializer"):
            init = node.field("value") if kind == "array_creation_expression" else node
            if init is None:
                return ir.Seq(node, "list", ())
            return ir.Seq(node, "list", tuple(self.expr(e) for e in named(init)))
        if kind == "lambda_expression":
            self._callbacks.append(self.lambda_function(node))
            return ir.Opaque(node)
        if kind == "assignment_expression":
            return ir.Opaque(node, (self.expr(node.field("right")),))
        if kind == "switch_expression":
            return self.switch_value(node)
        if kind in ("method_reference", "update_expression"):
            return ir.Opaque(node, ())
        return ir.Opaque(node, tuple(self.expr(p) for p in named(node)))

    def string(self, node: SgNode) -> ir.Expr:
        pieces: list[tuple[SgNode, str | ir.Expr]] = []
        for child in named(node):
            kind = child.kind()
            if kind in ("string_fragment", "multiline_string_fragment"):
                pieces.append((child, child.text()))
            elif kind == "escape_sequence":
                pieces.append((child, _unescape(child.text())))
            elif kind == "string_interpolation":
                inner = named(child)
                pieces.append((child, self.expr(inner[0]) if inner else ir.Opaque(child)))
        return string_from_pieces(node, pieces)

    def binary(self, node: SgNode) -> ir.Expr:
        """Left-nested chains (`a + b + c ...`) are lowered along their spine, without recursion."""
        spine, innermost = left_spine(node, _BINARY_KINDS)
        result = self.expr(innermost)
        for link in spine:
            op_node = link.field("operator")
            op = op_node.text() if op_node is not None else "?"
            right = self.expr(link.field("right"))
            if op in _BOOLEAN_OPS:
                bool_op = _BOOLEAN_OPS[op]
                values = (
                    (*result.values, right)
                    if isinstance(result, ir.BoolOp) and result.op == bool_op
                    else (result, right)
                )
                result = ir.BoolOp(link, bool_op, values)
            elif op in _COMPARISONS:
                result = ir.Compare(link, (result, right), (_COMPARISONS[op],))
            else:
                result = ir.BinOp(link, op, result, right)
        return result

    def arguments(self, node: SgNode) -> list[ir.Expr]:
        args = node.field("arguments")
        out: list[ir.Expr] = []
        for arg in named(args) if args is not None else ():
            out.append(self.expr(arg))
        return out

    def method_call(self, node: SgNode) -> ir.Expr:
        """A call; a few library idioms become the IR's own forms (see java_adapter)."""
        obj, name_node = node.field("object"), node.field("name")
        name = name_node.text() if name_node is not None else ""
        args = self.arguments(node)
        if obj is None:
            # a bare call names a method of this class (or one bound by `import static`)
            func: ir.Expr = (
                ir.Name(name_node or node, name)
                if name in self.static_imports
                else ir.Attr(node, ir.Name(node, "this"), name)
            )
            return ir.Call(node, func, tuple(args))
        owner = obj.text().replace(" ", "").removeprefix("java.util.").removeprefix("java.lang.")
        owner = owner.removeprefix("java.util.regex.")
        if self._is_builder(obj):
            if name in ("append", "insert") and args:
                return ir.BinOp(node, "+", self.expr(obj), args[-1])
            if name == "toString" and not args:
                return self.expr(obj)
        receiver = self.expr(obj)
        if name in ("replaceAll", "replaceFirst", "split") and args and isinstance(args[0], ir.Const):
            args[0] = _regex_text(args[0])
        if (
            name == "contains"
            and len(args) == 1
            and obj.kind() == "identifier"
            and obj.text() in self.constant_fields
        ):
            # `ALLOWED.contains(x)` on a final field: membership in a (possibly constant) collection
            return ir.Compare(node, (args[0], receiver), ("in",))
        if name in ("equals", "contentEquals") and len(args) == 1:
            return ir.Compare(node, (receiver, args[0]), ("==",))
        if name == "concat" and len(args) == 1:
            return ir.BinOp(node, "+", receiver, args[0])
        if owner == "String" and name == "format" and args:
            return ir.Call(node, ir.Attr(node, args[0], "formatted"), tuple(args[1:]))
        if owner == "String" and name == "join" and len(args) >= 2:
            items = args[1] if len(args) == 2 else ir.Seq(node, "tuple", tuple(args[1:]))
            return ir.Call(node, ir.Attr(node, args[0], "join"), (items,))
        if owner == "String" and name == "valueOf" and len(args) == 1:
            return ir.Call(node, ir.Name(node, "String"), (args[0],))
        if _SEQUENCE_FACTORIES.match(f"{owner}.{name}"):
            return ir.Seq(node, "tuple", tuple(args))
        if owner == "Collections" and name == "nCopies" and len(args) == 2:
            return ir.Seq(node, "tuple", (args[1],))  # every element is the second argument
        if owner == "Pattern" and name == "compile" and len(args) == 1:
            return args[0]  # the compiled pattern stands for its source text in checks
        if name == "matches" and len(args) == 1:
            # `value.matches(regex)` tests the whole value: read as `Pattern.matches(regex, value)`
            return ir.Call(node, ir.Attr(node, ir.Name(node, "Pattern"), "matches"), (args[0], receiver))
        if (
            name == "matches"
            and not args
            and obj.kind() == "method_invocation"
            and (inner := obj.field("name")) is not None
            and inner.text() == "matcher"
        ):
            pattern, inner_args = obj.field("object"), self.arguments(obj)
            if pattern is not None and len(inner_args) == 1:
                check = ir.Attr(node, ir.Name(node, "Pattern"), "matches")
                return ir.Call(node, check, (self.expr(pattern), inner_args[0]))
        return ir.Call(node, ir.Attr(node, receiver, name), tuple(args))

    def _is_builder(self, node: SgNode) -> bool:
        """A string builder expression: a local declared as one, `new StringBuilder(...)`, or an
        `append` chain on either."""
        while (
            node.kind() == "method_invocation"
            and (n := node.field("name")) is not None
            and n.text()
            in (
                "append",
                "insert",
            )
        ):
            inner = node.field("object")
            if inner is None:
                return False
            node = inner
        if node.kind() == "identifier":
            return self.local_types.get(node.text(), "") in BUILDER_TYPES
        if node.kind() == "object_creation_expression":
            type_node = node.field("type")
            return type_node is not None and type_node.text() in BUILDER_TYPES
        return False

    def new_object(self, node: SgNode) -> ir.Expr:
        type_node = node.field("type")
        type_name = type_node.text() if type_node is not None else ""
        type_name = type_name.split("<", 1)[0]
        args = self.arguments(node)
        body = next((c for c in named(node) if c.kind() == "class_body"), None)
        if body is not None:
            self.anonymous_class(node, body)
        if type_name in BUILDER_TYPES:
            # the builder's text: its initial content (a capacity number adds none)
            if args and not (isinstance(args[0], ir.Const) and isinstance(args[0].value, int)):
                return ir.BinOp(node, "+", ir.Const(node, ""), args[0])
            return ir.Const(node, "")
        if type_name == "String" and len(args) == 1:
            return ir.Call(node, ir.Name(node, "String"), (args[0],))
        return ir.Call(node, ir.Name(type_node or node, type_name), tuple(args))

    def switch_value(self, node: SgNode) -> ir.Expr:
        """A switch expression is one of its arms' values (the arm is not known)."""
        subject = self.expr(node.field("condition"))
        body = node.field("body")
        values: list[ir.Expr] = []
        for rule in named(body) if body is not None else ():
            parts = [p for p in named(rule) if p.kind() != "switch_label"]
            if rule.kind() == "switch_rule" and len(parts) == 1 and parts[0].kind() == "expression_statement":
                inner = named(parts[0])
                values.append(self.expr(inner[0]) if inner else ir.Opaque(parts[0]))
            elif parts and parts[0].kind() == "throw_statement":
                continue
            else:
                values.append(
                    ir.Opaque(rule, tuple(self.expr(y) for y in rule.find_all(kind="yield_statement")))
                )
        if not values:
            return ir.Opaque(node, (subject,))
        result = values[-1]
        for value in reversed(values[:-1]):
            result = ir.IfExp(node, ir.Opaque(node, (subject,)), value, result)
        return result
