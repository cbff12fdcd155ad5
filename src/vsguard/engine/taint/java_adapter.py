"""Java adapter: tree-sitter java lowered to the taint IR.

Java specifics the IR has no direct form for are expressed with IR it does have:
- `import a.b.C;` binds `C` to `a.b.C`, `import static a.b.C.m;` binds `m`; `java.lang` names
  (`Runtime`, `String`, `Integer`) need no import and keep their simple names;
- every method is a `FunctionDef` named `Class.method` with a leading `this` parameter, and a call
  without a receiver (`helper(x)`) is a call on `this`, so helper summaries apply to both forms;
- method annotations are the function's decorators (`@GetMapping`, `@GET`); each parameter's
  declared type is its annotation, and its whole declaration (annotations included) its default,
  which the catalog's `injected_defaults` reads to tell framework-injected parameters
  (`Model`, `@AuthenticationPrincipal ...`) from request-bound ones;
- final fields with an initializer are module constants (read bare or as `this.NAME`);
- string builders are text: `sb.append(x)` is `sb = sb + x`, `sb.toString()` is `sb`;
  `String.format(f, a)` is `f.formatted(a)`, `String.join(s, xs)` is `s.join(xs)`,
  `a.equals(b)` is `a == b`, `v.matches(re)` and `P.matcher(v).matches()` are
  `Pattern.matches(re, v)` (with `Pattern.compile(re)` read as `re`);
- lambdas are functions of their own and also run inline after their statement (they see the
  enclosing method's locals), as do the methods of anonymous classes;
- `switch` arms are branches on an unknown test; a switch expression is one of its arms' values.
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
from vsguard.engine.taint.java_expressions import BUILDER_TYPES, ExpressionLowering, named

_CLASS_KINDS = frozenset(
    {"class_declaration", "interface_declaration", "enum_declaration", "record_declaration"}
    | {"annotation_type_declaration"}
)
_METHOD_KINDS = frozenset(
    {"method_declaration", "constructor_declaration", "compact_constructor_declaration"}
)
_JUMPS = frozenset({"break_statement", "continue_statement"})
_BLOCKS = frozenset({"program", "block", "constructor_body", "ERROR", "switch_block_statement_group"})


class _Lowering(ExpressionLowering):
    def __init__(self) -> None:
        super().__init__()
        self.static_imports = set()
        self.local_types = {}
        self.constant_fields = set()
        self._callbacks = []
        self._classes: list[str] = []
        self._function_depth = 0
        self._module_prelude: list[ir.Stmt] = []

    def module(self, root: SgNode) -> ir.Module:
        body = self.block(root)
        return ir.Module(
            body=[*self._module_prelude, *body], functions=self.functions, too_deep=self.too_deep
        )

    # ------------------------------------------------------------------ statements

    def lower_block(self, node: SgNode | None) -> list[ir.Stmt]:
        if node is None:
            return []
        if node.kind() not in _BLOCKS:
            return self.stmt(node)
        out: list[ir.Stmt] = []
        for child in named(node):
            if child.kind() != "switch_label":
                out.extend(self.stmt(child))
        return out

    @bounded(unknown_statement)
    def stmt(self, node: SgNode) -> list[ir.Stmt]:
        """One statement; lambdas met in it also run inline afterwards (they close over locals)."""
        outer, self._callbacks = self._callbacks, []
        try:
            out = self._stmt(node)
            if self._function_depth > 0:
                out.extend(inline_callback(node, callback) for callback in self._callbacks)
        finally:
            self._callbacks = outer
        return out

    def _stmt(self, node: SgNode) -> list[ir.Stmt]:
        kind = node.kind()
        if kind == "expression_statement":
            parts = named(node)
            return self.expression_statement(parts[0]) if parts else []
        if kind == "local_variable_declaration":
            return self.declaration(node)
        if kind == "import_declaration":
            return self.import_declaration(node)
        if kind in _CLASS_KINDS:
            return [self.class_definition(node)]
        if kind in _METHOD_KINDS:  # a method outside any class (a snippet): a function of its own
            name = node.field("name")
            return [self.function(node, name.text() if name is not None else "<method>", ())]
        if kind == "if_statement":
            return [self.if_statement(node)]
        if kind == "enhanced_for_statement":
            name = node.field("name")
            type_node = node.field("type")
            if name is not None and type_node is not None:
                self.local_types[name.text()] = type_node.text()
            return [
                ir.Loop(
                    node,
                    target=ir.Name(name, name.text()) if name is not None else ir.Opaque(node),
                    iter=self.expr(node.field("value")),
                    body=self.block(node.field("body")),
                )
            ]
        if kind == "for_statement":
            return self.for_statement(node)
        if kind in ("while_statement", "do_statement"):
            body = self.block(node.field("body"))
            loop = ir.Loop(node, test=self.expr(node.field("condition")), body=body)
            # a do-while body runs once before the first test
            return [*body, loop] if kind == "do_statement" else [loop]
        if kind in ("try_statement", "try_with_resources_statement"):
            return self.try_statement(node)
        if kind == "switch_expression":
            return [self.switch_statement(node)]
        if kind == "return_statement":
            return [ir.Return(node, self.first_operand(node))]
        if kind == "throw_statement":
            return [ir.Raise(node, self.first_operand(node))]
        if kind == "yield_statement":
            return [ir.Other(node, tuple(self.expr(p) for p in named(node)))]
        if kind in _BLOCKS:
            return self.block(node)
        if kind == "labeled_statement":
            return [s for part in named(node)[1:] for s in self.stmt(part)]
        if kind == "synchronized_statement":
            return self.block(node.field("body") or (named(node)[-1] if named(node) else None))
        if kind in _JUMPS:
            return [ir.Other(node, terminates=True)]
        if kind in ("package_declaration", "module_declaration", "line_comment", "block_comment", ";"):
            return []
        if kind == "explicit_constructor_invocation":
            return [ir.ExprStmt(node, ir.Opaque(node, tuple(self.arguments(node))))]
        if kind.endswith("_statement"):
            return [ir.Other(node, tuple(self.expr(p) for p in named(node) if p.kind() != "block"))]
        return self.expression_statement(node)

    @bounded(unknown_statement)
    def expression_statement(self, node: SgNode) -> list[ir.Stmt]:
        kind = node.kind()
        if kind == "assignment_expression":
            return self.assignment(node)
        if kind == "update_expression":
            return [ir.Other(node)]
        if kind == "method_invocation" and self._builder_root(node) is not None:
            root = self._builder_root(node)
            assert root is not None
            # `sb.append(a).append(b);` grows the builder: `sb = sb + a + b`
            return [ir.Assign(node, (ir.Name(root, root.text()),), self.expr(node))]
        return [ir.ExprStmt(node, self.expr(node))]

    def _builder_root(self, node: SgNode) -> SgNode | None:
        """The local string builder an `append` chain starts from, if it is one."""
        while node.kind() == "method_invocation":
            name = node.field("name")
            if name is None or name.text() not in ("append", "insert"):
                return None
            inner = node.field("object")
            if inner is None:
                return None
            node = inner
        if node.kind() == "identifier" and self.local_types.get(node.text(), "") in BUILDER_TYPES:
            return node
        return None

    def assignment(self, node: SgNode) -> list[ir.Stmt]:
        op_node = node.field("operator")
        op = op_node.text() if op_node is not None else "="
        if op != "=":
            return [
                ir.AugAssign(
                    node, self.target(node.field("left")), op[:-1] or "+", self.expr(node.field("right"))
                )
            ]
        targets: list[SgNode] = []
        current: SgNode | None = node
        while current is not None and current.kind() == "assignment_expression":
            inner_op = current.field("operator")
            if inner_op is not None and inner_op.text() != "=":
                break
            left = current.field("left")
            if left is not None:
                targets.append(left)
            current = current.field("right")
        return [ir.Assign(node, tuple(self.target(t) for t in targets), self.expr(current))]

    def declaration(self, node: SgNode) -> list[ir.Stmt]:
        type_node = node.field("type")
        type_name = type_node.text().split("<", 1)[0] if type_node is not None else ""
        out: list[ir.Stmt] = []
        for decl in named(node):
            if decl.kind() != "variable_declarator":
                continue
            name = decl.field("name")
            if name is None:
                continue
            self.local_types[name.text()] = type_name
            value = decl.field("value")
            if value is not None:
                out.append(ir.Assign(decl, (ir.Name(name, name.text()),), self.expr(value)))
            elif type_name in BUILDER_TYPES:
                out.append(ir.Assign(decl, (ir.Name(name, name.text()),), ir.Const(decl, "")))
        return out

    def import_declaration(self, node: SgNode) -> list[ir.Stmt]:
        parts = named(node)
        if not parts or any(p.kind() == "asterisk" for p in parts):
            return []  # `import a.b.*;` names nothing in particular
        target = parts[0].text().replace(" ", "")
        local = target.rsplit(".", 1)[-1]
        if any(c.text() == "static" for c in node.children()):
            self.static_imports.add(local)
        return [ir.Import(node, ((local, target),), target.rsplit(".", 1)[0], 0)]

    def if_statement(self, node: SgNode) -> ir.If:
        """An if and its `else if` chain, lowered in a loop: a chain of any length nests no deeper."""
        result = ir.If(node, self.expr(node.field("condition")), self.block(node.field("consequence")))
        current, alternative = result, node.field("alternative")
        while alternative is not None:
            if alternative.kind() == "if_statement":
                nested = ir.If(
                    alternative,
                    self.expr(alternative.field("condition")),
                    self.block(alternative.field("consequence")),
                )
                current.orelse = [nested]
                current, alternative = nested, alternative.field("alternative")
                continue
            current.orelse = self.block(alternative)
            break
        return result

    def for_statement(self, node: SgNode) -> list[ir.Stmt]:
        init = node.field("init")
        out = self.stmt(init) if init is not None else []
        body = self.block(node.field("body"))
        update = node.field("update")
        if update is not None:
            body.extend(self.expression_statement(update))
        condition = node.field("condition")
        test = self.expr(condition) if condition is not None else ir.Opaque(node)
        out.append(ir.Loop(node, test=test, body=body))
        return out

    def try_statement(self, node: SgNode) -> list[ir.Stmt]:
        prologue: list[ir.Stmt] = []
        resources = node.field("resources")
        for res in named(resources) if resources is not None else ():
            name, value = res.field("name"), res.field("value")
            if name is not None and value is not None:
                prologue.append(ir.Assign(res, (ir.Name(name, name.text()),), self.expr(value)))
            else:
                prologue.append(ir.ExprStmt(res, self.expr(named(res)[-1] if named(res) else None)))
        result = ir.Try(node, body=[*prologue, *self.block(node.field("body"))])
        for part in named(node):
            if part.kind() == "catch_clause":
                param = next((c for c in named(part) if c.kind() == "catch_formal_parameter"), None)
                pname = param.field("name") if param is not None else None
                body = part.field("body")
                result.handlers.append(
                    ir.Handler(pname.text() if pname is not None else None, self.block(body))
                )
            elif part.kind() == "finally_clause":
                inner = named(part)
                result.final = self.block(inner[-1] if inner else None)
        return [result]

    def switch_statement(self, node: SgNode) -> ir.Stmt:
        """Arms become independent branches on an unknown test: any of them may run."""
        subject = self.expr(node.field("condition"))
        out: list[ir.Stmt] = [ir.Other(node, (subject,))]
        body = node.field("body")
        for arm in named(body) if body is not None else ():
            stmts: list[ir.Stmt] = []
            for part in named(arm):
                if part.kind() == "switch_label":
                    continue
                if arm.kind() == "switch_rule" and part.kind() == "expression_statement":
                    stmts.extend(self.expression_statement(named(part)[0]) if named(part) else [])
                else:
                    stmts.extend(self.stmt(part))
            out.append(ir.If(arm, ir.Opaque(arm), stmts, []))
        return ir.If(node, ir.Const(node, True), out, [])

    # ------------------------------------------------------------------ classes and methods

    def class_definition(self, node: SgNode) -> ir.ClassDef:
        name_node = node.field("name")
        name = name_node.text() if name_node is not None else "<class>"
        bases: list[str] = []
        for key in ("superclass", "interfaces"):
            part = node.field(key)
            if part is not None:
                bases.extend(t.text() for t in part.find_all(kind="type_identifier"))
        self._classes.append(name)
        outer_fields = set(self.constant_fields)
        try:
            self._class_body(node.field("body"), name, tuple(bases), node)
        finally:
            self._classes.pop()
            self.constant_fields = outer_fields
        return ir.ClassDef(node, name, tuple(ir.Name(node, b) for b in bases), [])

    def anonymous_class(self, node: SgNode, body: SgNode) -> None:
        type_node = node.field("type")
        base = type_node.text() if type_node is not None else ""
        methods = self._class_body(body, f"<anonymous@{node.range().start.line + 1}>", (base,), node)
        for method in methods:
            method.get_body()  # run inline after the statement: the body is needed now
        self._callbacks.extend(methods)

    def _class_body(
        self, body: SgNode | None, name: str, bases: tuple[str, ...], owner: SgNode
    ) -> list[ir.FunctionDef]:
        members = named(body) if body is not None else []
        # final fields first: methods anywhere in the class read them
        for member in members:
            if member.kind() in ("field_declaration", "constant_declaration"):
                self._field(member)
        methods: list[ir.FunctionDef] = []
        for member in members:
            kind = member.kind()
            if kind in _METHOD_KINDS:
                method_name = member.field("name")
                label = method_name.text() if method_name is not None else name
                methods.append(self.function(member, f"{name}.{label}", bases))
            elif kind in _CLASS_KINDS:
                self._module_prelude.append(self.class_definition(member))
            elif kind in ("enum_body", "class_body", "enum_body_declarations"):
                methods.extend(self._class_body(member, name, bases, owner))
            elif kind in ("static_initializer", "block"):
                self._module_prelude.extend(self.block(named(member)[-1] if named(member) else None))
        return methods

    def _field(self, node: SgNode) -> None:
        modifiers = next((c for c in named(node) if c.kind() == "modifiers"), None)
        final = node.kind() == "constant_declaration" or (
            modifiers is not None and any(c.text() == "final" for c in modifiers.children())
        )
        for decl in named(node):
            if decl.kind() != "variable_declarator":
                continue
            name, value = decl.field("name"), decl.field("value")
            if name is None or value is None:
                continue
            lowered = self.expr(value)
            if final:
                self.constant_fields.add(name.text())
                self._module_prelude.append(ir.Assign(decl, (ir.Name(name, name.text()),), lowered))
            else:
                self._module_prelude.append(ir.ExprStmt(decl, lowered))

    def function(self, node: SgNode, name: str, bases: tuple[str, ...]) -> ir.FunctionDef:
        """A method; its body is lowered when the analysis first needs it (most never are)."""
        outer_types, self.local_types = self.local_types, {}
        try:
            params = (ir.Param("this"), *self.parameters(node.field("parameters")))
            param_types = self.local_types
        finally:
            self.local_types = outer_types
        fields = frozenset(self.constant_fields)
        body_node = node.field("body")

        def lower_body() -> list[ir.Stmt]:
            saved = (self.local_types, self._callbacks, self.constant_fields)
            self.local_types, self._callbacks, self.constant_fields = dict(param_types), [], set(fields)
            self._function_depth += 1
            try:
                return self.block(body_node)
            finally:
                self._function_depth -= 1
                self.local_types, self._callbacks, self.constant_fields = saved

        func = ir.FunctionDef(node, name, params, [], self.annotations(node), True, bases)
        func.lazy_body = lower_body
        self.functions.append(func)
        return func

    def lambda_function(self, node: SgNode) -> ir.FunctionDef:
        outer_callbacks, self._callbacks = self._callbacks, []
        self._function_depth += 1
        try:
            params = self.parameters(node.field("parameters"))
            body_node = node.field("body")
            if body_node is not None and body_node.kind() != "block":
                body: list[ir.Stmt] = [ir.Return(body_node, self.expr(body_node))]
                body.extend(inline_callback(body_node, c) for c in self._callbacks)
            else:
                body = self.block(body_node)
        finally:
            self._function_depth -= 1
            self._callbacks = outer_callbacks
        func = ir.FunctionDef(node, f"<lambda@{node.range().start.line + 1}>", params, body)
        self.functions.append(func)
        return func

    def parameters(self, node: SgNode | None) -> tuple[ir.Param, ...]:
        if node is None:
            return ()
        if node.kind() == "identifier":
            return (ir.Param(node.text()),)
        params: list[ir.Param] = []
        for p in named(node):
            kind = p.kind()
            if kind == "identifier":
                params.append(ir.Param(p.text()))
            elif kind == "formal_parameter":
                name, type_node = p.field("name"), p.field("type")
                if name is None:
                    continue
                type_text = type_node.text() if type_node is not None else ""
                self.local_types[name.text()] = type_text.split("<", 1)[0]
                modifiers = next((c for c in named(p) if c.kind() == "modifiers"), None)
                # the annotations with the type: `@RequestParam("q") String`
                declared = " ".join(
                    f"{modifiers.text() if modifiers is not None else ''} {type_text}".split()
                )
                params.append(ir.Param(name.text(), ir.Opaque(p, ()), declared))
            elif kind == "spread_parameter":
                decl = next((c for c in named(p) if c.kind() == "variable_declarator"), None)
                name = decl.field("name") if decl is not None else None
                if name is not None:
                    params.append(ir.Param(name.text(), ir.Opaque(p, ()), "", "*"))
        return tuple(params)

    def annotations(self, node: SgNode) -> tuple[ir.Expr, ...]:
        modifiers = next((c for c in named(node) if c.kind() == "modifiers"), None)
        out: list[ir.Expr] = []
        for ann in named(modifiers) if modifiers is not None else ():
            name = ann.field("name")
            if name is None:
                continue
            target = self.expr(name)
            out.append(ir.Call(ann, target, ()) if ann.kind() == "annotation" else target)
        return tuple(out)


class JavaAdapter(LanguageAdapter):
    languages = ("java",)
    catalog_file = "catalog_java.yaml"
    module_suffixes = (".java",)
    lowering = _Lowering


register(JavaAdapter())
