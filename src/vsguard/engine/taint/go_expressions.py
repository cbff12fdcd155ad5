"""Go expressions lowered to the taint IR (see go_adapter for what is expressed how)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ast_grep_py import SgNode

from vsguard.engine.taint import ir
from vsguard.engine.taint.adapter import Lowering, bounded, left_spine
from vsguard.engine.taint.go_syntax import (
    _BINARY_KINDS,
    _BOOLEAN_OPS,
    _COMPARISONS,
    _TEXT_TYPES,
    _is_string_literal,
    _named,
    _number,
    _string_text,
)

# Functions of Go's `strings` package take the string they work on first: they are lowered as
# methods of it (`strings.TrimLeft(s, "/")` as `s.TrimLeft("/")`), so the catalog's string-method
# models (prefix checks, strippers, replacers) describe them. `Join` takes the separator second.
_STRING_FUNCS = frozenset(
    {"HasPrefix", "HasSuffix", "Contains", "ContainsAny", "ContainsRune", "EqualFold", "TrimSpace"}
    | {"ToLower", "ToUpper", "ToTitle", "Title", "TrimPrefix", "TrimSuffix", "Trim", "TrimLeft"}
    | {"TrimRight", "TrimFunc", "Replace", "ReplaceAll", "Split", "SplitN", "SplitAfter", "Fields"}
    | {"Repeat", "Clone", "ToValidUTF8"}
)
# fmt's formatting functions: Go's string interpolation
_PRINTF = frozenset({"Sprintf", "Errorf"})
_PRINT = frozenset({"Sprint", "Sprintln"})
_FPRINT = {"Fprintf": "Sprintf", "Fprint": "Sprint", "Fprintln": "Sprintln"}
_VERB_END = frozenset("vTtbcdoOqxXUeEfFgGsp%")


def _anchored(node: SgNode, pattern: str) -> ir.Expr:
    """A Go regexp searches: only a pattern anchored at its start can restrict the whole value
    (the catalog's regex check looks for the end anchor); any other pattern proves nothing."""
    return ir.Const(node, pattern) if pattern.startswith(("^", "\\A")) else ir.Opaque(node, ())


class ExpressionLowering(Lowering):
    """Targets and expressions; statements and functions are lowered by the subclass."""

    named = staticmethod(_named)
    #: import local names -> import paths of the file
    imports: dict[str, str]
    #: names bound to `regexp.MustCompile("<literal>")` in the file -> the pattern
    regexes: dict[str, str]
    #: the receiver name of the method being lowered (read as `this`)
    receiver: str | None
    #: variables written through pointer arguments in the current statement, with their new value
    writes: list[tuple[ir.Expr, ir.Expr]]

    if TYPE_CHECKING:

        def function(self, node: SgNode, name: str | None = None) -> ir.FunctionDef: ...

    def _package(self, node: SgNode | None) -> str | None:
        """The import path an identifier names (`exec` -> "os/exec"), if it names a package."""
        if node is None or node.kind() not in ("identifier", "package_identifier"):
            return None
        return self.imports.get(node.text())

    @bounded(ir.Opaque)
    def target(self, node: SgNode | None) -> ir.Expr:
        if node is None:
            return ir.Opaque(None)
        if node.kind() == "parenthesized_expression":
            inner = _named(node)
            return self.target(inner[0]) if inner else ir.Opaque(node)
        if node.kind() == "unary_expression":  # `*p = v` writes through the pointer
            operand = node.field("operand")
            return self.target(operand) if operand is not None else ir.Opaque(node)
        return self.expr(node)

    def lower_expr(self, node: SgNode | None) -> ir.Expr:
        if node is None:
            return ir.Opaque(None)
        kind = node.kind()
        if kind in ("identifier", "field_identifier", "package_identifier", "type_identifier"):
            text = node.text()
            if text == "nil":
                return ir.Const(node, None)
            if text in ("true", "false"):
                return ir.Const(node, text == "true")
            return ir.Name(node, "this" if text == self.receiver else text)
        if kind in ("interpreted_string_literal", "raw_string_literal"):
            return ir.Const(node, _string_text(node))
        if kind in ("int_literal", "float_literal", "imaginary_literal"):
            return ir.Const(node, _number(node.text()))
        if kind == "rune_literal":
            return ir.Const(node, node.text().strip("'"))
        if kind in ("true", "false"):
            return ir.Const(node, kind == "true")
        if kind in ("nil", "iota"):
            return ir.Const(node, None) if kind == "nil" else ir.Opaque(node, ())
        if kind == "qualified_type":  # `pkg.T`, as a type read like an attribute of the package
            package, name = node.field("package"), node.field("name")
            return ir.Attr(node, self.expr(package), name.text() if name is not None else "")
        if kind == "generic_type":
            return self.expr(node.field("type"))
        if kind == "selector_expression":
            field = node.field("field")
            return ir.Attr(node, self.expr(node.field("operand")), field.text() if field is not None else "")
        if kind == "index_expression":
            return ir.Index(node, self.expr(node.field("operand")), self.expr(node.field("index")))
        if kind == "slice_expression":  # `s[i:j]`: part of the text, at positions not known here
            bounds = tuple(self.expr(node.field(f)) for f in ("start", "end") if node.field(f) is not None)
            return ir.Index(node, self.expr(node.field("operand")), ir.Opaque(node, bounds))
        if kind == "call_expression":
            return self.call(node)
        if kind == "type_conversion_expression":
            return self.conversion(node, node.field("type"), node.field("operand"))
        if kind == "type_assertion_expression":  # `x.(string)`: the same value
            return self.expr(node.field("operand"))
        if kind == "parenthesized_expression":
            inner = _named(node)
            return self.expr(inner[0]) if len(inner) == 1 else ir.Opaque(node, tuple(map(self.expr, inner)))
        if kind == "binary_expression":
            return self.binary(node)
        if kind == "unary_expression":
            return self.unary(node)
        if kind == "composite_literal":
            return self.composite(node)
        if kind == "func_literal":
            self.function(node)
            return ir.Opaque(node)
        if kind == "expression_list":
            parts = _named(node)
            if len(parts) == 1:
                return self.expr(parts[0])
            return ir.Seq(node, "tuple", tuple(self.expr(p) for p in parts))
        return ir.Opaque(node, tuple(self.expr(p) for p in _named(node)))

    def unary(self, node: SgNode) -> ir.Expr:
        op_node = node.field("operator")
        op = op_node.text() if op_node is not None else ""
        operand = self.expr(node.field("operand"))
        if op == "!":
            return ir.UnaryOp(node, "not", operand)
        if op in ("-", "+"):
            return ir.UnaryOp(node, op, operand)
        if op == "^":
            return ir.UnaryOp(node, "~", operand)
        if op in ("&", "*"):  # address and dereference: the value itself for data flow
            return operand
        return ir.Opaque(node, (operand,))  # `<-ch`: a value received from elsewhere

    def binary(self, node: SgNode) -> ir.Expr:
        """Left-nested chains (`a + b + c ...`) are lowered along their spine in a loop."""
        spine, innermost = left_spine(node, _BINARY_KINDS)
        result = self.expr(innermost)
        for link in spine:
            op_node = link.field("operator")
            op = op_node.text() if op_node is not None else "?"
            right = self.expr(link.field("right"))
            if op in _BOOLEAN_OPS:
                bool_op = _BOOLEAN_OPS[op]
                if isinstance(result, ir.BoolOp) and result.op == bool_op:
                    result = ir.BoolOp(link, bool_op, (*result.values, right))
                else:
                    result = ir.BoolOp(link, bool_op, (result, right))
            elif op in _COMPARISONS:
                result = ir.Compare(link, (result, right), (_COMPARISONS[op],))
            else:
                result = ir.BinOp(link, op, result, right)
        return result

    def conversion(self, node: SgNode, type_node: SgNode | None, operand: SgNode | None) -> ir.Expr:
        """`T(x)`: a text type copies the text; another type is a call to the type's name (numeric
        types are conversions in the catalog)."""
        type_text = type_node.text().replace(" ", "") if type_node is not None else ""
        value = self.expr(operand)
        if type_text in _TEXT_TYPES:
            return value
        return ir.Call(node, ir.Name(type_node, type_text), (value,))

    def call(self, node: SgNode) -> ir.Expr:
        func_node = node.field("function")
        arguments = node.field("arguments")
        arg_nodes = [a for a in _named(arguments) if a.kind() != "type_arguments"] if arguments else []
        if func_node is None:
            return ir.Opaque(node, tuple(self.expr(a) for a in arg_nodes))
        kind = func_node.kind()
        if kind in ("identifier", "parenthesized_type", "slice_type", "array_type", "pointer_type") or (
            kind == "qualified_type"
        ):
            text = func_node.text().replace(" ", "")
            if text in _TEXT_TYPES and len(arg_nodes) == 1 and text not in self.functions_named:
                return self.expr(arg_nodes[0])
        if kind == "selector_expression":
            special = self._package_call(node, func_node, arg_nodes)
            if special is not None:
                return special
        func = self.expr(func_node)
        args: list[ir.Expr] = []
        star: list[ir.Expr] = []
        for arg in arg_nodes:
            if arg.kind() == "variadic_argument":
                inner = _named(arg)
                star.append(self.expr(inner[0]) if inner else ir.Opaque(arg))
            else:
                args.append(self.expr(arg))
        result = ir.Call(node, func, tuple(args), (), tuple(star))
        self._note_writes(node, func, arg_nodes, result)
        return result

    def _note_writes(self, node: SgNode, func: ir.Expr, arg_nodes: list[SgNode], call: ir.Call) -> None:
        """A pointer argument (`&v`) may be written by the callee: after the statement, `v` also
        holds what `f&` (the value `f` writes through its pointers) returns, a call with the same
        receiver and arguments, so `c.ShouldBindJSON(&req)` or `json.Unmarshal(body, &v)` fill `v`
        with what the call read."""
        for arg in arg_nodes:
            operand = arg.field("operand") if arg.kind() == "unary_expression" else None
            op = arg.field("operator")
            if operand is None or op is None or op.text() != "&":
                continue
            if operand.kind() not in ("identifier", "selector_expression", "index_expression"):
                continue  # `&T{...}` is a new value, not a variable of the caller
            if isinstance(func, ir.Attr):
                filler: ir.Expr = ir.Attr(func.node, func.obj, f"{func.attr}&")
            elif isinstance(func, ir.Name):
                filler = ir.Name(func.node, f"{func.id}&")
            else:
                continue
            filled = ir.Call(node, filler, call.args, call.kwargs, call.star_args)
            self.writes.append((self.target(operand), ir.BoolOp(arg, "or", (self.expr(operand), filled))))

    #: names of the file's own functions (a local `string` helper is not the conversion)
    functions_named: frozenset[str] = frozenset()

    def _package_call(self, node: SgNode, func_node: SgNode, args: list[SgNode]) -> ir.Expr | None:
        operand, field = func_node.field("operand"), func_node.field("field")
        if operand is None or field is None:
            return None
        name = field.text()
        package = self._package(operand)
        if name == "MatchString" and len(args) == 1:
            pattern = self._compiled_pattern(operand)
            if pattern is not None:  # `re.MatchString(x)` with `re` a compiled literal
                check = ir.Attr(func_node, ir.Name(operand, self._regexp_alias()), "MatchString")
                return ir.Call(node, check, (_anchored(operand, pattern), self.expr(args[0])))
        if package == "regexp" and name == "MatchString" and len(args) == 2 and _is_string_literal(args[0]):
            check = ir.Attr(func_node, self.expr(operand), name)
            return ir.Call(node, check, (_anchored(args[0], _string_text(args[0])), self.expr(args[1])))
        if package == "fmt" and (name in _PRINTF or name in _PRINT) and args:
            return self.format(node, name, args)
        if package == "fmt" and name in _FPRINT and len(args) >= 2:
            # `fmt.Fprintf(w, f, ...)` writes the string it formats to `w`: `w.Write(text)`
            text = self.format(node, _FPRINT[name], args[1:])
            return ir.Call(node, ir.Attr(func_node, self.expr(args[0]), "Write"), (text,))
        if package == "io" and name == "WriteString" and len(args) == 2:
            return ir.Call(node, ir.Attr(func_node, self.expr(args[0]), name), (self.expr(args[1]),))
        if package == "strings" and args and all(a.kind() != "variadic_argument" for a in args):
            if name in _STRING_FUNCS:
                method = ir.Attr(func_node, self.expr(args[0]), name)
                return ir.Call(node, method, tuple(self.expr(a) for a in args[1:]))
            if name == "Join" and len(args) == 2:
                method = ir.Attr(func_node, self.expr(args[1]), name)
                return ir.Call(node, method, (self.expr(args[0]),))
        if package == "slices" and name == "Contains" and len(args) == 2:
            # membership in a list: `x in list` (an allow-list check when the list is constant)
            return ir.Compare(node, (self.expr(args[1]), self.expr(args[0])), ("in",))
        return None

    def _regexp_alias(self) -> str:
        return next((local for local, path in self.imports.items() if path == "regexp"), "regexp")

    def _compiled_pattern(self, operand: SgNode) -> str | None:
        """The pattern of `re` in `re.MatchString(x)`: a name bound to a compiled literal in this
        file, or the compile call itself (`regexp.MustCompile("^a+$").MatchString(x)`)."""
        if operand.kind() == "identifier":
            return self.regexes.get(operand.text())
        return self.compiled_literal(operand)

    def compiled_literal(self, node: SgNode | None) -> str | None:
        """The literal pattern of `regexp.MustCompile("...")` / `regexp.Compile("...")`."""
        if node is None or node.kind() != "call_expression":
            return None
        func, arguments = node.field("function"), node.field("arguments")
        if func is None or arguments is None or func.kind() != "selector_expression":
            return None
        field = func.field("field")
        if self._package(func.field("operand")) != "regexp" or field is None:
            return None
        if field.text() not in ("MustCompile", "Compile", "MustCompilePOSIX", "CompilePOSIX"):
            return None
        args = _named(arguments)
        return _string_text(args[0]) if len(args) == 1 and _is_string_literal(args[0]) else None

    def format(self, node: SgNode, name: str, args: list[SgNode]) -> ir.Expr:
        """`fmt.Sprintf("a %s b", x)` as the string it builds: constant pieces and the values."""
        values = [self.expr(a) for a in (args[1:] if name in _PRINTF else args)]
        if name in _PRINT:
            return ir.Format(node, tuple(values))
        if not _is_string_literal(args[0]) or any(a.kind() == "variadic_argument" for a in args):
            return ir.Format(node, (self.expr(args[0]), *values))
        text = _string_text(args[0])
        parts: list[ir.Expr] = []
        piece: list[str] = []
        i, used = 0, 0
        while i < len(text):
            ch = text[i]
            if ch != "%":
                piece.append(ch)
                i += 1
                continue
            j = i + 1
            while j < len(text) and text[j] not in _VERB_END:
                j += 1
            verb = text[j] if j < len(text) else ""
            i = j + 1
            if verb == "%":
                piece.append("%")
                continue
            if piece:
                parts.append(ir.Const(args[0], "".join(piece)))
                piece = []
            if used < len(values):
                parts.append(values[used])
                used += 1
        if piece:
            parts.append(ir.Const(args[0], "".join(piece)))
        parts.extend(values[used:])  # extra arguments are printed too (`%!(EXTRA ...)`)
        return ir.Format(node, tuple(parts))

    def composite(self, node: SgNode) -> ir.Expr:
        """Map, slice and array literals are containers; a literal of a named type (`T{F: v}`,
        `pkg.T{...}`) is a call to the type with its fields as keyword arguments, so constructors
        of request objects (`ldap.SearchRequest{Filter: f}`) can be sinks by field."""
        type_node = node.field("type")
        body = node.field("body")
        elements = _named(body) if body is not None else []
        type_kind = type_node.kind() if type_node is not None else ""
        keyed = [e for e in elements if e.kind() == "keyed_element"]
        if type_kind in ("map_type", "slice_type", "array_type", "implicit_length_array_type", ""):
            if keyed:
                items: list[tuple[ir.Expr | None, ir.Expr]] = []
                for element in keyed:
                    key, value = self._keyed(element, type_kind == "map_type")
                    items.append((key, value))
                return ir.DictLit(node, tuple(items))
            return ir.Seq(node, "list", tuple(self._element(e) for e in elements))
        func = self.expr(type_node.field("type") if type_kind == "generic_type" and type_node else type_node)
        kwargs: list[tuple[str, ir.Expr]] = []
        args: list[ir.Expr] = []
        for element in elements:
            if element.kind() == "keyed_element":
                key, value = self._keyed(element, False)
                if isinstance(key, ir.Const) and isinstance(key.value, str):
                    kwargs.append((key.value, value))
                else:
                    args.append(ir.Opaque(element, (key, value) if key is not None else (value,)))
            else:
                args.append(self._element(element))
        return ir.Call(node, func, tuple(args), tuple(kwargs))

    def _keyed(self, element: SgNode, expression_keys: bool) -> tuple[ir.Expr | None, ir.Expr]:
        parts = _named(element)
        if len(parts) < 2:
            return None, ir.Opaque(element)
        key_node = (
            _named(parts[0])[0] if parts[0].kind() == "literal_element" and _named(parts[0]) else parts[0]
        )
        value = self._element(parts[1])
        if _is_string_literal(key_node) or (expression_keys and key_node.kind() != "identifier"):
            return self.expr(key_node), value
        if key_node.kind() in ("identifier", "field_identifier") and not expression_keys:
            return ir.Const(key_node, key_node.text()), value  # a struct field name
        return self.expr(key_node), value

    def _element(self, node: SgNode) -> ir.Expr:
        if node.kind() == "literal_element":
            inner = _named(node)
            return self._element(inner[0]) if inner else ir.Opaque(node)
        if node.kind() == "literal_value":  # elided type: `[]T{{...}}`
            items = _named(node)
            return ir.Seq(node, "list", tuple(self._element(e) for e in items))
        return self.expr(node)
