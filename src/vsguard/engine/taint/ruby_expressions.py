"""Ruby expressions lowered to the taint IR (see ruby_adapter for how Ruby maps onto the IR)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ast_grep_py import SgNode

from vsguard.engine.taint import ir
from vsguard.engine.taint.adapter import Lowering, bounded, left_spine, string_from_pieces, unescaper

_COMPARISONS = {"==": "==", "!=": "!=", "<": "<", ">": ">", "<=": "<=", ">=": ">=", "===": "=="}
_BOOLEAN_OPS = {"&&": "and", "and": "and", "||": "or", "or": "or"}
_BINARY = frozenset({"binary"})
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", "'": "'", '"': '"', "0": "\0", "e": "\x1b", "s": " "}
_unescape = unescaper(
    re.compile(r"\\(x[0-9a-fA-F]{1,2}|u[0-9a-fA-F]{4}|.)", re.S), _ESCAPES, keep_unknown=False
)
# string-like literal kinds whose children are text and `interpolation` pieces
_STRING_KINDS = frozenset({"string", "subshell", "heredoc_body", "delimited_symbol", "regex", "bare_string"})
_TEXT_KINDS = frozenset({"string_content", "heredoc_content", "escape_sequence"})
_OBJECT_CONSTANTS = frozenset({"ENV", "ARGV", "ARGF", "STDIN", "$stdin"})
# receivers that have no name of their own, by the class a method on them belongs to
_UNNAMED = {"string": "String", "heredoc_beginning": "String", "chained_string": "String", "array": "Array"}
_UNNAMED |= {
    "string_array": "Array",
    "hash": "Hash",
    "binary": "Object",
    "parenthesized_statements": "Object",
}
# methods returning their receiver (or an equal copy)
_IDENTITY = frozenset({"freeze", "dup", "clone", "itself", "to_s", "to_str"})
# the request's own readers, called bare (Rails, Sinatra)
_KEYED_READS = frozenset({"params", "cookies"})
_REGEX_TESTS = frozenset({"match?", "match", "=~", "==="})


def anchored_pattern(node: SgNode) -> str | None:
    """The body of a regex literal anchored at both ends of the text (`/\\A[a-z]+\\z/`), written
    with `^`/`$` as the core reads anchors; None otherwise (Ruby's own `^`/`$` match at any line)."""
    if node.kind() != "regex" or any(c.kind() == "interpolation" for c in node.children()):
        return None
    raw = node.text()
    if not raw.startswith("/") or "/" not in raw[1:]:
        return None
    body, flags = raw[1:].rsplit("/", 1)
    if "x" in flags or not body.startswith("\\A") or not body.endswith(("\\z", "\\Z")):
        return None
    return "^" + body[2:-2] + "$"


def named(node: SgNode) -> list[SgNode]:
    return [c for c in node.children() if c.is_named() and c.kind() not in ("comment", "heredoc_end")]


def symbol_name(node: SgNode) -> str:
    """`:name`, `name:` (a hash key) or `"name"` as the bare name."""
    return node.text().removeprefix(":").removesuffix(":").strip("\"'")


def _number(text: str) -> object:
    clean = text.replace("_", "").rstrip("ri")
    try:
        return (
            int(clean, 0)
            if not any(c in clean for c in ".eE") or clean.lower().startswith("0x")
            else float(clean)
        )
    except ValueError:
        return text


class Scope:
    """The names a method (or the file) has bound so far: in Ruby a bare name that is not one of
    them is a call of a method without arguments (`params`, `request`, a helper)."""

    def __init__(self, methods: frozenset[str] = frozenset()) -> None:
        self.locals: set[str] = set()
        #: methods of the enclosing class: a bare call to one is a call on `self`
        self.methods = methods


class ExpressionLowering(Lowering):
    """Targets and expressions; statements, blocks and definitions are lowered by the subclass."""

    named = staticmethod(named)
    scope: Scope
    #: heredoc bodies by the start of their `<<~TAG` opener (the body is a later sibling node)
    heredocs: dict[tuple[int, int], SgNode]

    if TYPE_CHECKING:

        def block_call(self, node: SgNode, call: ir.Call, block: SgNode) -> ir.Expr: ...

        def lambda_function(self, node: SgNode) -> ir.Expr: ...

    # ------------------------------------------------------------------ targets

    @bounded(ir.Opaque)
    def target(self, node: SgNode | None) -> ir.Expr:
        if node is None:
            return ir.Opaque(None)
        kind = node.kind()
        if kind == "identifier":
            self.scope.locals.add(node.text())
            return ir.Name(node, node.text())
        if kind in ("left_assignment_list", "destructured_left_assignment"):
            parts = named(node)
            starred = next((i for i, p in enumerate(parts) if p.kind() == "rest_assignment"), -1)
            return ir.Unpack(node, tuple(self.target(p) for p in parts), starred)
        if kind == "rest_assignment":
            inner = named(node)
            return self.target(inner[0]) if inner else ir.Opaque(node)
        if kind == "call" and node.field("receiver") is not None and node.field("arguments") is None:
            method = node.field("method")
            return ir.Attr(
                node, self.expr(node.field("receiver")), method.text() if method is not None else ""
            )
        return self.expr(node)

    # ------------------------------------------------------------------ expressions

    def lower_expr(self, node: SgNode | None) -> ir.Expr:
        if node is None:
            return ir.Opaque(None)
        kind = node.kind()
        if kind == "identifier":
            return self.identifier(node)
        if kind in ("constant", "scope_resolution", "global_variable"):
            name = node.text().removeprefix("::")
            if name in _OBJECT_CONSTANTS:  # ENV, ARGV...: constants of Object, named so for the catalog
                return ir.Attr(node, ir.Name(node, "Object"), name)
            return ir.Name(node, name)
        if kind in ("instance_variable", "class_variable"):
            return ir.Name(node, node.text())
        if kind == "self":
            return ir.Name(node, "self")
        if kind in ("integer", "float", "rational", "complex"):
            return ir.Const(node, _number(node.text()))
        if kind in ("true", "false"):
            return ir.Const(node, kind == "true")
        if kind == "nil":
            return ir.Const(node, None)
        if kind in ("simple_symbol", "hash_key_symbol", "character"):
            return ir.Const(node, symbol_name(node))
        if kind in _STRING_KINDS:
            return self.string(node)
        if kind == "heredoc_beginning":
            body = self.heredocs.get((node.range().start.line, node.range().start.column))
            return self.string(body) if body is not None else ir.Opaque(node)
        if kind in ("string_array", "symbol_array"):
            return ir.Seq(node, "list", tuple(self.expr(p) for p in named(node)))
        if kind == "chained_string":
            parts = [self.expr(p) for p in named(node)]
            return ir.Format(node, tuple(parts)) if parts else ir.Const(node, "")
        if kind == "interpolation":
            inner = named(node)
            return self.expr(inner[-1]) if inner else ir.Const(node, "")
        if kind == "element_reference":
            keys = [k for k in named(node) if k != node.field("object")]
            request_read = self._request_key(node.field("object"), keys)
            if request_read is not None:
                return request_read
            obj = self.expr(node.field("object"))
            if len(keys) == 1:
                return ir.Index(node, obj, self.expr(keys[0]))
            return ir.Index(node, obj, ir.Opaque(node, tuple(self.expr(k) for k in keys)))
        if kind == "call":
            return self.call(node)
        if kind == "subshell":
            return self.string(node)
        if kind == "binary":
            return self.binary(node)
        if kind == "unary":
            op = node.field("operator")
            text = op.text() if op is not None else "-"
            operand = self.expr(node.field("operand"))
            if text in ("!", "not"):
                return ir.UnaryOp(node, "not", operand)
            if text in ("-", "+", "~"):
                return ir.UnaryOp(node, text, operand)
            return ir.Opaque(node, ())  # defined?: a description or nil, no text of the operand
        if kind == "conditional":
            return ir.IfExp(
                node,
                self.expr(node.field("condition")),
                self.expr(node.field("consequence")),
                self.expr(node.field("alternative")),
            )
        if kind in ("parenthesized_statements", "begin_block"):
            inner = named(node)
            return (
                self.expr(inner[-1])
                if len(inner) == 1
                else ir.Opaque(node, tuple(self.expr(p) for p in inner))
            )
        if kind == "array":
            return ir.Seq(node, "list", tuple(self.element(p) for p in named(node)))
        if kind == "hash":
            return self.hash(node)
        if kind == "range":
            return ir.Opaque(node, tuple(self.expr(p) for p in named(node)))
        if kind == "lambda":
            return self.lambda_function(node)
        if kind in ("assignment", "operator_assignment"):
            return ir.Opaque(node, (self.expr(node.field("right")),))
        if kind == "pair":
            return self.expr(node.field("value"))
        if kind in ("splat_argument", "hash_splat_argument", "block_argument"):
            inner = named(node)
            return ir.Opaque(node, (self.expr(inner[0]),)) if inner else ir.Opaque(node)
        return ir.Opaque(node, tuple(self.expr(p) for p in named(node)))

    def _request_key(self, obj: SgNode | None, keys: list[SgNode]) -> ir.Expr | None:
        """`params[:sort]` (also `cookies[...]`) with a literal key reads as the path
        `params().[sort]`: a check of that read (`ALLOWED.include?(params[:sort])`) then holds for
        later reads of the same key, as it would for a local."""
        if obj is None or obj.kind() != "identifier" or obj.text() not in _KEYED_READS or len(keys) != 1:
            return None
        if obj.text() in self.scope.locals:
            return None
        key = keys[0]
        simple = key.kind() in ("simple_symbol", "hash_key_symbol") or (
            key.kind() == "string" and all(c.kind() == "string_content" for c in named(key))
        )
        if not simple:
            return None
        return ir.Attr(key.parent() or key, ir.Name(obj, f"{obj.text()}()"), f"[{symbol_name(key)}]")

    def element(self, node: SgNode) -> ir.Expr:
        if node.kind() == "splat_argument":
            inner = named(node)
            return ir.Opaque(node, (self.expr(inner[0]),)) if inner else ir.Opaque(node)
        return self.expr(node)

    def identifier(self, node: SgNode) -> ir.Expr:
        """A local, or else a call of a method without arguments (`params`, `request`)."""
        name = node.text()
        if name in self.scope.locals:
            return ir.Name(node, name)
        return ir.Call(node, self._callee(node, name))

    def _callee(self, node: SgNode, name: str) -> ir.Expr:
        if name in self.scope.methods:
            return ir.Attr(node, ir.Name(node, "self"), name)
        return ir.Name(node, name)

    def string(self, node: SgNode) -> ir.Expr:
        raw = node.text()
        single = raw.startswith("'") or raw[:3] in ("%q(", "%q[", "%q{", "%w[", "%w(")
        pieces: list[tuple[SgNode, str | ir.Expr]] = []
        for child in named(node):
            kind = child.kind()
            if kind in _TEXT_KINDS:
                text = child.text()
                pieces.append(
                    (child, text.replace("\\'", "'").replace("\\\\", "\\") if single else _unescape(text))
                )
            elif kind == "interpolation":
                pieces.append((child, self.expr(child)))
        value = string_from_pieces(node, pieces)
        if node.kind() == "subshell":  # `cmd` and %x(cmd) run their text through a shell
            return ir.Call(node, ir.Name(node, "`"), (value,))
        if node.kind() == "regex":
            return ir.Const(node, raw) if isinstance(value, ir.Const) else ir.Opaque(node, (value,))
        return value

    def hash(self, node: SgNode) -> ir.DictLit:
        items: list[tuple[ir.Expr | None, ir.Expr]] = []
        for part in named(node):
            if part.kind() == "pair":
                key = part.field("key")
                value = self.expr(part.field("value"))
                items.append((self.expr(key) if key is not None else None, value))
            elif part.kind() == "hash_splat_argument":
                items.append((None, self.expr(part)))
        return ir.DictLit(node, tuple(items))

    def binary(self, node: SgNode) -> ir.Expr:
        """`a + b + c ...` nests to the left: lowered along that spine in a loop."""
        spine, innermost = left_spine(node, _BINARY)
        result = self.expr(innermost)
        for link in spine:
            result = self._binary_link(link, result, self.expr(link.field("right")))
        return result

    def regex_test(self, node: SgNode, a: SgNode, b: SgNode) -> ir.Expr | None:
        """`x =~ /\\A..\\z/`, `/../.match?(x)`: read as `Regexp.match?(pattern, x)`, a whole-value check."""
        for regex, value in ((a, b), (b, a)):
            pattern = anchored_pattern(regex)
            if pattern is not None:
                check = ir.Attr(node, ir.Name(node, "Regexp"), "match?")
                return ir.Call(node, check, (ir.Const(regex, pattern), self.expr(value)))
        return None

    def _binary_link(self, node: SgNode, left: ir.Expr, right: ir.Expr) -> ir.Expr:
        op_node = node.field("operator")
        op = op_node.text() if op_node is not None else "?"
        if op in _BOOLEAN_OPS:
            bool_op = _BOOLEAN_OPS[op]
            if isinstance(left, ir.BoolOp) and left.op == bool_op:
                return ir.BoolOp(node, bool_op, (*left.values, right))
            return ir.BoolOp(node, bool_op, (left, right))
        if op in _COMPARISONS:
            return ir.Compare(node, (left, right), (_COMPARISONS[op],))
        if (
            op == "=~"
            and (left_node := node.field("left")) is not None
            and (right_node := node.field("right")) is not None
        ):
            test = self.regex_test(node, left_node, right_node)
            if test is not None:
                return test
        if op in ("=~", "!~", "<=>"):
            return ir.Opaque(node, ())  # a position, a boolean or an order: no text of the operands
        return ir.BinOp(node, "+" if op == "<<" else op, left, right)

    # ------------------------------------------------------------------ calls

    def call(self, node: SgNode) -> ir.Expr:
        receiver_node = node.field("receiver")
        method_node = node.field("method")
        method = method_node.text() if method_node is not None else "call"
        arguments = node.field("arguments")
        arg_nodes = named(arguments) if arguments is not None else []
        if receiver_node is None:
            if method in ("format", "sprintf") and arg_nodes and method not in self.scope.methods:
                # Kernel#format(fmt, *values) is `fmt % [values]`
                values = ir.Seq(node, "list", tuple(self.element(a) for a in arg_nodes[1:]))
                return ir.BinOp(node, "%", self.expr(arg_nodes[0]), values)
            func: ir.Expr = self._callee(node, method)
        else:
            if method in _IDENTITY and not arg_nodes and node.field("block") is None:
                return self.expr(receiver_node)  # `%w[a b].freeze` is still the constant list
            receiver = self.expr(receiver_node)
            if (
                method in ("include?", "member?", "key?", "has_key?")
                and len(arg_nodes) == 1
                and node.field("block") is None
            ):
                # `ALLOWED.include?(x)` is a membership test: `x in ALLOWED`
                return ir.Compare(node, (self.expr(arg_nodes[0]), receiver), ("in",))
            if method in _REGEX_TESTS and len(arg_nodes) == 1:
                test = self.regex_test(node, receiver_node, arg_nodes[0])
                if test is not None:
                    return test
            func = ir.Attr(method_node or node, receiver, method)
            if method == "delete" and len(arg_nodes) == 1 and arg_nodes[0].kind() == "string":
                # String#delete(chars) is tr(chars, ""): the core then sees which characters go
                func = ir.Attr(method_node or node, receiver, "tr")
                return ir.Call(node, func, (self.expr(arg_nodes[0]), ir.Const(node, "")))
        args: list[ir.Expr] = []
        if receiver_node is not None and receiver_node.kind() in _UNNAMED:
            # a method of a literal or computed value (`"<b>#{x}</b>".html_safe`): the core names
            # calls by their receiver, so it reads as the class's method taking the value first
            func = ir.Attr(
                method_node or node, ir.Name(receiver_node, _UNNAMED[receiver_node.kind()]), method
            )
            args.append(self.expr(receiver_node))
        kwargs: list[tuple[str, ir.Expr]] = []
        star: list[ir.Expr] = []
        star_kw: list[ir.Expr] = []
        for arg in arg_nodes:
            kind = arg.kind()
            if kind == "pair":
                key = arg.field("key")
                value = self.expr(arg.field("value"))
                if key is not None and key.kind() in ("hash_key_symbol", "simple_symbol", "string"):
                    kwargs.append((symbol_name(key), value))
                else:
                    star_kw.append(value)
            elif kind == "splat_argument":
                star.append(self.expr(arg))
            elif kind == "hash_splat_argument":
                star_kw.append(self.expr(arg))
            elif kind == "block_argument":
                continue  # `&blk`: a callable, not data the call reads as text
            else:
                args.append(self.expr(arg))
        call = ir.Call(node, func, tuple(args), tuple(kwargs), tuple(star), tuple(star_kw))
        block = node.field("block")
        if block is not None:
            return self.block_call(node, call, block)
        return call
