"""Go adapter: tree-sitter go lowered to the taint IR.

Go specifics the IR has no direct form for are expressed with IR it does have:
- imports bind the package name (`exec`, or the alias) to the import path, so calls read as
  `os/exec.Command`, `github.com/gin-gonic/gin.Context`;
- a method's receiver (`func (s *Server) f()`) is a leading `this` parameter and reads of its
  name are reads of `this`, so `s.helper(x)` calls the method `Server.helper`;
- parameters keep their type as annotation (`*http.Request`, `int`), which the catalog reads;
- `a, b := f()` unpacks the call's result; a trailing `ok`/`err` there is the callee's status;
- `fmt.Sprintf` with a literal format is the string it builds (`Format`), `strings.F(s, ...)`
  is a method of `s`, `re.MatchString(x)` with `re` a compiled literal is
  `regexp.MatchString(pattern, x)`, and `v, ok := m[k]; ok` tests `k in m`;
- `switch` is an if/else chain on equality (Go cases do not fall through);
- a literal of a named type (`T{F: v}`) is a call to `T` with its fields as keywords;
- a function literal is a function of its own; called in place (`go func() {...}()`) or passed
  as an argument inside a function, its body also runs inline as a branch, since it reads the
  enclosing function's variables.
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
from vsguard.engine.taint.go_expressions import ExpressionLowering
from vsguard.engine.taint.go_syntax import (
    _BUILTIN_TYPES,
    _JUMPS,
    _SKIPPED,
    _STATUS_NAMES,
    _ZERO,
    _named,
    _package_name,
    _string_text,
)

_FUNCTION_KINDS = frozenset({"function_declaration", "method_declaration", "func_literal"})


class _Lowering(ExpressionLowering):
    def __init__(self) -> None:
        super().__init__()
        self.imports = {}
        self.regexes = {}
        self.receiver = None
        self.package = ""  # the file's package name
        self._function_depth = 0
        self._literals: list[ir.FunctionDef] = []  # function literals met in the current statement
        self.writes = []

    def module(self, root: SgNode) -> ir.Module:
        self._scan(root)
        return super().module(root)

    def _scan(self, root: SgNode) -> None:
        """Imports, compiled regex literals and function names of the file, known before lowering."""
        for spec in root.find_all(kind="import_spec"):
            path_node = spec.field("path")
            if path_node is None:
                continue
            path = _string_text(path_node)
            alias = spec.field("name")
            local = alias.text() if alias is not None else _package_name(path)
            if local not in ("_", "."):
                self.imports[local] = path
        clause = root.find(kind="package_clause")
        name = next((c for c in _named(clause) if c.kind() == "package_identifier"), None) if clause else None
        self.package = name.text() if name is not None else ""
        if "regexp" in self.imports.values():
            for kind in ("short_var_declaration", "assignment_statement", "var_spec"):
                for decl in root.find_all(kind=kind):
                    self._note_regex(decl)
        self.functions_named = frozenset(
            n.text() for f in root.find_all(kind="function_declaration") if (n := f.field("name"))
        )

    def _note_regex(self, decl: SgNode) -> None:
        names = decl.field("left") or decl
        values = decl.field("right") or decl.field("value")
        if values is None:
            return
        targets = [n for n in _named(names) if n.kind() == "identifier"]
        exprs = _named(values)
        if len(targets) == len(exprs):
            for target, value in zip(targets, exprs, strict=True):
                pattern = self.compiled_literal(value)
                if pattern is not None:
                    self.regexes[target.text()] = pattern

    # ------------------------------------------------------------------ statements

    def lower_block(self, node: SgNode | None) -> list[ir.Stmt]:
        out: list[ir.Stmt] = []
        if node is None:
            return out
        if node.kind() not in ("source_file", "block", "statement_list", "ERROR"):
            return self.stmt(node)
        for child in _named(node):
            out.extend(self.stmt(child))
        return out

    @bounded(unknown_statement)
    def stmt(self, node: SgNode) -> list[ir.Stmt]:
        """One statement; function literals in it also run inline afterwards (inside a function)."""
        outer, self._literals = self._literals, []
        outer_writes, self.writes = self.writes, []
        try:
            out = self._stmt(node)
            out.extend(ir.Assign(node, (target,), value) for target, value in self.writes)
            if self._function_depth > 0:
                out.extend(inline_callback(node, literal) for literal in self._literals)
        finally:
            self._literals = outer
            self.writes = outer_writes
        return out

    def _stmt(self, node: SgNode) -> list[ir.Stmt]:
        kind = node.kind()
        if kind == "expression_statement":
            parts = _named(node)
            return [ir.ExprStmt(node, self.expr(parts[0]))] if parts else []
        if kind in ("short_var_declaration", "assignment_statement"):
            return self.assignment(node)
        if kind in ("var_declaration", "const_declaration"):
            return self.declaration(node)
        if kind == "function_declaration":
            return [self.function(node)]
        if kind == "method_declaration":
            return [self.method(node)]
        if kind == "import_declaration":
            return [self.import_declaration(node)]
        if kind == "if_statement":
            return self.if_statement(node)
        if kind == "for_statement":
            return self.for_statement(node)
        if kind == "expression_switch_statement":
            return self.switch(node)
        if kind in ("type_switch_statement", "select_statement"):
            return self.branches(node)
        if kind == "return_statement":
            parts = _named(node)
            return [ir.Return(node, self.expr(parts[0]) if parts else None)]
        if kind in ("defer_statement", "go_statement"):
            return [ir.ExprStmt(node, ir.Opaque(node, tuple(self.expr(p) for p in _named(node))))]
        if kind in ("block", "statement_list", "ERROR"):
            return self.block(node)
        if kind == "labeled_statement":
            inner = [c for c in _named(node) if c.kind() != "label_name"]
            return [s for c in inner for s in self.stmt(c)]
        if kind in _JUMPS:
            return [ir.Other(node, terminates=True)]
        if kind in _SKIPPED:
            return [ir.Other(node)]
        if kind in ("inc_statement", "dec_statement", "send_statement"):
            return [ir.Other(node, tuple(self.expr(p) for p in _named(node)))]
        return [ir.ExprStmt(node, self.expr(node))]

    def assignment(self, node: SgNode) -> list[ir.Stmt]:
        left, right = node.field("left"), node.field("right")
        targets = _named(left) if left is not None else []
        values = _named(right) if right is not None else []
        op_node = node.field("operator")
        op = op_node.text() if op_node is not None else "="
        if op not in ("=", ":=") and len(targets) == 1 and len(values) == 1:
            return [ir.AugAssign(node, self.target(targets[0]), op[:-1], self.expr(values[0]))]
        named_literal = len(values) == 1 and values[0].kind() == "func_literal"
        if named_literal and len(targets) == 1 and targets[0].kind() == "identifier":
            return [self.function(values[0], targets[0].text())]  # `check := func(...) {...}`
        if len(targets) == len(values):
            return [
                ir.Assign(node, (self.target(t),), self.expr(v)) for t, v in zip(targets, values, strict=True)
            ]
        if len(values) == 1 and len(targets) > 1:
            return self.unpack(node, targets, values[0])
        return [ir.Other(node, tuple(self.expr(v) for v in values))]

    def unpack(self, node: SgNode, targets: list[SgNode], value: SgNode) -> list[ir.Stmt]:
        """`a, b := f()`; a trailing status (`ok`, `err`) of a call or lookup carries no input."""
        lowered = self.expr(value)
        status = (
            len(targets) == 2
            and targets[1].text() in _STATUS_NAMES
            and value.kind() in ("call_expression", "index_expression", "type_assertion_expression")
        )
        if status:
            # a helper of this file returns a tuple: its first item; a library call's value is kept
            # whole, with its name (`conn, err := sql.Open(...)` names a database handle)
            first: ir.Expr = self.target(targets[0])
            if self._local_call(value):
                first = ir.Unpack(node, (first, ir.Name(targets[1], "$status")))
            return [
                ir.Assign(node, (first,), lowered),
                ir.Assign(node, (self.target(targets[1]),), ir.Opaque(targets[1], ())),
            ]
        elts = tuple(self.target(t) for t in targets)
        return [ir.Assign(node, (ir.Unpack(node, elts),), lowered)]

    def _local_call(self, value: SgNode) -> bool:
        """A call of a function of this file, or of a method on the receiver."""
        func = value.field("function") if value.kind() == "call_expression" else None
        if func is None:
            return False
        if func.kind() == "identifier":
            return func.text() in self.functions_named
        operand = func.field("operand") if func.kind() == "selector_expression" else None
        return operand is not None and operand.kind() == "identifier" and operand.text() == self.receiver

    def declaration(self, node: SgNode) -> list[ir.Stmt]:
        out: list[ir.Stmt] = []
        for spec in _named(node):
            if spec.kind() in ("var_spec_list", "const_spec_list"):
                out.extend(self.declaration(spec))
                continue
            if spec.kind() not in ("var_spec", "const_spec"):
                continue
            names = [c for c in _named(spec) if c.kind() == "identifier"]
            value_node = spec.field("value")
            values = _named(value_node) if value_node is not None else []
            if not values:
                type_node = spec.field("type")
                zero = _ZERO.get(type_node.text()) if type_node is not None else None
                if zero is not None:
                    out.extend(ir.Assign(spec, (ir.Name(n, n.text()),), ir.Const(spec, zero)) for n in names)
                continue
            if len(values) == len(names):
                out.extend(
                    ir.Assign(spec, (ir.Name(n, n.text()),), self.expr(v))
                    for n, v in zip(names, values, strict=True)
                )
            elif len(values) == 1:
                out.extend(self.unpack(spec, names, values[0]))
        return out

    def import_declaration(self, node: SgNode) -> ir.Import:
        bindings: list[tuple[str, str]] = []
        for spec in node.find_all(kind="import_spec"):
            path_node = spec.field("path")
            if path_node is None:
                continue
            path = _string_text(path_node)
            alias = spec.field("name")
            local = alias.text() if alias is not None else _package_name(path)
            if local not in ("_", "."):
                bindings.append((local, path))
        return ir.Import(node, tuple(bindings), "", 0)

    def _initializer(self, node: SgNode) -> list[ir.Stmt]:
        init = node.field("initializer")
        return self.stmt(init) if init is not None else []

    def _condition(self, node: SgNode) -> ir.Expr:
        """The if's condition; `v, ok := m[k]; ok` tests whether `k` is a key of `m`."""
        condition = node.field("condition")
        init = node.field("initializer")
        if (
            condition is not None
            and init is not None
            and init.kind() == "short_var_declaration"
            and condition.kind() in ("identifier", "unary_expression")
        ):
            left, right = _named(init.field("left") or init), _named(init.field("right") or init)
            negated = condition.kind() == "unary_expression" and condition.text().startswith("!")
            flag = _named(condition)[0].text() if negated and _named(condition) else condition.text()
            if (
                len(left) == 2
                and len(right) == 1
                and left[1].text() == flag
                and right[0].kind() == "index_expression"
            ):
                lookup = right[0]
                test: ir.Expr = ir.Compare(
                    condition,
                    (self.expr(lookup.field("index")), self.expr(lookup.field("operand"))),
                    ("in",),
                )
                return ir.UnaryOp(condition, "not", test) if negated else test
        return self.expr(condition)

    def if_statement(self, node: SgNode) -> list[ir.Stmt]:
        """An if and its `else if` chain, lowered in a loop: a chain of any length nests no deeper."""
        out = self._initializer(node)
        result = ir.If(node, self._condition(node), self.block(node.field("consequence")))
        out.append(result)
        current, alternative = result, node.field("alternative")
        while alternative is not None:
            if alternative.kind() == "if_statement":
                link = alternative
                nested = ir.If(link, self._condition(link), self.block(link.field("consequence")))
                current.orelse = [*self._initializer(link), nested]
                current, alternative = nested, link.field("alternative")
                continue
            current.orelse = self.block(alternative)
            break
        return out

    def for_statement(self, node: SgNode) -> list[ir.Stmt]:
        body = self.block(node.field("body"))
        clause = next((c for c in _named(node) if c.kind() in ("for_clause", "range_clause")), None)
        if clause is not None and clause.kind() == "range_clause":
            left = clause.field("left")
            names = _named(left) if left is not None else []
            source = self.expr(clause.field("right"))
            if not names:
                return [ir.Loop(node, target=ir.Opaque(node), iter=source, body=body)]
            prologue: list[ir.Stmt] = []
            if len(names) > 1:  # `for k, v := range m`: v is an element, k a key or an index
                prologue.append(ir.Assign(node, (self.target(names[0]),), ir.Opaque(names[0], (source,))))
            element = self.target(names[-1])
            return [ir.Loop(node, target=element, iter=source, body=[*prologue, *body])]
        if clause is not None:
            init = clause.field("initializer")
            out = self.stmt(init) if init is not None else []
            update = clause.field("update")
            if update is not None:
                body.extend(self.stmt(update))
            condition = clause.field("condition")
            test = self.expr(condition) if condition is not None else ir.Opaque(node)
            out.append(ir.Loop(node, test=test, body=body))
            return out
        condition = next((c for c in _named(node) if c.kind() != "block"), None)
        test = self.expr(condition) if condition is not None else ir.Opaque(node)
        return [ir.Loop(node, test=test, body=body)]

    def switch(self, node: SgNode) -> list[ir.Stmt]:
        """Cases as an if/else-if chain of equality tests, `default` last (no fall-through)."""
        out = self._initializer(node)
        value_node = node.field("value")
        subject = self.expr(value_node) if value_node is not None else None
        chain: list[tuple[ir.Expr, list[ir.Stmt], SgNode]] = []
        default: list[ir.Stmt] = []
        for case in _named(node):
            if case.kind() == "default_case":
                default = [s for part in _named(case) for s in self.stmt(part)]
            elif case.kind() == "expression_case":
                values_node = case.field("value")
                values = _named(values_node) if values_node is not None else []
                body = [s for part in _named(case) if part != values_node for s in self.stmt(part)]
                tests = [
                    ir.Compare(v, (subject, self.expr(v)), ("==",)) if subject is not None else self.expr(v)
                    for v in values
                ]
                test = tests[0] if len(tests) == 1 else ir.BoolOp(case, "or", tuple(tests))
                chain.append((test, body, case))
        if subject is not None:
            out.append(ir.ExprStmt(node, subject))
        orelse = default
        for test, body, case in reversed(chain):
            orelse = [ir.If(case, test, body, orelse)]
        out.extend(orelse)
        return out

    def branches(self, node: SgNode) -> list[ir.Stmt]:
        """Type switches and selects: any one case may run."""
        out: list[ir.Stmt] = []
        alias, value = node.field("alias"), node.field("value")
        if value is not None:
            subject = self.expr(value)
            names = _named(alias) if alias is not None else []
            out.append(
                ir.Assign(node, (self.target(names[0]),), subject) if names else ir.ExprStmt(node, subject)
            )
        cases: list[ir.Stmt] = []
        for case in _named(node):
            if case.kind() in ("type_case", "default_case", "communication_case"):
                stmts = [s for part in _named(case) for s in self.stmt(part)]
                cases.append(ir.If(case, ir.Opaque(case), stmts, []))
        out.append(ir.If(node, ir.Const(node, True), cases, []))
        return out

    # ------------------------------------------------------------------ functions

    def function(self, node: SgNode, name: str | None = None) -> ir.FunctionDef:
        name_node = node.field("name")
        if name is None:
            name = name_node.text() if name_node is not None else f"<func@{node.range().start.line + 1}>"
        return self._define(node, name, self.parameters(node.field("parameters")), False, ())

    def method(self, node: SgNode) -> ir.FunctionDef:
        receiver = node.field("receiver")
        declared = [p for p in _named(receiver) if p.kind() == "parameter_declaration"] if receiver else []
        owner, receiver_name = "", None
        if declared:
            type_node = declared[0].field("type")
            owner = type_node.text().lstrip("*").split("[", 1)[0] if type_node is not None else ""
            names = [c for c in _named(declared[0]) if c.kind() == "identifier"]
            receiver_name = names[0].text() if names else None
        name_node = node.field("name")
        label = f"{owner}.{name_node.text() if name_node is not None else ''}"
        params = (ir.Param("this"), *self.parameters(node.field("parameters")))
        outer, self.receiver = self.receiver, receiver_name
        try:
            return self._define(node, label, params, True, (owner,) if owner else ())
        finally:
            self.receiver = outer

    def _define(
        self, node: SgNode, name: str, params: tuple[ir.Param, ...], is_method: bool, bases: tuple[str, ...]
    ) -> ir.FunctionDef:
        self._function_depth += 1
        outer_literals, self._literals = self._literals, []
        outer_receiver = self.receiver
        if not is_method and node.kind() != "func_literal":
            self.receiver = None
        try:
            body = self.block(node.field("body"))
        finally:
            self._literals = outer_literals
            self._function_depth -= 1
            self.receiver = outer_receiver
        func = ir.FunctionDef(node, name, params, body, (), is_method, bases)
        self.functions.append(func)
        if node.kind() == "func_literal":
            self._literals.append(func)
        return func

    def parameters(self, node: SgNode | None) -> tuple[ir.Param, ...]:
        params: list[ir.Param] = []
        for decl in _named(node) if node is not None else ():
            if decl.kind() not in ("parameter_declaration", "variadic_parameter_declaration"):
                continue
            annotation = self._type_name(decl.field("type"))
            star = "*" if decl.kind() == "variadic_parameter_declaration" else ""
            names = [c for c in _named(decl) if c.kind() == "identifier"]
            if not names:  # an unnamed parameter still takes its argument's position
                params.append(ir.Param(f"$arg{len(params)}", None, annotation, star))
            for n in names:
                label = n.text() if n.text() != "_" else f"$arg{len(params)}"
                params.append(ir.Param(label, None, annotation, star))
        return tuple(params)

    def _type_name(self, node: SgNode | None) -> str:
        """A parameter's type as written, a package's name replaced by its import path
        (`*sql.DB` -> "*database/sql.DB"), so the catalog can name types whatever the alias."""
        if node is None:
            return ""
        stars = ""
        while node.kind() == "pointer_type" and _named(node):
            stars += "*"
            node = _named(node)[0]
        if node.kind() == "qualified_type":
            package, name = node.field("package"), node.field("name")
            path = self.imports.get(package.text()) if package is not None else None
            if path is not None and name is not None:
                return f"{stars}{path}.{name.text()}"
        if node.kind() == "type_identifier" and self.package and node.text() not in _BUILTIN_TYPES:
            return f"{stars}{self.package}.{node.text()}"  # a type of this package: `echo.Context`
        return stars + node.text()


class GoAdapter(LanguageAdapter):
    languages = ("go",)
    catalog_file = "catalog_go.yaml"
    # a Go import names a package (a folder), not a file: no sibling-file summaries
    module_suffixes = ()
    lowering = _Lowering


register(GoAdapter())
