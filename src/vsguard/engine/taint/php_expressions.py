"""PHP expressions lowered to the taint IR (see php_adapter for how PHP maps onto it)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ast_grep_py import SgNode

from vsguard.engine.taint import ir
from vsguard.engine.taint.adapter import Lowering, bounded, left_spine, string_from_pieces
from vsguard.engine.taint.php_syntax import (
    ASSIGNMENTS,
    BINARY_KINDS,
    BOOLEAN_OPS,
    COMPARISONS,
    FUNCTION_KINDS,
    INCLUDES,
    NUMERIC_CASTS,
    SUPERGLOBAL_ROOT,
    SUPERGLOBALS_ALL,
    named,
    number,
    pcre_body,
    qualified,
    unescape_double,
    unescape_single,
    variable,
)

_STRING_PIECES = frozenset({"string_content", "escape_sequence", "string_value"})
_MEMBER_ACCESS = frozenset({"member_access_expression", "nullsafe_member_access_expression"})
_MEMBER_CALLS = frozenset({"member_call_expression", "nullsafe_member_call_expression"})
_NAMES = frozenset({"name", "qualified_name", "namespace_name"})
# the receivers `self::`, `static::` and `parent::` name: the object (or class) the method runs on
_RELATIVE = frozenset({"self", "static", "parent"})
# filtering functions and the position of their filter constant
_FILTERS = {"filter_var": 1, "filter_input": 2}
# replacing functions that take their subject last
_SUBJECT_LAST = frozenset({"str_replace", "str_ireplace", "preg_replace", "preg_replace_callback"})


def _named_entries(obj: ir.Expr) -> bool:
    """Is `obj` a superglobal, or an entry of one named by constant keys?"""
    while isinstance(obj, ir.Attr) and isinstance(obj.obj, ir.Attr):
        obj = obj.obj
    return (
        isinstance(obj, ir.Attr)
        and obj.attr in SUPERGLOBALS_ALL
        and isinstance(obj.obj, ir.Name)
        and obj.obj.id == SUPERGLOBAL_ROOT
    )


class ExpressionLowering(Lowering):
    """Targets and expressions; statements and functions are lowered by the subclass."""

    named = staticmethod(named)
    #: statements an expression implies that must run before the statement holding it
    #: (an assignment inside a condition, `if ($row = fetch())`)
    _pre: list[ir.Stmt]
    #: constant properties of the class being lowered (see `_fixed_properties`)
    fixed_properties: dict[str, ir.Expr]

    if TYPE_CHECKING:

        def function(
            self, node: SgNode, name: str | None = None, is_method: bool = False, bases: tuple[str, ...] = ()
        ) -> ir.FunctionDef: ...

        def assignment(self, node: SgNode) -> list[ir.Stmt]: ...

    # ------------------------------------------------------------------ targets

    @bounded(ir.Opaque)
    def target(self, node: SgNode | None) -> ir.Expr:
        if node is None:
            return ir.Opaque(None)
        if node.kind() == "list_literal":
            return ir.Unpack(node, tuple(self.target(p) for p in named(node)))
        if node.kind() == "by_ref":
            inner = named(node)
            return self.target(inner[0]) if inner else ir.Opaque(node)
        return self.expr(node)

    # ------------------------------------------------------------------ expressions

    def lower_expr(self, node: SgNode | None) -> ir.Expr:
        if node is None:
            return ir.Opaque(None)
        kind = node.kind()
        if kind == "variable_name":
            name = variable(node)
            if name in SUPERGLOBALS_ALL:
                return ir.Attr(node, ir.Name(node, SUPERGLOBAL_ROOT), name)
            return ir.Name(node, name)
        if kind == "subscript_expression":
            return self.subscript(node)
        if kind in _MEMBER_ACCESS:
            prop = node.field("name")
            owner = node.field("object")
            if owner is not None and owner.text() == "$this" and prop is not None:
                fixed = self.fixed_properties.get(prop.text())
                if fixed is not None:
                    return ir.Const(node, fixed.value) if isinstance(fixed, ir.Const) else fixed
            obj = self.expr(owner)
            if prop is not None and prop.kind() == "name":
                return ir.Attr(node, obj, prop.text())
            return ir.Index(node, obj, self.expr(prop))
        if kind in _MEMBER_CALLS:
            prop = node.field("name")
            obj = self.expr(node.field("object"))
            if prop is None or prop.kind() != "name":
                return ir.Opaque(node, (obj, *self.arguments(node)[0]))
            return self.call(node, ir.Attr(node, obj, prop.text()))
        if kind == "scoped_call_expression":
            prop = node.field("name")
            scope = self.scope(node.field("scope"))
            if prop is None or prop.kind() != "name":
                return ir.Opaque(node, (scope, *self.arguments(node)[0]))
            return self.call(node, ir.Attr(node, scope, prop.text()))
        if kind == "scoped_property_access_expression":
            prop = node.field("name")
            attr = variable(prop) if prop is not None else ""
            return ir.Attr(node, self.scope(node.field("scope")), attr)
        if kind == "class_constant_access_expression":
            return ir.Const(node, node.text())  # `Foo::BAR`, `Foo::class`: fixed by the code
        if kind == "function_call_expression":
            return self.function_call(node)
        if kind == "object_creation_expression":
            cls = next((c for c in named(node) if c.kind() in _NAMES), None)
            if cls is None:
                return ir.Opaque(node, tuple(self.expr(c) for c in named(node) if c.kind() != "arguments"))
            return self.call(node, ir.Name(cls, qualified(cls.text())))
        if kind in ("string", "encapsed_string", "heredoc", "nowdoc", "shell_command_expression"):
            text = self.string(node)
            if kind == "shell_command_expression":  # backticks run the text through a shell
                return ir.Call(node, ir.Name(node, "`"), (text,))
            return text
        if kind == "integer" or kind == "float":
            return ir.Const(node, number(node.text()))
        if kind == "boolean":
            return ir.Const(node, node.text().lower() == "true")
        if kind == "null":
            return ir.Const(node, None)
        if kind in _NAMES:
            lowered = node.text().lower()
            if lowered in ("true", "false"):
                return ir.Const(node, lowered == "true")
            if lowered == "null":
                return ir.Const(node, None)
            return ir.Const(node, node.text())  # a constant (`PHP_EOL`, `__DIR__`): fixed by the code
        if kind == "binary_expression":
            return self.binary(node)
        if kind == "unary_op_expression":
            return self.unary(node)
        if kind == "cast_expression":
            cast = node.field("type")
            value = self.expr(node.field("value"))
            if cast is not None and cast.text().strip().lower() in NUMERIC_CASTS:
                return ir.Call(node, ir.Name(node, f"({cast.text().strip().lower()})"), (value,))
            return value
        if kind in ("parenthesized_expression", "error_suppression_expression", "clone_expression", "by_ref"):
            inner = named(node)
            return self.expr(inner[-1]) if inner else ir.Opaque(node)
        if kind == "conditional_expression":
            condition = self.expr(node.field("condition"))
            body = node.field("body")
            alternative = self.expr(node.field("alternative"))
            if body is None:  # `a ?: b`
                return ir.BoolOp(node, "or", (condition, alternative))
            return ir.IfExp(node, condition, self.expr(body), alternative)
        if kind == "array_creation_expression":
            return self.array(node)
        if kind in ASSIGNMENTS:
            # an assignment used as a value: it runs first, then its target is the value
            self._pre.extend(self.assignment(node))
            left = node.field("left")
            return self.expr(left) if left is not None and left.kind() != "list_literal" else ir.Opaque(node)
        if kind in INCLUDES:
            inner = named(node)
            word = kind.removesuffix("_expression")
            args = (self.expr(inner[-1]),) if inner else ()
            return ir.Call(node, ir.Name(node, word), args)
        if kind == "print_intrinsic":
            inner = named(node)
            return ir.Call(node, ir.Name(node, "print"), (self.expr(inner[-1]),) if inner else ())
        if kind == "match_expression":
            return self.match(node)
        if kind in FUNCTION_KINDS:
            self.function(node)
            return ir.Opaque(node)
        if kind == "sequence_expression":
            return ir.Opaque(node, tuple(self.expr(p) for p in named(node)))
        return ir.Opaque(node, tuple(self.expr(p) for p in named(node)))

    def match(self, node: SgNode) -> ir.Expr:
        """`match ($x) { 'a', 'b' => A, default => B }`: one arm's value, each arm taken when the
        subject is among its conditions (no arm matching throws, so the last arm stands in)."""
        subject = self.expr(node.field("condition"))
        block = node.field("body")
        arms: list[tuple[SgNode, tuple[ir.Expr, ...], ir.Expr]] = []
        fallback: ir.Expr | None = None
        for arm in named(block) if block is not None else ():
            value = self.expr(arm.field("return_expression"))
            if arm.kind() == "match_default_expression":
                fallback = value
            elif arm.kind() == "match_conditional_expression":
                conditions = arm.field("conditional_expressions")
                tests = tuple(self.expr(c) for c in named(conditions)) if conditions is not None else ()
                arms.append((arm, tests, value))
        if fallback is None:
            if not arms:
                return ir.Opaque(node, (subject,))
            fallback = arms.pop()[2]
        result = fallback
        for arm, tests, value in reversed(arms):
            test = ir.Compare(arm, (subject, ir.Seq(arm, "list", tests)), ("in",))
            result = ir.IfExp(arm, test, value, result)
        return result

    def scope(self, node: SgNode | None) -> ir.Expr:
        """The left of `X::m()`: a class name, or the receiver for `self`/`static`/`parent`."""
        if node is None:
            return ir.Opaque(None)
        if node.kind() == "relative_scope" or node.text() in _RELATIVE:
            return ir.Name(node, "this")
        if node.kind() in _NAMES:
            return ir.Name(node, qualified(node.text()))
        return self.expr(node)

    def subscript(self, node: SgNode) -> ir.Expr:
        parts = named(node)
        if not parts:
            return ir.Opaque(node)
        obj = self.expr(parts[0])
        if len(parts) < 2:
            return ir.Index(node, obj, ir.Opaque(node))  # `$a[]`: a new element
        key = self.expr(parts[1])
        if isinstance(key, ir.Const) and isinstance(key.value, str) and _named_entries(obj):
            # `$_GET['q']`, `$_SERVER['HTTP_HOST']`, `$_FILES['f']['tmp_name']`: entries named by
            # constant keys are attributes, so a check of one holds where it is used again, and
            # the catalog can tell the client's entries (a header, an upload's own name) from
            # the server's (its host name, the upload's temporary path)
            return ir.Attr(node, obj, key.value)
        return ir.Index(node, obj, key)

    def function_call(self, node: SgNode) -> ir.Expr:
        func = node.field("function")
        if func is None or func.kind() not in _NAMES:
            return self.call(node, self.expr(func))
        name = qualified(func.text())
        short = name.rsplit(".", 1)[-1].lower()
        args_node = node.field("arguments")
        plain = [a for a in named(args_node) if a.kind() == "argument"] if args_node is not None else []
        values = [named(a)[-1] for a in plain if named(a)]
        if short in ("in_array", "array_key_exists") and len(values) >= 2:
            # a membership test: `in_array($x, LIST)` is `x in LIST` (an allow-list when constant)
            return ir.Compare(node, (self.expr(values[0]), self.expr(values[1])), ("in",))
        if short == "isset" and len(values) == 1 and values[0].kind() == "subscript_expression":
            # `isset($table[$key])`: the key is one of the table's (an allow-list when constant)
            parts = named(values[0])
            if len(parts) == 2:
                return ir.Compare(node, (self.expr(parts[1]), self.expr(parts[0])), ("in",))
        if short == "preg_match" and len(values) >= 2:
            pattern = self.expr(values[0])
            if isinstance(pattern, ir.Const) and isinstance(pattern.value, str):
                body = pcre_body(pattern.value)
                pattern = ir.Const(values[0], body if body is not None else pattern.value)
            rest = tuple(self.expr(v) for v in values[1:])
            return ir.Call(node, ir.Name(func, name), (pattern, *rest))
        if short in ("sprintf", "vsprintf") and values and len(values) == len(plain):
            # formatting is the `%` of text with its values, as the catalog's printf model reads it
            fmt = self.expr(values[0])
            filled = tuple(self.expr(v) for v in values[1:])
            if short == "vsprintf" and len(filled) == 1:
                return ir.BinOp(node, "%", fmt, filled[0])
            return ir.BinOp(node, "%", fmt, ir.Seq(args_node or node, "tuple", filled))
        if short in _FILTERS and len(values) > _FILTERS[short] and values[_FILTERS[short]].kind() in _NAMES:
            # `filter_var($x, FILTER_VALIDATE_INT)`: the filter is part of what the call is, so
            # the catalog can tell a number from text (`filter_var.FILTER_VALIDATE_INT`)
            flag = values[_FILTERS[short]].text().lstrip("\\")
            callee = ir.Attr(func, ir.Name(func, name), flag)
            return ir.Call(node, callee, tuple(self.expr(v) for v in values))
        if short in _SUBJECT_LAST and len(values) >= 3 and len(values) == len(plain):
            # `str_replace($search, $replace, $subject)`: the subject goes first, where the
            # catalog's sanitizers (and every other call's first argument) carry the cleaned value
            order = (values[2], values[0], values[1], *values[3:])
            return ir.Call(node, ir.Name(func, name), tuple(self.expr(v) for v in order))
        if short in ("ltrim", "trim") and len(values) == 2:
            # what is left cannot start with the stripped characters: read as a method on the
            # value, as the catalog's leading strippers are
            subject = self.expr(values[0])
            return ir.Call(node, ir.Attr(func, subject, short), (self.expr(values[1]),))
        if (
            short in ("file_get_contents", "fopen")
            and values
            and values[0].kind() in ("string", "encapsed_string")
            and values[0].text().strip("'\"").lower() == "php://input"
        ):
            # the request body as a stream: `file_get_contents('php://input')`
            return ir.Call(node, ir.Attr(func, ir.Name(func, SUPERGLOBAL_ROOT), "input"), ())
        return self.call(node, ir.Name(func, name))

    def call(self, node: SgNode, func: ir.Expr) -> ir.Call:
        args, kwargs, star = self.arguments(node)
        return ir.Call(node, func, args, kwargs, star)

    def arguments(
        self, node: SgNode
    ) -> tuple[tuple[ir.Expr, ...], tuple[tuple[str, ir.Expr], ...], tuple[ir.Expr, ...]]:
        args_node = node.field("arguments") or next((c for c in named(node) if c.kind() == "arguments"), None)
        args: list[ir.Expr] = []
        kwargs: list[tuple[str, ir.Expr]] = []
        star: list[ir.Expr] = []
        last: SgNode | None = None
        for arg in named(args_node) if args_node is not None else ():
            if arg.kind() == "variadic_placeholder":
                continue
            parts = named(arg)
            if not parts:
                continue
            inner = parts[-1]
            if inner.kind() == "variadic_unpacking":
                inner = (named(inner) or [inner])[-1]
            value = self.expr(inner)
            name = arg.field("name")
            if parts[-1].kind() == "variadic_unpacking" or arg.text().startswith("..."):
                star.append(value)
            elif name is not None and len(parts) > 1:
                kwargs.append((name.text(), value))  # PHP 8 named argument `f(limit: 3)`
            else:
                args.append(value)
                last = parts[-1]
        if (
            args
            and isinstance(args[-1], ir.DictLit)
            and last is not None
            and last.kind() == "array_creation_expression"
        ):
            # a trailing options array also reads as keyword arguments (`['allowed_classes' => false]`)
            kwargs.extend(
                (key.value, item)
                for key, item in args[-1].items
                if isinstance(key, ir.Const) and isinstance(key.value, str)
            )
        return tuple(args), tuple(kwargs), tuple(star)

    def string(self, node: SgNode) -> ir.Expr:
        """A literal: single-quoted and nowdoc text is fixed; double-quoted, heredoc and backtick
        text substitutes the variables and `{...}` expressions inside it."""
        kind = node.kind()
        single = kind in ("string", "nowdoc") and not node.text().startswith('"')
        pieces: list[tuple[SgNode, str | ir.Expr]] = []
        stack = list(reversed(named(node)))
        while stack:
            child = stack.pop()
            ck = child.kind()
            if ck in ("heredoc_body", "nowdoc_body"):
                stack.extend(reversed(named(child)))
            elif ck in _STRING_PIECES or ck == "nowdoc_string":
                text = child.text()
                pieces.append((child, unescape_single(text) if single else unescape_double(text)))
            elif ck in ("heredoc_start", "heredoc_end"):
                continue
            else:
                pieces.append((child, self.expr(child)))
        return string_from_pieces(node, pieces)

    def array(self, node: SgNode) -> ir.Expr:
        """`[a, b]` is a list; with any `key => value` it is a mapping (keyless items numbered)."""
        items: list[tuple[ir.Expr | None, ir.Expr]] = []
        keyed = False
        position = 0
        for element in named(node):
            if element.kind() != "array_element_initializer":
                continue
            parts = named(element)
            if not parts:
                continue
            if element.text().startswith("..."):
                items.append((None, self.expr(parts[-1])))
                keyed = True
            elif len(parts) >= 2:
                items.append((self.expr(parts[0]), self.expr(parts[-1])))
                keyed = True
            else:
                items.append((ir.Const(element, position), self.expr(parts[0])))
                position += 1
        if not keyed:
            return ir.Seq(node, "list", tuple(v for _, v in items))
        return ir.DictLit(node, tuple(items))

    def binary(self, node: SgNode) -> ir.Expr:
        """Left-nested chains lowered along their spine in a loop; a run of `.` is one `Format`
        (PHP's concatenation turns every operand into text)."""
        spine, innermost = left_spine(node, BINARY_KINDS)
        result = self.expr(innermost)
        for link in spine:
            op_node = link.field("operator")
            op = op_node.text().lower() if op_node is not None else "?"
            right = self.expr(link.field("right"))
            if op == ".":
                parts = result.parts if isinstance(result, ir.Format) else (result,)
                result = ir.Format(link, (*parts, right))
            elif op in BOOLEAN_OPS:
                bool_op = BOOLEAN_OPS[op]
                if isinstance(result, ir.BoolOp) and result.op == bool_op:
                    result = ir.BoolOp(link, bool_op, (*result.values, right))
                else:
                    result = ir.BoolOp(link, bool_op, (result, right))
            elif op in COMPARISONS:
                result = ir.Compare(link, (result, right), (COMPARISONS[op],))
            else:
                result = ir.BinOp(link, op, result, right)
        return result

    def unary(self, node: SgNode) -> ir.Expr:
        op_node = node.field("operator")
        parts = named(node)
        operand = self.expr(parts[-1]) if parts else ir.Opaque(node)
        op = (
            op_node.text()
            if op_node is not None
            else next((c.text() for c in node.children() if not c.is_named()), "?")
        )
        return ir.UnaryOp(node, "not" if op == "!" else op, operand)
