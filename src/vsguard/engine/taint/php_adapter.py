"""PHP adapter: tree-sitter php lowered to the taint IR.

PHP specifics the IR has no direct form for are expressed with IR it does have:
- variables lose their `$`; superglobals are attributes of one root name, and so are their
  entries named by constant keys (`$_GET['q']` reads as `$._GET.q`, `$_SERVER['HTTP_HOST']` as
  `$._SERVER.HTTP_HOST`), `file_get_contents('php://input')` reads `$.input()`;
- `use A\\B\\C as D` binds `D` to `A.B.C`; functions and classes a file names without a `use`
  are global (PHP resolves them by name, never through a variable), so they are bound to
  themselves up front and their calls carry only their arguments' taint;
- `->` and `::` calls are method calls; `self::`, `static::` and `parent::` call the receiver,
  which methods receive as a leading `this` parameter;
- `.` chains and interpolated strings (double quotes, heredoc, backticks) are `Format`s;
  backticks are a call of `` ` ``; `echo`, `print`, `include`/`require` are calls of that name;
  `(int)`-style casts are calls of `(int)`, so the catalog can list them as conversions;
- an assignment inside an expression (`while ($row = $stmt->fetch())`) runs just before its
  statement; `in_array($x, LIST)` is the membership test `x in LIST`; `preg_match` receives
  its pattern without delimiters, so an anchored check reads like any other regex check;
  `str_replace`/`preg_replace` take their subject first (PHP puts it last), as a sanitizer's
  cleaned value is its first argument; `sprintf($f, $a, $b)` is `f % (a, b)`, printf-style text;
  `filter_var($x, FILTER_VALIDATE_INT)` calls `filter_var.FILTER_VALIDATE_INT` (the filter names
  what the call returns).
"""

from __future__ import annotations

from ast_grep_py import SgNode

from vsguard.engine.taint import ir
from vsguard.engine.taint.adapter import LanguageAdapter, bounded, register, unknown_statement
from vsguard.engine.taint.php_expressions import ExpressionLowering
from vsguard.engine.taint.php_syntax import (
    ASSIGNMENTS,
    BLOCK_KINDS,
    CLASS_KINDS,
    FUNCTION_KINDS,
    JUMPS,
    code_children,
    named,
    qualified,
    variable,
)

_DECLARED_NAMES = frozenset({"name", "qualified_name"})


class _Lowering(ExpressionLowering):
    def __init__(self) -> None:
        super().__init__()
        self._pre = []
        self._temps = 0
        self.fixed_properties = {}

    def _temp(self) -> str:
        self._temps += 1
        return f"$tmp{self._temps}"

    def module(self, root: SgNode) -> ir.Module:
        module = super().module(root)
        module.body[:0] = self._global_names(root)
        return module

    def _global_names(self, root: SgNode) -> list[ir.Stmt]:
        """Functions and classes called by a plain name resolve to themselves (see the module doc)."""
        names: set[str] = set()
        for kind, field in (
            ("function_call_expression", "function"),
            ("scoped_call_expression", "scope"),
            ("class_constant_access_expression", None),
        ):
            for call in root.find_all(kind=kind):
                parts = named(call)
                target = call.field(field) if field else (parts[0] if parts else None)
                if target is not None and target.kind() == "name":
                    names.add(target.text())
        for new in root.find_all(kind="object_creation_expression"):
            cls = next((c for c in named(new) if c.kind() == "name"), None)
            if cls is not None:
                names.add(cls.text())
        if not names:
            return []
        return [ir.Import(root, tuple((n, n) for n in sorted(names)))]

    # ------------------------------------------------------------------ statements

    def lower_block(self, node: SgNode | None) -> list[ir.Stmt]:
        out: list[ir.Stmt] = []
        if node is None:
            return out
        if node.kind() not in BLOCK_KINDS:
            return self.stmt(node)
        for child in code_children(node):
            out.extend(self.stmt(child))
        return out

    @bounded(unknown_statement)
    def stmt(self, node: SgNode) -> list[ir.Stmt]:
        """One statement, preceded by the assignments made inside its expressions."""
        outer, self._pre = self._pre, []
        try:
            out = self._stmt(node)
            if self._pre:
                out = [*self._pre, *out]
        finally:
            self._pre = outer
        return out

    def _stmt(self, node: SgNode) -> list[ir.Stmt]:
        kind = node.kind()
        if kind == "expression_statement":
            parts = named(node)
            return self.expression_statement(parts[0]) if parts else []
        if kind == "echo_statement":
            parts = named(node)
            values = named(parts[0]) if parts and parts[0].kind() == "sequence_expression" else parts
            echo = ir.Call(node, ir.Name(node, "echo"), tuple(self.expr(v) for v in values))
            return [ir.ExprStmt(node, echo)]
        if kind == "return_statement":
            return [ir.Return(node, self.first_operand(node))]
        if kind == "exit_statement":
            return [ir.Raise(node, self.first_operand(node))]  # the script ends here
        if kind == "function_definition":
            return [self.function(node)]
        if kind in CLASS_KINDS:
            return [self.class_definition(node)]
        if kind == "namespace_definition":
            body = node.field("body")
            return self.block(body) if body is not None else []
        if kind == "namespace_use_declaration":
            return [self.use(node)]
        if kind == "if_statement":
            return [self.if_statement(node)]
        if kind == "while_statement":
            return [
                ir.Loop(node, test=self.expr(node.field("condition")), body=self.block(node.field("body")))
            ]
        if kind == "do_statement":
            first = self.block(node.field("body"))  # runs once before the test
            return [*first, ir.Loop(node, test=self.expr(node.field("condition")), body=list(first))]
        if kind == "for_statement":
            return self.for_statement(node)
        if kind == "foreach_statement":
            return self.foreach_statement(node)
        if kind == "switch_statement":
            return [self.switch_statement(node)]
        if kind == "try_statement":
            return [self.try_statement(node)]
        if kind in BLOCK_KINDS:
            return self.block(node)
        if kind in JUMPS:
            return [ir.Other(node, terminates=True)]
        if kind == "function_static_declaration":
            out: list[ir.Stmt] = []
            for decl in named(node):
                name, value = decl.field("name"), decl.field("value")
                if name is not None and value is not None:
                    out.append(ir.Assign(decl, (ir.Name(name, variable(name)),), self.expr(value)))
            return out
        if kind in ("global_declaration", "unset_statement", "const_declaration", "declare_statement"):
            return [ir.Other(node)]
        if kind.endswith("_statement"):
            return [ir.Other(node, tuple(self.expr(p) for p in named(node) if p.kind() not in BLOCK_KINDS))]
        return self.expression_statement(node)

    @bounded(unknown_statement)
    def expression_statement(self, node: SgNode) -> list[ir.Stmt]:
        kind = node.kind()
        if kind in ASSIGNMENTS:
            return self.assignment(node)
        if kind == "parenthesized_expression":
            inner = named(node)
            return (
                self.expression_statement(inner[0])
                if len(inner) == 1
                else [ir.ExprStmt(node, self.expr(node))]
            )
        if kind == "sequence_expression":
            return [s for part in named(node) for s in self.expression_statement(part)]
        if kind == "throw_expression":
            return [ir.Raise(node, self.first_operand(node))]
        if kind == "function_call_expression":
            func = node.field("function")
            if func is not None and func.text().lower() in ("exit", "die"):
                return [ir.ExprStmt(node, self.expr(node)), ir.Raise(node, None)]
        return [ir.ExprStmt(node, self.expr(node))]

    def assignment(self, node: SgNode) -> list[ir.Stmt]:
        kind = node.kind()
        left, right = node.field("left"), node.field("right")
        value = self.expr(right)
        if kind == "augmented_assignment_expression":
            op_node = node.field("operator")
            op = op_node.text()[:-1] if op_node is not None else "+"
            target = self.target(left)
            if op == ".":  # `$s .= $x`: the text grows
                return [ir.Assign(node, (target,), ir.Format(node, (self.expr(left), value)))]
            if op == "??":
                return [ir.Assign(node, (target,), ir.BoolOp(node, "or", (self.expr(left), value)))]
            return [ir.AugAssign(node, target, op, value)]
        if left is not None and left.kind() == "list_literal" and "=>" in left.text():
            return self.keyed_list(node, left, value)
        return [ir.Assign(node, (self.target(left),), value)]

    def keyed_list(self, node: SgNode, pattern: SgNode, value: ir.Expr) -> list[ir.Stmt]:
        """`['a' => $x, 'b' => $y] = $row`: each target takes the entry of its key."""
        temp = self._temp()
        out: list[ir.Stmt] = [ir.Assign(node, (ir.Name(node, temp),), value)]
        parts = named(pattern)
        for key, target in zip(parts[::2], parts[1::2], strict=False):
            item = ir.Index(key, ir.Name(node, temp), self.expr(key))
            out.append(ir.Assign(node, (self.target(target),), item))
        return out

    def use(self, node: SgNode) -> ir.Import:
        """`use A\\B\\C;`, `use A\\B\\C as D;`, `use A\\{B, C as D};`, `use function A\\f;`."""
        bindings: list[tuple[str, str]] = []
        prefix = ""
        group = node.field("body")
        if group is not None:
            lead = next((c for c in named(node) if c.kind() in ("namespace_name", "qualified_name")), None)
            prefix = qualified(lead.text()) + "." if lead is not None else ""
        clauses = named(group) if group is not None else named(node)
        for clause in clauses:
            if clause.kind() != "namespace_use_clause":
                continue
            parts = [c for c in named(clause) if c.kind() in ("name", "qualified_name", "namespace_name")]
            if not parts:
                continue
            target = prefix + qualified(parts[0].text())
            local = parts[1].text() if len(parts) > 1 else target.rsplit(".", 1)[-1]
            bindings.append((local, target))
        return ir.Import(node, tuple(bindings))

    def if_statement(self, node: SgNode) -> ir.If:
        """An if and its `elseif` chain, lowered in a loop: a chain of any length nests no deeper."""
        result = ir.If(node, self.expr(node.field("condition")), self.block(node.field("body")))
        current = result
        for clause in named(node):
            if clause.kind() == "else_if_clause":
                nested = ir.If(clause, self.expr(clause.field("condition")), self.block(clause.field("body")))
                current.orelse = [nested]
                current = nested
            elif clause.kind() == "else_clause":
                current.orelse = self.block(clause.field("body"))
        return result

    def for_statement(self, node: SgNode) -> list[ir.Stmt]:
        init = node.field("initialize")
        out = self.expression_statement(init) if init is not None else []
        condition = node.field("condition")
        body = self.block(node.field("body"))
        update = node.field("update")
        if update is not None:
            body.extend(self.expression_statement(update))
        test = self.expr(condition) if condition is not None else ir.Opaque(node)
        out.append(ir.Loop(node, test=test, body=body))
        return out

    def foreach_statement(self, node: SgNode) -> list[ir.Stmt]:
        body_node = node.field("body")
        parts = [p for p in named(node) if body_node is None or p.range() != body_node.range()]
        if not parts:
            return [ir.Other(node)]
        iterable = self.expr(parts[0])
        prologue: list[ir.Stmt] = []
        target: ir.Expr = ir.Name(node, self._temp())
        if len(parts) > 1:
            spec = parts[1]
            if spec.kind() == "pair":
                key_value = named(spec)
                if len(key_value) == 2:
                    # a key of the iterated array is data of the array (request keys are the client's)
                    prologue.append(ir.Assign(spec, (self.target(key_value[0]),), self.expr(parts[0])))
                    target = self.target(key_value[1])
            else:
                target = self.target(spec)
        return [ir.Loop(node, target=target, iter=iterable, body=[*prologue, *self.block(body_node)])]

    def switch_statement(self, node: SgNode) -> ir.Stmt:
        """Cases become independent branches on an unknown test: any of them may run."""
        subject = self.expr(node.field("condition"))
        out: list[ir.Stmt] = [ir.Other(node, (subject,))]
        body = node.field("body")
        for case in named(body) if body is not None else ():
            value = case.field("value")
            stmts = [
                s
                for part in code_children(case)
                if value is None or part.range() != value.range()
                for s in self.stmt(part)
            ]
            test = ir.Opaque(case, (self.expr(value),)) if value is not None else ir.Opaque(case)
            out.append(ir.If(case, test, stmts, []))
        return ir.If(node, ir.Const(node, True), out, [])

    def try_statement(self, node: SgNode) -> ir.Try:
        result = ir.Try(node, body=self.block(node.field("body")))
        for clause in named(node):
            if clause.kind() == "catch_clause":
                name = clause.field("name")
                result.handlers.append(
                    ir.Handler(variable(name) if name is not None else None, self.block(clause.field("body")))
                )
            elif clause.kind() == "finally_clause":
                result.final = self.block(clause.field("body"))
        return result

    # ------------------------------------------------------------------ functions and classes

    def function(
        self, node: SgNode, name: str | None = None, is_method: bool = False, bases: tuple[str, ...] = ()
    ) -> ir.FunctionDef:
        name_node = node.field("name")
        if name is None:
            name = name_node.text() if name_node is not None else f"<closure@{node.range().start.line + 1}>"
        params = self.parameters(node.field("parameters"))
        if is_method:  # the receiver as a leading parameter, as the core expects of methods
            params = (ir.Param("this"), *params)
        body_node = node.field("body")
        outer, self._pre = self._pre, []
        try:
            if node.kind() == "arrow_function":  # `fn($x) => expr`
                value = self.expr(body_node)
                body = [*self._pre, ir.Return(body_node, value)]
            else:
                body = self.block(body_node)
        finally:
            self._pre = outer
        func = ir.FunctionDef(node, name, params, body, (), is_method, bases)
        self.functions.append(func)
        return func

    def parameters(self, node: SgNode | None) -> tuple[ir.Param, ...]:
        params: list[ir.Param] = []
        for p in named(node) if node is not None else ():
            if p.kind() not in ("simple_parameter", "variadic_parameter", "property_promotion_parameter"):
                continue
            name = p.field("name")
            if name is None:
                continue
            type_node = p.field("type")
            annotation = qualified(type_node.text().lstrip("?")) if type_node is not None else ""
            default = p.field("default_value")
            params.append(
                ir.Param(
                    variable(name),
                    self.expr(default) if default is not None else None,
                    annotation,
                    "*" if p.kind() == "variadic_parameter" else "",
                )
            )
        return tuple(params)

    def class_definition(self, node: SgNode) -> ir.ClassDef:
        name_node = node.field("name")
        name = name_node.text() if name_node is not None else ""
        bases = tuple(
            qualified(b.text())
            for clause in named(node)
            if clause.kind() in ("base_clause", "class_interface_clause")
            for b in named(clause)
            if b.kind() in _DECLARED_NAMES
        )
        body: list[ir.Stmt] = []
        body_node = node.field("body")
        outer, self.fixed_properties = self.fixed_properties, self._fixed_properties(body_node)
        try:
            self._members(body_node, name, bases, body)
        finally:
            self.fixed_properties = outer
        return ir.ClassDef(node, name, tuple(ir.Name(node, b) for b in bases), body)

    def _fixed_properties(self, body_node: SgNode | None) -> dict[str, ir.Expr]:
        """Private and protected properties that only their declaration sets, to a constant: the
        class's code cannot change them, nor code outside it (`$this->table` in a query)."""
        if body_node is None:
            return {}
        written = {
            prop.text()
            for kind in ASSIGNMENTS
            for assign in body_node.find_all(kind=kind)
            if (left := assign.field("left")) is not None
            and left.kind() == "member_access_expression"
            and (prop := left.field("name")) is not None
        }
        fixed: dict[str, ir.Expr] = {}
        for decl in named(body_node):
            if decl.kind() != "property_declaration":
                continue
            modifiers = {c.text().lower() for c in named(decl) if c.kind() == "visibility_modifier"}
            if not modifiers & {"private", "protected"}:
                continue
            for element in named(decl):
                parts = named(element) if element.kind() == "property_element" else []
                if len(parts) != 2 or variable(parts[0]) in written:
                    continue
                value = self.expr(parts[1])
                if isinstance(value, ir.Const):
                    fixed[variable(parts[0])] = value
        return fixed

    def _members(
        self, body_node: SgNode | None, name: str, bases: tuple[str, ...], body: list[ir.Stmt]
    ) -> None:
        for member in named(body_node) if body_node is not None else ():
            if member.kind() == "method_declaration":
                method = member.field("name")
                label = f"{name}.{method.text()}" if method is not None else name
                body.append(self.function(member, label, True, bases))

    def lower_expr(self, node: SgNode | None) -> ir.Expr:
        if node is not None and node.kind() in FUNCTION_KINDS:
            self.function(node)
            return ir.Opaque(node)
        return super().lower_expr(node)


class PhpAdapter(LanguageAdapter):
    languages = ("php",)
    catalog_file = "catalog_php.yaml"
    module_suffixes = (".php",)
    lowering = _Lowering


register(PhpAdapter())
