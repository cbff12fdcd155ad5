"""JavaScript/TypeScript adapter: tree-sitter javascript, typescript and tsx lowered to the taint IR.

JavaScript specifics the IR has no direct form for are expressed with IR it does have:
- `require("m")` bindings and ES imports become `Import`, so `exec` resolves to `child_process.exec`
  (a `node:` prefix is dropped);
- destructuring (`const { a, b: c } = v`) reads attributes of a temporary bound to `v`, and
  destructured parameters read attributes of a synthetic parameter;
- every callback (arrow function, function expression, object method) is a `FunctionDef` of its
  own, analysed like any function;
- a property write `obj.prop = v` is also a call to `obj.prop=` with the written value, so property
  sinks (`innerHTML`, `location.href`) are callees like any other;
- JSX `dangerouslySetInnerHTML={...}` is a call to `jsx.dangerouslySetInnerHTML`;
- a tagged template (sql`... ${x}`) passes its substitutions as separate arguments, not as one
  assembled string, since the tag receives them apart.
"""

from __future__ import annotations

from ast_grep_py import SgNode

from vsguard.engine.taint import ir
from vsguard.engine.taint.adapter import (
    LanguageAdapter,
    bounded,
    inline_callback,
    register,
    unknown_statement,
)
from vsguard.engine.taint.javascript_expressions import ExpressionLowering
from vsguard.engine.taint.javascript_syntax import (
    _DECLARATIONS,
    _FUNCTION_KINDS,
    _JUMPS,
    _SKIPPED,
    _module_path,
    _named,
    _required_module,
)

# function values a `const`/`let` binding names, so calls by that name use their summary
_NAMED_BY_BINDING = frozenset({"arrow_function", "function_expression", "function"})


class _Lowering(ExpressionLowering):
    def __init__(self) -> None:
        super().__init__()
        self._temps = 0
        self._function_depth = 0
        # callbacks met while lowering the current statement, run inline after it (see `stmt`)
        self._callbacks: list[ir.FunctionDef] = []

    def _temp(self) -> str:
        self._temps += 1
        return f"$tmp{self._temps}"

    # ------------------------------------------------------------------ statements

    def lower_block(self, node: SgNode | None) -> list[ir.Stmt]:
        out: list[ir.Stmt] = []
        if node is None:
            return out
        if node.kind() not in (
            "program",
            "statement_block",
            "class_body",
            "switch_case",
            "switch_default",
            "ERROR",
        ):
            return self.stmt(node)
        for child in _named(node):
            out.extend(self.stmt(child))
        return out

    @bounded(unknown_statement)
    def stmt(self, node: SgNode) -> list[ir.Stmt]:
        """Lower one statement; callbacks passed in it also run inline afterwards.

        A callback (`db.query(sql, (err, rows) => ...)`, `.then(r => ...)`) closes over the
        enclosing function's variables, which its stand-alone analysis cannot see; inside a function
        its body is also lowered as a branch that may run after the statement, with its own
        parameters unknown and its `return`s not ending the enclosing function.
        """
        outer, self._callbacks = self._callbacks, []
        try:
            out = self._stmt(node)
            if self._function_depth > 0:
                for callback in self._callbacks:
                    out.append(inline_callback(node, callback))
        finally:
            self._callbacks = outer
        return out

    def _stmt(self, node: SgNode) -> list[ir.Stmt]:
        kind = node.kind()
        if kind == "expression_statement":
            parts = _named(node)
            return self.expression_statement(parts[0]) if parts else []
        if kind in _DECLARATIONS:
            out: list[ir.Stmt] = []
            for decl in _named(node):
                if decl.kind() == "variable_declarator":
                    out.extend(self.declarator(decl))
            return out
        if kind in ("function_declaration", "generator_function_declaration"):
            return [self.function(node)]
        if kind in ("class_declaration", "class", "abstract_class_declaration"):
            return [self.class_definition(node)]
        if kind == "export_statement":
            declaration = node.field("declaration")
            if declaration is not None:
                return self.stmt(declaration)
            value = node.field("value")
            return [ir.ExprStmt(node, self.expr(value))] if value is not None else []
        if kind == "import_statement":
            return [self.import_statement(node)]
        if kind == "if_statement":
            return [self.if_statement(node)]
        if kind == "for_statement":
            return self.for_statement(node)
        if kind == "for_in_statement":
            return [
                ir.Loop(
                    node,
                    target=self.target(node.field("left")),
                    iter=self.expr(node.field("right")),
                    body=self.block(node.field("body")),
                )
            ]
        if kind in ("while_statement", "do_statement"):
            return [
                ir.Loop(node, test=self.expr(node.field("condition")), body=self.block(node.field("body")))
            ]
        if kind == "try_statement":
            return [self.try_statement(node)]
        if kind == "switch_statement":
            return [self.switch_statement(node)]
        if kind == "return_statement":
            return [ir.Return(node, self.first_operand(node))]
        if kind == "throw_statement":
            return [ir.Raise(node, self.first_operand(node))]
        if kind in ("statement_block", "program", "ERROR"):
            return self.block(node)
        if kind == "labeled_statement":
            body = node.field("body")
            return self.stmt(body) if body is not None else []
        if kind in _JUMPS:
            return [ir.Other(node, terminates=True)]
        if kind in _SKIPPED or (kind.endswith("_declaration") and kind not in _FUNCTION_KINDS):
            return [ir.Other(node)]
        if kind.endswith("_statement"):
            return [
                ir.Other(node, tuple(self.expr(p) for p in _named(node) if p.kind() != "statement_block"))
            ]
        return self.expression_statement(node)

    @bounded(unknown_statement)
    def expression_statement(self, node: SgNode) -> list[ir.Stmt]:
        kind = node.kind()
        if kind == "assignment_expression":
            return self.assignment(node)
        if kind == "augmented_assignment_expression":
            op = node.field("operator")
            target = self.target(node.field("left"))
            text = op.text() if op is not None else "+="
            stmt = ir.AugAssign(node, target, text[:-1] or "+", self.expr(node.field("right")))
            return [stmt, *self._property_write(node, node.field("left"), self.expr(node.field("left")))]
        if kind == "sequence_expression":
            return [s for part in _named(node) for s in self.expression_statement(part)]
        if kind == "parenthesized_expression":
            inner = _named(node)
            return (
                self.expression_statement(inner[0])
                if len(inner) == 1
                else [ir.ExprStmt(node, self.expr(node))]
            )
        return [ir.ExprStmt(node, self.expr(node))]

    def assignment(self, node: SgNode) -> list[ir.Stmt]:
        targets: list[SgNode] = []
        current: SgNode | None = node
        while current is not None and current.kind() == "assignment_expression":
            left = current.field("left")
            if left is not None:
                targets.append(left)
            current = current.field("right")
        value = self.expr(current)
        out: list[ir.Stmt] = []
        simple = [t for t in targets if t.kind() not in ("object_pattern", "array_pattern")]
        writes_property = any(t.kind() == "member_expression" for t in simple)
        if writes_property or len(simple) < len(targets):
            # bind once to a temporary, so the setter call and destructuring reuse the value
            temp = self._temp()
            out.append(ir.Assign(node, (ir.Name(node, temp),), value))
            value = ir.Name(node, temp)
        if simple:
            out.append(ir.Assign(node, tuple(self.target(t) for t in simple), value))
        for t in targets:
            if t.kind() in ("object_pattern", "array_pattern"):
                out.extend(self.destructure(node, t, value))
        for t in simple:
            out.extend(self._property_write(node, t, value))
        return out

    def _property_write(self, node: SgNode, target: SgNode | None, value: ir.Expr) -> list[ir.Stmt]:
        """`obj.prop = v` also reads as a call `obj.prop=(v)`, so property sinks are callees."""
        if target is None or target.kind() != "member_expression":
            return []
        prop = target.field("property")
        obj = target.field("object")
        if prop is None or obj is None:
            return []
        setter = ir.Attr(target, self.expr(obj), f"{prop.text()}=")
        return [ir.ExprStmt(node, ir.Call(node, setter, (value,)))]

    def declarator(self, node: SgNode) -> list[ir.Stmt]:
        name = node.field("name")
        value = node.field("value")
        if name is None or value is None:
            return []
        module = _required_module(value)
        if module is not None:
            return [self._require(node, name, module)]
        if name.kind() in ("object_pattern", "array_pattern"):
            temp = self._temp()
            return [
                ir.Assign(node, (ir.Name(name, temp),), self.expr(value)),
                *self.destructure(node, name, ir.Name(name, temp)),
            ]
        if name.kind() == "identifier" and value.kind() in _NAMED_BY_BINDING:
            return [self.function(value, name.text())]  # `const helper = (x) => ...` is a named helper
        return [ir.Assign(node, (self.target(name),), self.expr(value))]

    def _require(self, node: SgNode, name: SgNode, module: str) -> ir.Stmt:
        target, short, level = _module_path(module)
        if name.kind() == "identifier":
            return ir.Import(node, ((name.text(), target),), short, level)
        bindings = []
        for part in _named(name):
            if part.kind() == "shorthand_property_identifier_pattern":
                bindings.append((part.text(), f"{target}.{part.text()}"))
            elif part.kind() == "pair_pattern":
                key, local = part.field("key"), part.field("value")
                if key is not None and local is not None and local.kind() == "identifier":
                    bindings.append((local.text(), f"{target}.{key.text().strip(chr(34) + chr(39))}"))
        return ir.Import(node, tuple(bindings), short, level)

    def destructure(self, node: SgNode, pattern: SgNode, source: ir.Expr) -> list[ir.Stmt]:
        out: list[ir.Stmt] = []
        if pattern.kind() == "array_pattern":
            for i, part in enumerate(_named(pattern)):
                item = ir.Index(part, source, ir.Const(part, i))
                out.extend(self._bind_pattern(node, part, item))
            return out
        for part in _named(pattern):
            kind = part.kind()
            if kind == "shorthand_property_identifier_pattern":
                out.append(ir.Assign(node, (ir.Name(part, part.text()),), ir.Attr(part, source, part.text())))
            elif kind == "pair_pattern":
                key, local = part.field("key"), part.field("value")
                if key is None or local is None:
                    continue
                if key.kind() == "computed_property_name":
                    inner = _named(key)
                    element: ir.Expr = ir.Index(
                        part, source, self.expr(inner[0]) if inner else ir.Opaque(key)
                    )
                else:
                    element = ir.Attr(part, source, key.text().strip("\"'"))
                out.extend(self._bind_pattern(node, local, element))
            elif kind == "object_assignment_pattern":
                left = part.field("left")
                if left is not None:
                    attr = left.text()
                    out.extend(self._bind_pattern(node, left, ir.Attr(part, source, attr)))
            elif kind == "rest_pattern":
                inner = _named(part)
                if inner:
                    out.append(ir.Assign(node, (self.target(inner[0]),), source))
        return out

    @bounded(lambda node: [])
    def _bind_pattern(self, node: SgNode, target: SgNode, value: ir.Expr) -> list[ir.Stmt]:
        kind = target.kind()
        if kind in ("object_pattern", "array_pattern"):
            return self.destructure(node, target, value)
        if kind == "assignment_pattern":
            left = target.field("left")
            return self._bind_pattern(node, left, value) if left is not None else []
        if kind == "rest_pattern":
            inner = _named(target)
            return [ir.Assign(node, (self.target(inner[0]),), value)] if inner else []
        return [ir.Assign(node, (self.target(target),), value)]

    def import_statement(self, node: SgNode) -> ir.Import:
        source = node.field("source")
        spec = source.text().strip("\"'`") if source is not None else ""
        target, short, level = _module_path(spec)
        bindings: list[tuple[str, str]] = []
        clause = next((c for c in _named(node) if c.kind() == "import_clause"), None)
        for part in _named(clause) if clause is not None else ():
            kind = part.kind()
            if kind == "identifier":  # default import: the module's main export
                bindings.append((part.text(), target))
            elif kind == "namespace_import":
                inner = _named(part)
                if inner:
                    bindings.append((inner[0].text(), target))
            elif kind == "named_imports":
                for spec_node in _named(part):
                    name, alias = spec_node.field("name"), spec_node.field("alias")
                    if name is None:
                        continue
                    imported = name.text().strip("\"'")
                    local = alias.text() if alias is not None else imported
                    bindings.append((local, target if imported == "default" else f"{target}.{imported}"))
        return ir.Import(node, tuple(bindings), short, level)

    def if_statement(self, node: SgNode) -> ir.If:
        """An if and its `else if` chain, lowered in a loop: a chain of any length nests no deeper."""
        result = ir.If(node, self.expr(node.field("condition")), self.block(node.field("consequence")))
        current, alternative = result, node.field("alternative")
        while alternative is not None:
            inner = _named(alternative)
            if len(inner) == 1 and inner[0].kind() == "if_statement":
                link = inner[0]
                nested = ir.If(
                    link, self.expr(link.field("condition")), self.block(link.field("consequence"))
                )
                current.orelse = [nested]
                current, alternative = nested, link.field("alternative")
                continue
            current.orelse = [s for part in inner for s in self.stmt(part)]
            break
        return result

    def for_statement(self, node: SgNode) -> list[ir.Stmt]:
        init = node.field("initializer")
        out = self.stmt(init) if init is not None else []
        condition = node.field("condition")
        test_node = (
            _named(condition)[0]
            if condition is not None and condition.kind() == "expression_statement" and _named(condition)
            else condition
        )
        body = self.block(node.field("body"))
        increment = node.field("increment")
        if increment is not None:
            body.extend(self.expression_statement(increment))
        test = (
            self.expr(test_node)
            if test_node is not None and test_node.kind() != "empty_statement"
            else ir.Opaque(node)
        )
        out.append(ir.Loop(node, test=test, body=body))
        return out

    def try_statement(self, node: SgNode) -> ir.Try:
        result = ir.Try(node, body=self.block(node.field("body")))
        handler = node.field("handler")
        if handler is not None:
            param = handler.field("parameter")
            name = param.text() if param is not None and param.kind() == "identifier" else None
            result.handlers.append(ir.Handler(name, self.block(handler.field("body"))))
        finalizer = node.field("finalizer")
        if finalizer is not None:
            result.final = self.block(finalizer.field("body") or finalizer)
        return result

    def switch_statement(self, node: SgNode) -> ir.Stmt:
        """Cases become independent branches on an unknown test: any of them may run."""
        subject = self.expr(node.field("value"))
        out: list[ir.Stmt] = [ir.Other(node, (subject,))]
        body = node.field("body")
        for case in _named(body) if body is not None else ():
            value = case.field("value")
            stmts = [
                s
                for part in _named(case)
                if value is None or part.range() != value.range()
                for s in self.stmt(part)
            ]
            test = ir.Opaque(case, (self.expr(value),)) if value is not None else ir.Opaque(case)
            out.append(ir.If(case, test, stmts, []))
        return ir.If(node, ir.Const(node, True), out, [])

    # ------------------------------------------------------------------ functions and classes

    def function(
        self, node: SgNode, name: str | None = None, is_method: bool = False, bases: tuple[str, ...] = ()
    ) -> ir.FunctionDef:
        name_node = node.field("name")
        if name is None:
            name = name_node.text() if name_node is not None else f"<anonymous@{node.range().start.line + 1}>"
        params, prologue = self.parameters(node)
        if is_method:  # the receiver as a leading parameter, as the core expects of methods
            params = (ir.Param("this"), *params)
        body_node = node.field("body")
        self._function_depth += 1
        outer, self._callbacks = self._callbacks, []
        try:
            if body_node is not None and body_node.kind() != "statement_block":
                body = [*prologue, ir.Return(body_node, self.expr(body_node))]  # concise arrow body
                body.extend(inline_callback(body_node, c) for c in self._callbacks)
            else:
                body = [*prologue, *self.block(body_node)]
        finally:
            self._callbacks = outer
            self._function_depth -= 1
        decorators = tuple(
            self.expr(d) for dec in node.children() if dec.kind() == "decorator" for d in _named(dec)
        )
        func = ir.FunctionDef(node, name, params, body, decorators, is_method, bases)
        self.functions.append(func)
        return func

    def parameters(self, node: SgNode) -> tuple[tuple[ir.Param, ...], list[ir.Stmt]]:
        params_node = node.field("parameters") or node.field("parameter")
        if params_node is None:
            return (), []
        items = [params_node] if params_node.kind() == "identifier" else _named(params_node)
        params: list[ir.Param] = []
        prologue: list[ir.Stmt] = []
        for index, p in enumerate(items):
            kind = p.kind()
            annotation = ""
            default: ir.Expr | None = None
            star = ""
            if kind in ("required_parameter", "optional_parameter"):
                type_node = p.field("type")
                annotation = type_node.text().lstrip(": ") if type_node is not None else ""
                value = p.field("value")
                default = self.expr(value) if value is not None else None
                inner = p.field("pattern")
                if inner is None:
                    continue
                p, kind = inner, inner.kind()
            if kind == "assignment_pattern":
                left, right = p.field("left"), p.field("right")
                default = self.expr(right) if right is not None else None
                if left is None:
                    continue
                p, kind = left, left.kind()
            if kind == "rest_pattern":
                star = "*"
                inner_parts = _named(p)
                if not inner_parts:
                    continue
                p, kind = inner_parts[0], inner_parts[0].kind()
            if kind == "identifier":
                params.append(ir.Param(p.text(), default, annotation, star))
            elif kind in ("object_pattern", "array_pattern"):
                synthetic = f"$param{index}"
                params.append(ir.Param(synthetic, default, annotation, star))
                prologue.extend(self.destructure(p, p, ir.Name(p, synthetic)))
            elif kind == "this":
                continue
        return tuple(params), prologue

    def class_definition(self, node: SgNode) -> ir.ClassDef:
        name_node = node.field("name")
        name = name_node.text() if name_node is not None else ""
        heritage = next((c for c in _named(node) if c.kind() == "class_heritage"), None)
        bases = tuple(b.text() for b in heritage.find_all(kind="identifier")) if heritage is not None else ()
        body: list[ir.Stmt] = []
        body_node = node.field("body")
        for member in _named(body_node) if body_node is not None else ():
            if member.kind() == "method_definition":
                method_name = member.field("name")
                label = f"{name}.{method_name.text()}" if method_name is not None else name
                body.append(self.function(member, label, True, bases))
            elif member.kind() in ("field_definition", "public_field_definition"):
                value = member.field("value")
                if value is not None:
                    body.append(ir.ExprStmt(member, self.expr(value)))
        return ir.ClassDef(node, name, tuple(ir.Name(node, b) for b in bases), body)


class JavaScriptAdapter(LanguageAdapter):
    languages = ("javascript", "typescript", "tsx")
    catalog_file = "catalog_javascript.yaml"
    module_suffixes = (".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx")
    lowering = _Lowering


register(JavaScriptAdapter())
