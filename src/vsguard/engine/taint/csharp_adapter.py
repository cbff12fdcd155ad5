"""C# adapter: tree-sitter-c-sharp lowered to the taint IR.

C# specifics the IR has no direct form for are expressed with IR it does have:
- every method is a function; an instance method gets a leading `this` parameter (`is_method`), a
  call to a method of the enclosing type without a receiver (`Helper(x)`) reads as `this.Helper(x)`,
  and a static method of a type in the file is a plain function (`Type.Helper(x)` calls it);
- a method's attributes (`[HttpGet]`) are its decorators; its `owner_bases` entries read
  "<modifiers and attribute names>: base <T>" (also ": class <Name>", ": attribute <A>" for the
  type's own name and attributes), so the catalog can tell public actions of controllers apart;
- a parameter's `default` is its whole declaration (attributes, type, name, default value), so
  the catalog can tell framework-injected services (`[FromServices]`) from bound request data;
- a lambda passed to a call is a function whose decorator is that call's callee (`app.MapGet`);
- `new T(a) { P = v }` calls `T` with the initialised properties as keyword arguments, and a
  property write `obj.P = v` is also a call to `obj.P=` with the value (property sinks);
- `out x` arguments and `x is T name` patterns bind before the statement they occur in;
- `string.Format("..{0}..", x)` with a constant format and `string.Concat` build text like `$""`
  and `+`; `string.Join(sep, xs)` reads as a method of `sep`;
- `const` and `readonly` fields with initializers are module-level bindings (`this.F` reads them);
- `using A = N.T;` binds `A` to `N.T`; namespace imports bind nothing (names stay as written).
"""

from __future__ import annotations

from collections.abc import Callable

from ast_grep_py import SgNode

from vsguard.engine.taint import ir
from vsguard.engine.taint.adapter import (
    LanguageAdapter,
    bounded,
    inline_callback,
    register,
    unknown_statement,
)
from vsguard.engine.taint.csharp_expressions import ExpressionLowering
from vsguard.engine.taint.csharp_syntax import (
    _JUMPS,
    _METHOD_KINDS,
    _PARAM_MODIFIERS,
    _SKIPPED,
    _TYPE_DECLARATIONS,
    _attribute_names,
    _bare_name,
    _modifiers,
    _named,
)

_NESTED_FUNCTIONS = ("lambda_expression", "anonymous_method_expression", "local_function_statement")
_BLOCKS = frozenset({"compilation_unit", "block", "declaration_list", "switch_section", "ERROR"})


class _Lowering(ExpressionLowering):
    def __init__(self) -> None:
        super().__init__()
        self._temps = 0

    def _temp(self) -> str:
        self._temps += 1
        return f"$tmp{self._temps}"

    def module(self, root: SgNode) -> ir.Module:
        for decl in root.find_all(kind="class_declaration"):
            name, body = decl.field("name"), decl.field("body")
            if name is None or body is None:
                continue
            statics = {
                m.field("name").text()  # type: ignore[union-attr]
                for m in _named(body)
                if m.kind() == "method_declaration"
                and "static" in _modifiers(m)
                and m.field("name") is not None
            }
            self._static_methods[name.text()] = frozenset(statics) | self._static_methods.get(
                name.text(), frozenset()
            )
        return super().module(root)

    # ------------------------------------------------------------------ statements

    def lower_block(self, node: SgNode | None) -> list[ir.Stmt]:
        if node is None:
            return []
        if node.kind() not in _BLOCKS:
            return self.stmt(node)
        out: list[ir.Stmt] = []
        for child in _named(node):
            if node.kind() == "switch_section" and child.kind() == "break_statement":
                continue  # the end of a section, not of the code after the switch
            out.extend(self.stmt(child))
        return out

    @bounded(unknown_statement)
    def stmt(self, node: SgNode) -> list[ir.Stmt]:
        """One statement, preceded by the bindings its expressions make (`out` arguments)."""
        outer, self._pre = self._pre, []
        outer_callbacks, self._callbacks = self._callbacks, []
        try:
            out = self._stmt(node)
            out = [*self._pre, *out] if self._pre else out
            # a lambda passed in the statement closes over the method's locals, which its own
            # analysis cannot see: its body also runs here as a branch (its parameters unknown)
            out.extend(inline_callback(node, c) for c in self._callbacks)
            return out
        finally:
            self._pre, self._callbacks = outer, outer_callbacks

    def _stmt(self, node: SgNode) -> list[ir.Stmt]:
        kind = node.kind()
        if kind == "expression_statement":
            parts = _named(node)
            return self.expression_statement(parts[0]) if parts else []
        if kind == "local_declaration_statement":
            decl = next((c for c in _named(node) if c.kind() == "variable_declaration"), None)
            return self.declaration(decl) if decl is not None else []
        if kind == "variable_declaration":
            return self.declaration(node)
        if kind in ("global_statement", "labeled_statement"):
            parts = [p for p in _named(node) if p.kind() != "identifier" or kind == "global_statement"]
            return [s for p in parts for s in self.stmt(p)]
        if kind in ("namespace_declaration", "file_scoped_namespace_declaration"):
            return self.block(node.field("body"))
        if kind in _TYPE_DECLARATIONS:
            return self.type_declaration(node)
        if kind == "local_function_statement":
            func = self.method(node, None)
            return [func]
        if kind == "if_statement":
            return [self.if_statement(node)]
        if kind == "foreach_statement":
            left = node.field("left")
            return [
                ir.Loop(
                    node,
                    target=self.target(left) if left is not None else ir.Opaque(node),
                    iter=self.expr(node.field("right")),
                    body=self.block(node.field("body")),
                )
            ]
        if kind == "for_statement":
            return self.for_statement(node)
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
        if kind == "yield_statement":
            parts = _named(node)
            return [ir.ExprStmt(node, self.expr(parts[0]))] if parts else []
        if kind in (
            "using_statement",
            "lock_statement",
            "fixed_statement",
            "checked_statement",
            "unsafe_statement",
        ):
            out: list[ir.Stmt] = []
            for part in _named(node):
                if part.kind() == "variable_declaration":
                    out.extend(self.declaration(part))
                elif part.kind() == "block" or part.kind().endswith("_statement"):
                    out.extend(self.block(part))
                else:
                    out.append(ir.ExprStmt(part, self.expr(part)))
            return out
        if kind in ("block", "ERROR", "compilation_unit", "declaration_list"):
            return self.block(node)
        if kind in _JUMPS:
            return [ir.Other(node, terminates=True)]
        if kind in _SKIPPED or kind.endswith(("_directive", "_declaration")) or kind.startswith("preproc"):
            return [ir.Other(node)]
        if kind.endswith("_statement"):
            return [
                ir.Other(
                    node,
                    tuple(
                        self.expr(p) for p in _named(node) if not p.kind().endswith(("block", "_statement"))
                    ),
                )
            ]
        return self.expression_statement(node)

    def declaration(self, node: SgNode, initialized_only: bool = False) -> list[ir.Stmt]:
        out: list[ir.Stmt] = []
        for decl in _named(node):
            if decl.kind() != "variable_declarator":
                continue
            name = decl.field("name")
            values = [c for c in _named(decl) if name is None or c.range() != name.range()]
            values = [c for c in values if c.kind() != "bracketed_argument_list"]
            if name is None or (initialized_only and not values):
                continue
            target: ir.Expr = ir.Name(name, name.text())
            if name.kind() != "identifier":
                target = self.target(name)
            value = self.expr(values[-1]) if values else ir.Const(decl, None)
            out.append(ir.Assign(decl, (target,), value))
        return out

    @bounded(unknown_statement)
    def expression_statement(self, node: SgNode) -> list[ir.Stmt]:
        kind = node.kind()
        if kind == "assignment_expression":
            return self.assignment(node)
        if kind == "parenthesized_expression":
            inner = _named(node)
            return (
                self.expression_statement(inner[0])
                if len(inner) == 1
                else [ir.ExprStmt(node, self.expr(node))]
            )
        if kind in ("postfix_unary_expression", "prefix_unary_expression") and node.text().strip().endswith(
            ("++", "--")
        ):
            return [ir.Other(node)]
        return [ir.ExprStmt(node, self.expr(node))]

    def assignment(self, node: SgNode) -> list[ir.Stmt]:
        op_node = node.field("operator")
        op = op_node.text() if op_node is not None else "="
        left = node.field("left")
        if op != "=":
            target = self.target(left)
            value = self.expr(node.field("right"))
            if op == "??=":  # keeps the current value when set, else takes the new one
                stmt: ir.Stmt = ir.Assign(node, (target,), ir.BoolOp(node, "or", (self.expr(left), value)))
            else:
                stmt = ir.AugAssign(node, target, op[:-1] or "+", value)
            return [stmt, *self._property_write(node, left, self.expr(left))]
        targets: list[SgNode] = []
        current: SgNode | None = node
        while current is not None and current.kind() == "assignment_expression":
            op_node = current.field("operator")
            if op_node is not None and op_node.text() != "=":
                break
            if (target_node := current.field("left")) is not None:
                targets.append(target_node)
            current = current.field("right")
        value = self.expr(current)
        out: list[ir.Stmt] = []
        writes_property = any(t.kind() == "member_access_expression" for t in targets)
        if writes_property:  # bound once to a temporary, so the setter call reuses the value
            temp = self._temp()
            out.append(ir.Assign(node, (ir.Name(node, temp),), value))
            value = ir.Name(node, temp)
        out.append(ir.Assign(node, tuple(self.target(t) for t in targets), value))
        for t in targets:
            out.extend(self._property_write(node, t, value))
        return out

    def _property_write(self, node: SgNode, target: SgNode | None, value: ir.Expr) -> list[ir.Stmt]:
        """`obj.P = v` also reads as a call `obj.P=(v)`, so property sinks are callees."""
        if target is None or target.kind() != "member_access_expression":
            return []
        obj = target.field("expression")
        if obj is None:
            return []
        setter = ir.Attr(target, self.expr(obj), f"{_bare_name(target.field('name'))}=")
        return [ir.ExprStmt(node, ir.Call(node, setter, (value,)))]

    def if_statement(self, node: SgNode) -> ir.If:
        """An if and its `else if` chain, lowered in a loop: a chain of any length nests no deeper."""
        result = ir.If(node, self.expr(node.field("condition")), self.block(node.field("consequence")))
        current, alternative = result, node.field("alternative")
        while alternative is not None:
            if alternative.kind() == "else_clause":
                inner = _named(alternative)
                alternative = inner[0] if inner else None
                if alternative is None:
                    break
            if alternative.kind() != "if_statement":
                current.orelse = self.block(alternative)
                break
            pre, self._pre = self._pre, []
            test = self.expr(alternative.field("condition"))
            nested = ir.If(alternative, test, self.block(alternative.field("consequence")))
            current.orelse = [*self._pre, nested]
            self._pre = pre
            current, alternative = nested, alternative.field("alternative")
        return result

    def for_statement(self, node: SgNode) -> list[ir.Stmt]:
        out: list[ir.Stmt] = []
        body_node = node.field("body")
        condition = node.field("condition")
        updates: list[ir.Stmt] = []
        for part in _named(node):
            if body_node is not None and part.range() == body_node.range():
                continue
            if condition is not None and part.range() == condition.range():
                continue
            if part.kind() == "variable_declaration":
                out.extend(self.declaration(part))
            elif part.range().start.line <= node.range().start.line and not out:
                out.extend(self.expression_statement(part))
            else:
                updates.extend(self.expression_statement(part))
        test = self.expr(condition) if condition is not None else ir.Opaque(node)
        out.append(ir.Loop(node, test=test, body=[*self.block(body_node), *updates]))
        return out

    def try_statement(self, node: SgNode) -> ir.Try:
        handlers: list[ir.Handler] = []
        final: list[ir.Stmt] = []
        for part in _named(node):
            if part.kind() == "catch_clause":
                decl = next((c for c in _named(part) if c.kind() == "catch_declaration"), None)
                name = decl.field("name") if decl is not None else None
                handlers.append(
                    ir.Handler(name.text() if name is not None else None, self.block(part.field("body")))
                )
            elif part.kind() == "finally_clause":
                final = [s for b in _named(part) for s in self.block(b)]
        return ir.Try(node, self.block(node.field("body")), handlers, [], final)

    def switch_statement(self, node: SgNode) -> ir.Match:
        subject = self.expr(node.field("value"))
        cases: list[ir.Case] = []
        body = node.field("body")
        for section in _named(body) if body is not None else ():
            if section.kind() != "switch_section":
                continue
            labels = [
                p for p in _named(section) if p.kind().endswith("pattern") or p.kind() == "case_switch_label"
            ]
            default = any(c.text() == "default" for c in section.children() if not c.is_named())
            guard_node = next((p for p in _named(section) if p.kind() == "when_clause"), None)
            stmts = [p for p in _named(section) if p not in labels and p.kind() != "when_clause"]
            body_stmts: list[ir.Stmt] = []
            for s in stmts:
                if s.kind() != "break_statement":
                    body_stmts.extend(self.stmt(s))
            literal: ir.Expr | None = None
            if len(labels) == 1 and labels[0].kind() == "constant_pattern" and _named(labels[0]):
                value = self.expr(_named(labels[0])[0])
                literal = value if isinstance(value, ir.Const) else None
            guard = (
                self.expr(_named(guard_node)[-1]) if guard_node is not None and _named(guard_node) else None
            )
            # `case string s:` binds `s` to the subject
            captures = tuple(
                name.text()
                for label in labels
                for pattern in label.find_all(kind="declaration_pattern")  # (the label itself included)
                if (name := pattern.field("name")) is not None and name.kind() == "identifier"
            )
            cases.append(
                ir.Case(
                    captures, literal, guard, body_stmts, irrefutable=default and not labels and guard is None
                )
            )
        return ir.Match(node, subject, cases)

    # ------------------------------------------------------------------ types and methods

    def type_declaration(self, node: SgNode) -> list[ir.Stmt]:
        name_node = node.field("name")
        class_name = name_node.text() if name_node is not None else "<type>"
        base_list = next((c for c in _named(node) if c.kind() == "base_list"), None)
        bases = [b.text() for b in _named(base_list)] if base_list is not None else []
        attributes = [_bare_name(a.field("name")) for a in _attribute_names(node)]
        body = node.field("body")
        members = _named(body) if body is not None else []
        instance = frozenset(
            m.field("name").text()  # type: ignore[union-attr]
            for m in members
            if m.kind() == "method_declaration"
            and "static" not in _modifiers(m)
            and m.field("name") is not None
        )
        fields: set[str] = set()
        out: list[ir.Stmt] = []
        # a read-only field a constructor assigns holds that value, not (only) its initializer
        assigned = {
            left.text().removeprefix("this.")
            for m in members
            if m.kind() == "constructor_declaration"
            for a in m.find_all(kind="assignment_expression")
            if (left := a.field("left")) is not None
        }
        outer = (self._instance_methods, self._fields)
        self._instance_methods = instance
        try:
            for member in members:
                if member.kind() == "field_declaration" and {"const", "readonly"} & set(_modifiers(member)):
                    decl = next((c for c in _named(member) if c.kind() == "variable_declaration"), None)
                    for stmt in self.declaration(decl, True) if decl is not None else ():
                        if (
                            isinstance(stmt, ir.Assign)
                            and isinstance(stmt.targets[0], ir.Name)
                            and stmt.targets[0].id not in assigned
                        ):
                            fields.add(stmt.targets[0].id)
                            out.append(stmt)
            self._fields = frozenset(fields)
            owner = (class_name, tuple(bases), tuple(attributes))
            for member in members:
                kind = member.kind()
                if kind in _METHOD_KINDS:
                    self.method(member, owner)
                elif kind in _TYPE_DECLARATIONS:
                    out.extend(self.type_declaration(member))
                elif kind == "property_declaration":
                    self.property_bodies(member, owner)
        finally:
            self._instance_methods, self._fields = outer
        return out

    def property_bodies(self, node: SgNode, owner: tuple[str, tuple[str, ...], tuple[str, ...]]) -> None:
        """A property's expression body or accessor bodies are methods of their own."""
        name_node = node.field("name")
        name = name_node.text() if name_node is not None else "property"
        arrow = next((c for c in _named(node) if c.kind() == "arrow_expression_clause"), None)
        if arrow is not None:
            self.method(arrow, owner, name=name)
            return
        for accessor in node.find_all(kind="accessor_declaration"):
            if accessor.field("body") is not None or any(
                c.kind() == "arrow_expression_clause" for c in _named(accessor)
            ):
                self.method(accessor, owner, name=name)

    def method(
        self,
        node: SgNode,
        owner: tuple[str, tuple[str, ...], tuple[str, ...]] | None,
        name: str | None = None,
    ) -> ir.FunctionDef:
        kind = node.kind()
        mods = _modifiers(node)
        if name is None:
            name_node = node.field("name")
            name = name_node.text() if name_node is not None else (owner[0] if owner else "<method>")
        attributes = _attribute_names(node)
        decorators = tuple(self.attribute(a) for a in attributes)
        is_method = owner is not None and "static" not in mods and kind != "local_function_statement"
        params = self.parameters(node.field("parameters"))
        bases: tuple[str, ...] = ()
        if is_method and owner is not None:
            params = (ir.Param("this"), *params)
        # a constructor is no action: the service container fills its parameters
        if is_method and owner is not None and kind != "constructor_declaration":
            words = " ".join([*mods, *(_bare_name(a.field("name")) for a in attributes)])
            class_name, class_bases, class_attrs = owner
            bases = (
                *(f"{words}: base {b}" for b in class_bases),
                f"{words}: class {class_name}",
                *(f"{words}: attribute {a}" for a in class_attrs),
            )
        func = ir.FunctionDef(node, name, params, [], decorators, is_method, bases)
        lower = self._deferred(node, kind)
        self.functions.append(func)
        if any(node.find(kind=k) is not None for k in _NESTED_FUNCTIONS):
            # lowered now: a lambda inside may be a request handler (`app.MapGet`) of its own, to
            # be analysed even when nothing calls for this body
            func.body = lower()
        else:
            func.lazy_body = lower
        return func

    def _deferred(self, node: SgNode, kind: str) -> Callable[[], list[ir.Stmt]]:
        """The body's lowering, run when the core needs it, in the context of the enclosing type."""
        context = (self._instance_methods, self._fields)

        def lower() -> list[ir.Stmt]:
            outer = (self._instance_methods, self._fields, self._pre, self._callbacks)
            self._instance_methods, self._fields = context
            self._pre, self._callbacks = [], []
            self._function_depth += 1
            try:
                body = node if kind == "arrow_expression_clause" else node.field("body")
                if body is None:
                    body = next((c for c in _named(node) if c.kind() == "arrow_expression_clause"), None)
                return self.function_body(body)
            finally:
                self._function_depth -= 1
                self._instance_methods, self._fields, self._pre, self._callbacks = outer

        return lower

    def function_body(self, body: SgNode | None) -> list[ir.Stmt]:
        if body is None:
            return []
        if body.kind() == "arrow_expression_clause":
            inner = _named(body)
            if not inner:
                return []
            value = self.expr(inner[0])
        elif body.kind() == "block":
            return self.block(body)
        else:
            value = self.expr(body)  # a lambda's expression body
        pre, self._pre = self._pre, []
        callbacks, self._callbacks = self._callbacks, []
        return [*pre, *(inline_callback(body, c) for c in callbacks), ir.Return(body, value)]

    def lambda_function(self, node: SgNode, owner: ir.Expr | None) -> ir.FunctionDef:
        params_node = node.field("parameters")
        if params_node is None:
            params_node = next(
                (c for c in _named(node) if c.kind() in ("parameter_list", "implicit_parameter")), None
            )
        if params_node is not None and params_node.kind() in ("implicit_parameter", "identifier"):
            params: tuple[ir.Param, ...] = (ir.Param(params_node.text(), ir.Const(params_node, None)),)
        else:
            params = self.parameters(params_node)
        outer, self._pre = self._pre, []
        outer_callbacks, self._callbacks = self._callbacks, []
        self._function_depth += 1
        try:
            body = self.function_body(node.field("body"))
        finally:
            self._function_depth -= 1
            self._pre, self._callbacks = outer, outer_callbacks
        name = f"<lambda@{node.range().start.line + 1}>"
        func = ir.FunctionDef(node, name, params, body, (owner,) if owner is not None else ())
        self.functions.append(func)
        return func

    def parameters(self, node: SgNode | None) -> tuple[ir.Param, ...]:
        out: list[ir.Param] = []
        for param in _named(node) if node is not None else ():
            if param.kind() != "parameter":
                continue
            name = param.field("name")
            if name is None:
                continue
            type_node = param.field("type")
            annotation = type_node.text() if type_node is not None else ""
            words = {
                c.text() for c in param.children() if c.kind() == "modifier" or c.text() in _PARAM_MODIFIERS
            }
            star = "*" if "params" in words else ""
            # the whole declaration: the catalog reads its attributes and type (injected services)
            out.append(ir.Param(name.text(), ir.Const(param, None), annotation, star))
        return tuple(out)

    def attribute(self, node: SgNode) -> ir.Expr:
        name = node.field("name")
        func = (self.dotted(name) if name is not None else None) or ir.Opaque(node)
        args_node = next((c for c in _named(node) if c.kind() == "attribute_argument_list"), None)
        if args_node is None:
            return func
        args = [self.expr(_named(a)[-1]) for a in _named(args_node) if _named(a)]
        return ir.Call(node, func, tuple(args))

    def using_alias(self, node: SgNode) -> ir.Stmt:
        parts = _named(node)
        if len(parts) >= 2 and any(c.text() == "=" for c in node.children()):
            return ir.Import(node, ((parts[0].text(), parts[-1].text()),), parts[-1].text())
        return ir.Other(node)


class CSharpAdapter(LanguageAdapter):
    languages = ("csharp",)
    catalog_file = "catalog_csharp.yaml"
    module_suffixes = (".cs",)
    lowering = _Lowering

    def lower(self, root: SgNode) -> ir.Module:
        lowering = _Lowering()
        module = lowering.module(root)
        aliases = [lowering.using_alias(u) for u in root.children() if u.kind() == "using_directive"]
        module.body[:0] = [a for a in aliases if isinstance(a, ir.Import)]
        return module


register(CSharpAdapter())
