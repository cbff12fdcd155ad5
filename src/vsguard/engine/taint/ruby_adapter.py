"""Ruby adapter: tree-sitter-ruby lowered to the taint IR.

Ruby specifics the IR has no direct form for are expressed with IR it does have:
- a bare name that the method has not bound (by assignment, parameter or block parameter) is a
  call without arguments, as Ruby reads it: `params.require(:x)` is `params().require(:x)`, and a
  helper named bare is a helper call; inside a class, a bare call of one of the class's methods is
  a call on `self`, so the helper's summary is used; `params[:id]` (or `cookies[...]`) with a
  literal key is the path `params().[id]`, so a check of it holds for later reads of that key;
- every attribute read `a.b` is a method call `a.b()`; `a.b = v` also calls the setter `a.b=(v)`;
- methods take `self` as a leading parameter; constants (`File`, `Net::HTTP`) are names, so a call
  resolves to `Net::HTTP.get`;
- backticks and `%x()` are calls of a function named `` ` `` (Ruby's `Kernel#``); `raise` is a
  raise; `x << y` appends;
- a block given to a call inside a method (`items.each do |i| ... end`) runs inline as a loop
  over the receiver with the block parameters bound to its elements; at the top level or in a
  class body (Sinatra's `get "/" do ... end`) a block is a function of its own;
- `case`/`when` is an if/elsif chain of membership tests of the subject in the `when` values;
- a class body's own statements (constants, `class_eval`, routes) run with the top-level code;
- heredoc bodies, which the grammar places after the statement that opens them, are read at
  their `<<~TAG` opener.
"""

from __future__ import annotations

from ast_grep_py import SgNode

from vsguard.engine.taint import ir
from vsguard.engine.taint.adapter import LanguageAdapter, bounded, register, unknown_statement, without_exits
from vsguard.engine.taint.ruby_expressions import ExpressionLowering, Scope, named

_BODIES = frozenset(
    {"program", "body_statement", "then", "else", "do", "block_body", "ensure", "begin_block", "ERROR"}
)
_CLASS_KINDS = frozenset({"class", "module", "singleton_class"})
_JUMPS = frozenset({"next", "break", "redo", "retry"})
_MODIFIERS = {"if_modifier": False, "unless_modifier": True}
_LOOP_MODIFIERS = {"while_modifier": False, "until_modifier": True}
_RAISES = frozenset({"raise", "fail"})
_SKIPPED = frozenset({"comment", "empty_statement", "heredoc_body", "uninterpreted", "alias", "undef"})


class _Lowering(ExpressionLowering):
    def __init__(self) -> None:
        super().__init__()
        self.scope = Scope()
        self.heredocs = {}
        self._function_depth = 0
        self._owner: tuple[str, tuple[str, ...]] | None = None
        #: blocks met while lowering the current statement, run inline after it
        self._pending: list[ir.Stmt] = []

    def module(self, root: SgNode) -> ir.Module:
        openers = root.find_all(kind="heredoc_beginning")
        bodies = root.find_all(kind="heredoc_body")
        for opener, body in zip(openers, bodies, strict=False):
            self.heredocs[(opener.range().start.line, opener.range().start.column)] = body
        return super().module(root)

    # ------------------------------------------------------------------ statements

    def lower_block(self, node: SgNode | None) -> list[ir.Stmt]:
        if node is None:
            return []
        if node.kind() not in _BODIES and node.kind() != "begin":
            return self.stmt(node)
        children = [c for c in named(node) if c.kind() not in _SKIPPED]
        handlers = [c for c in children if c.kind() in ("rescue", "ensure")]
        if node.kind() != "begin" and not handlers:
            return [s for c in children for s in self.stmt(c)]
        return [self.begin(node, children)]

    def begin(self, node: SgNode, children: list[SgNode]) -> ir.Try:
        """`begin ... rescue => e ... else ... ensure ... end` (also a method body with `rescue`)."""
        result = ir.Try(node)
        for child in children:
            kind = child.kind()
            if kind == "rescue":
                variable = child.field("variable")
                name = None
                if variable is not None and named(variable):
                    name = named(variable)[0].text()
                    self.scope.locals.add(name)
                result.handlers.append(ir.Handler(name, self.block(child.field("body"))))
            elif kind == "else" and result.handlers:
                result.orelse = self.block(child)
            elif kind == "ensure":
                result.final = self.block(child)
            else:
                result.body.extend(self.stmt(child))
        return result

    @bounded(unknown_statement)
    def stmt(self, node: SgNode) -> list[ir.Stmt]:
        """One statement; the blocks of calls in it then run inline (see `block_call`)."""
        outer, self._pending = self._pending, []
        try:
            return [*self._stmt(node), *self._pending]
        finally:
            self._pending = outer

    def _stmt(self, node: SgNode) -> list[ir.Stmt]:
        kind = node.kind()
        if kind in _SKIPPED:
            return []
        if kind in ("method", "singleton_method"):
            return [self.method(node)]
        if kind in _CLASS_KINDS:
            return self.class_definition(node)
        if kind == "assignment":
            return self.assignment(node)
        if kind == "operator_assignment":
            return self.operator_assignment(node)
        if kind in ("if", "unless", "elsif"):
            return [self.if_statement(node)]
        if kind in _MODIFIERS:
            test = self.expr(node.field("condition"))
            if _MODIFIERS[kind]:
                test = ir.UnaryOp(node, "not", test)
            return [ir.If(node, test, self.block(node.field("body")), [])]
        if kind in ("while", "until") or kind in _LOOP_MODIFIERS:
            test = self.expr(node.field("condition"))
            if kind in ("until", "until_modifier"):
                test = ir.UnaryOp(node, "not", test)
            return [ir.Loop(node, test=test, body=self.block(node.field("body")))]
        if kind == "for":
            value = node.field("value")
            iterable = named(value)[0] if value is not None and named(value) else value
            target = self.target(node.field("pattern"))
            return [
                ir.Loop(node, target=target, iter=self.expr(iterable), body=self.block(node.field("body")))
            ]
        if kind == "case":
            return [self.case(node)]
        if kind == "begin":
            return self.block(node)
        if kind == "rescue_modifier":
            body, handler = node.field("body"), node.field("handler")
            return [
                ir.Try(
                    node,
                    self.stmt(body) if body is not None else [],
                    [ir.Handler(None, self.stmt(handler) if handler is not None else [])],
                )
            ]
        if kind == "return":
            return [ir.Return(node, self._operand(node))]
        if kind in _JUMPS:
            jump = self._operand(node)
            return [ir.Other(node, (jump,) if jump is not None else (), terminates=True)]
        if kind == "call" and node.field("receiver") is None:
            method = node.field("method")
            name = method.text() if method is not None else ""
            if name in _RAISES and name not in self.scope.methods:
                return [
                    ir.Raise(
                        node,
                        self._operand(node.field("arguments"))
                        if node.field("arguments") is not None
                        else None,
                    )
                ]
            if name in (
                "require",
                "require_relative",
                "load",
                "include",
                "extend",
                "attr_accessor",
                "attr_reader",
            ):
                return [ir.Other(node)]
        if kind == "binary" and (op := node.field("operator")) is not None and op.text() == "<<":
            left = node.field("left")
            if left is not None and (left.kind() == "instance_variable" or left.text() in self.scope.locals):
                # `sql << "AND x = #{v}"` appends to the string (or array) it names
                return [ir.AugAssign(node, self.target(left), "+", self.expr(node.field("right")))]
        if kind in ("parenthesized_statements", "ERROR"):
            return [s for c in named(node) for s in self.stmt(c)]
        return [ir.ExprStmt(node, self.expr(node))]

    def _operand(self, node: SgNode | None) -> ir.Expr | None:
        """The value of `return x` / `next x` / `raise X, "m"` (several values: an array)."""
        if node is None:
            return None
        parts = named(node)
        if len(parts) == 1 and parts[0].kind() == "argument_list":
            parts = named(parts[0])
        if not parts:
            return None
        if len(parts) == 1:
            return self.expr(parts[0])
        return ir.Seq(node, "list", tuple(self.expr(p) for p in parts))

    def assignment(self, node: SgNode) -> list[ir.Stmt]:
        targets: list[SgNode] = []
        current: SgNode | None = node
        while current is not None and current.kind() == "assignment":
            left = current.field("left")
            if left is not None:
                targets.append(left)
            current = current.field("right")
        if current is not None and current.kind() == "right_assignment_list":
            value: ir.Expr = ir.Seq(current, "list", tuple(self.element(p) for p in named(current)))
        else:
            value = self.expr(current)
        lowered = [self.target(t) for t in targets]
        # a store `h[k] = v` is reported at the whole assignment, where a fix edits the value
        lowered = [ir.Index(node, t.obj, t.key) if isinstance(t, ir.Index) else t for t in lowered]
        out: list[ir.Stmt] = [ir.Assign(node, tuple(lowered), value)]
        for t in targets:
            receiver = t.field("receiver") if t.kind() == "call" else None
            method = t.field("method")
            if receiver is not None and method is not None:  # `obj.attr = v` calls the setter `attr=`
                setter = ir.Attr(t, self.expr(receiver), f"{method.text()}=")
                out.append(ir.ExprStmt(node, ir.Call(node, setter, (value,))))
        return out

    def operator_assignment(self, node: SgNode) -> list[ir.Stmt]:
        left, right = node.field("left"), node.field("right")
        op = node.field("operator")
        text = op.text() if op is not None else "+="
        value = self.expr(right)
        if text in ("||=", "&&="):
            bound = left is not None and (left.kind() != "identifier" or left.text() in self.scope.locals)
            current = self.expr(left) if bound else ir.Const(node, None)
            combined = ir.BoolOp(node, "or" if text == "||=" else "and", (current, value))
            return [ir.Assign(node, (self.target(left),), combined)]
        binop = text[:-1] or "+"
        return [ir.AugAssign(node, self.target(left), "+" if binop == "<<" else binop, value)]

    def if_statement(self, node: SgNode) -> ir.If:
        """An if/unless and its elsif chain, lowered in a loop: a long chain nests no deeper."""
        result = self._branch(node)
        current, alternative = result, node.field("alternative")
        while alternative is not None:
            if alternative.kind() == "elsif":
                nested = self._branch(alternative)
                current.orelse = [nested]
                current, alternative = nested, alternative.field("alternative")
                continue
            current.orelse = self.block(alternative)
            break
        return result

    def _branch(self, node: SgNode) -> ir.If:
        test = self.expr(node.field("condition"))
        if node.kind() == "unless":
            test = ir.UnaryOp(node, "not", test)
        return ir.If(node, test, self.block(node.field("consequence")), [])

    def case(self, node: SgNode) -> ir.Stmt:
        """`case x when "a", "b" ... else ... end` as `if x in ["a", "b"] ... elsif ... else ...`."""
        subject_node = node.field("value")
        subject = self.expr(subject_node) if subject_node is not None else None
        head: ir.If | None = None
        current: ir.If | None = None
        orelse: list[ir.Stmt] = []
        for clause in named(node):
            if clause.kind() == "else":
                orelse = self.block(clause)
                continue
            if clause.kind() not in ("when", "in_clause"):
                continue
            values = [
                self.expr(named(p)[0] if named(p) else p) for p in named(clause) if p.kind() == "pattern"
            ]
            if subject is not None and values and clause.kind() == "when":
                test: ir.Expr = ir.Compare(clause, (subject, ir.Seq(clause, "list", tuple(values))), ("in",))
            else:
                test = ir.Opaque(clause, tuple(values))
            branch = ir.If(clause, test, self.block(clause.field("body")), [])
            if current is None:
                head = branch
            else:
                current.orelse = [branch]
            current = branch
        if head is None or current is None:
            return ir.Other(node, (subject,) if subject is not None else ())
        current.orelse = orelse
        return head

    # ------------------------------------------------------------------ blocks, methods, classes

    def block_call(self, node: SgNode, call: ir.Call, block: SgNode) -> ir.Expr:
        """A call with a block. Inside a method the block runs inline, as a loop over the receiver
        with the block parameters bound to its elements (`each`, `map`, `File.open { |f| }`);
        elsewhere it is a function of its own (a Sinatra route, a Rails `scope`)."""
        if self._function_depth == 0:
            # the call it is given to stands as its decorator: `get "/x/:id" do |id|` is a route
            func = self.function(
                block, self._block_name(block), block.field("parameters"), block.field("body")
            )
            func.decorators = (call.func,) if call.func is not None else ()
            return call
        params = block.field("parameters")
        names = named(params) if params is not None else []
        target: ir.Expr | None = None
        if names:
            targets = tuple(self.target(p.field("name") or p) for p in names)
            target = targets[0] if len(targets) == 1 else ir.Unpack(block, targets)
        body = self.block(block.field("body"))
        receiver = call.func.obj if isinstance(call.func, ir.Attr) else None
        iterable = receiver if receiver is not None else ir.Opaque(block, call.args)
        self._pending.append(
            ir.Loop(block, target=target or ir.Name(block, "$block"), iter=iterable, body=without_exits(body))
        )
        return call

    def _block_name(self, block: SgNode) -> str:
        return f"<block@{block.range().start.line + 1}>"

    def lambda_function(self, node: SgNode) -> ir.Expr:
        self.function(
            node, f"<lambda@{node.range().start.line + 1}>", node.field("parameters"), node.field("body")
        )
        return ir.Opaque(node)

    def method(self, node: SgNode) -> ir.FunctionDef:
        name_node = node.field("name")
        name = name_node.text() if name_node is not None else "<method>"
        owner = self._owner
        is_method = owner is not None
        label = f"{owner[0]}.{name}" if owner is not None else name
        return self.function(
            node, label, node.field("parameters"), node.field("body"), is_method, owner[1] if owner else ()
        )

    def function(
        self,
        node: SgNode,
        name: str,
        params_node: SgNode | None,
        body_node: SgNode | None,
        is_method: bool = False,
        bases: tuple[str, ...] = (),
    ) -> ir.FunctionDef:
        outer_scope, outer_pending = self.scope, self._pending
        self.scope = Scope(outer_scope.methods)
        if self._function_depth > 0 or node.kind() in ("do_block", "block", "lambda"):
            self.scope.locals |= outer_scope.locals  # a block sees the names around it
        self._pending = []
        self._function_depth += 1
        try:
            params = self.parameters(params_node)
            if is_method:  # the receiver as a leading parameter, as the core expects of methods
                params = (ir.Param("self"), *params)
            if body_node is not None and body_node.kind() in ("block", "do_block"):
                body_node = body_node.field("body")  # a lambda's `{ ... }` / `do ... end`
            body = _implicit_return(self.block(body_node))
        finally:
            self._function_depth -= 1
            self.scope, self._pending = outer_scope, outer_pending
        func = ir.FunctionDef(node, name, params, body, (), is_method, bases)
        self.functions.append(func)
        return func

    def parameters(self, node: SgNode | None) -> tuple[ir.Param, ...]:
        out: list[ir.Param] = []
        for p in named(node) if node is not None else ():
            kind = p.kind()
            name_node = p if kind == "identifier" else p.field("name")
            if name_node is None:
                continue
            name = name_node.text()
            self.scope.locals.add(name)
            value = p.field("value")
            default = self.expr(value) if value is not None else None
            if kind == "splat_parameter":
                out.append(ir.Param(name, star="*"))
            elif kind == "hash_splat_parameter":
                out.append(ir.Param(name, star="**"))
            elif kind == "block_parameter":
                continue
            else:
                out.append(ir.Param(name, default))
        return tuple(out)

    def class_definition(self, node: SgNode) -> list[ir.Stmt]:
        """The class, then its body's own statements: a class body runs when the file loads
        (constants, `class_eval`, Sinatra routes), so they run with the file's top-level code."""
        name_node = node.field("name")
        name = name_node.text() if name_node is not None else ""
        superclass = node.field("superclass")
        bases = tuple(
            named(superclass)[0].text() for _ in (0,) if superclass is not None and named(superclass)
        )
        body_node = node.field("body")
        methods = frozenset(
            m.field("name").text()  # type: ignore[union-attr]
            for m in (named(body_node) if body_node is not None else ())
            if m.kind() in ("method", "singleton_method") and m.field("name") is not None
        )
        outer_owner, outer_scope = self._owner, self.scope
        self._owner = (name, bases)
        self.scope = Scope(methods | outer_scope.methods)
        try:
            body = self.block(body_node)
        finally:
            self._owner, self.scope = outer_owner, outer_scope
        defs: list[ir.Stmt] = [s for s in body if isinstance(s, ir.FunctionDef | ir.ClassDef)]
        rest = [s for s in body if not isinstance(s, ir.FunctionDef | ir.ClassDef)]
        return [ir.ClassDef(node, name, tuple(ir.Name(node, b) for b in bases), defs), *rest]


def _implicit_return(body: list[ir.Stmt]) -> list[ir.Stmt]:
    """A method returns the value of its last expression: that statement becomes a `return`."""
    if not body:
        return body
    last = body[-1]
    if isinstance(last, ir.ExprStmt):
        body[-1] = ir.Return(last.node, last.value)
    elif isinstance(last, ir.Assign) and len(last.targets) == 1 and isinstance(last.targets[0], ir.Name):
        body.append(ir.Return(last.node, last.targets[0]))
    elif isinstance(last, ir.If):
        last.body = _implicit_return(last.body)
        last.orelse = _implicit_return(last.orelse)
    elif isinstance(last, ir.Try) and not last.final:
        if last.orelse:
            last.orelse = _implicit_return(last.orelse)
        else:
            last.body = _implicit_return(last.body)
        for handler in last.handlers:
            handler.body = _implicit_return(handler.body)
    return body


class RubyAdapter(LanguageAdapter):
    languages = ("ruby",)
    catalog_file = "catalog_ruby.yaml"
    module_suffixes = (".rb",)
    lowering = _Lowering


register(RubyAdapter())
