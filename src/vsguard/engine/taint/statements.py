"""Statements: the transfer functions of assignments, branches, loops, try and match."""

from __future__ import annotations

import time

from vsguard.engine.taint import ir
from vsguard.engine.taint.folding import (
    truthy,
)
from vsguard.engine.taint.state import AnalysisBase, Env, Frame, OutOfTime
from vsguard.engine.taint.support import (
    _condition_reads,
    _joined,
    _merge_into,
    _path,
    _step,
)
from vsguard.engine.taint.values import (
    EMPTY,
    NO_CONST,
    Step,
    Value,
    const,
    join_all,
    through,
    unknown,
)


class Statements(AnalysisBase):
    def exec_block(self, body: list[ir.Stmt], env: Env, frame: Frame) -> bool:
        """Run statements in order, updating `env`; True when the block cannot fall through."""
        deadline = self.deadline
        for stmt in body:
            if deadline is not None and time.monotonic() > deadline:
                raise OutOfTime("time limit reached")
            if self.exec_stmt(stmt, env, frame):
                return True
        return False

    def exec_stmt(self, stmt: ir.Stmt, env: Env, frame: Frame) -> bool:
        if isinstance(stmt, ir.Assign):
            value = self.eval(stmt.value, env, frame)
            step = _step(stmt.node) if value.taints else None
            for target in stmt.targets:
                self.assign(target, value, env, frame, step)
                if isinstance(target, ir.Name):
                    self._remember_guard(target.id, stmt.value, env, frame)
            return False
        if isinstance(stmt, ir.ExprStmt):
            frame.terminated_by_call = False
            self.eval(stmt.value, env, frame)
            ended = frame.terminated_by_call
            frame.terminated_by_call = False
            return ended
        if isinstance(stmt, ir.AugAssign):
            current = self.eval(stmt.target, env, frame)
            value = self.eval(stmt.value, env, frame)
            combined = self._binop(stmt.op, current, value, stmt.node)
            self.assign(stmt.target, combined, env, frame, _step(stmt.node) if combined.taints else None)
            return False
        if isinstance(stmt, ir.If):
            return self._exec_if(stmt, env, frame)
        if isinstance(stmt, ir.Return):
            value = self.eval(stmt.value, env, frame) if stmt.value is not None else const(None)
            frame.returns.append(value)
            if frame.html_route and frame.report:
                self._check_return(stmt, value, frame)
            return True
        if isinstance(stmt, ir.Loop):
            self._exec_loop(stmt, env, frame)
            return False
        if isinstance(stmt, ir.Try):
            return self._exec_try(stmt, env, frame)
        if isinstance(stmt, ir.With):
            for expr, as_target in stmt.items:
                value = self.eval(expr, env, frame)
                if as_target is not None:
                    self.assign(as_target, value, env, frame, _step(stmt.node) if value.taints else None)
            return self.exec_block(stmt.body, env, frame)
        if isinstance(stmt, ir.Raise):
            if stmt.value is not None:
                self.eval(stmt.value, env, frame)
            return True
        if isinstance(stmt, ir.Import):
            for local, qualified in stmt.bindings:
                env[local] = Value(qual=qualified)
                self._import_targets.add(qualified)
            return False
        if isinstance(stmt, ir.FunctionDef | ir.ClassDef):
            env[stmt.name] = Value(qual=stmt.name)
            return False
        if isinstance(stmt, ir.Assert):
            if stmt.test is not None:
                self.eval(stmt.test, env, frame)
                self.refine(stmt.test, True, env, frame)
            return False
        if isinstance(stmt, ir.Match):
            return self._exec_match(stmt, env, frame)
        if isinstance(stmt, ir.Other):
            for expr in stmt.exprs:
                self.eval(expr, env, frame)
            return stmt.terminates
        return False

    def _exec_if(self, stmt: ir.If, env: Env, frame: Frame) -> bool:
        """An if and its else-if chain, walked in a loop (a chain of any length costs no recursion):
        each undecided test splits off the branch it guards, a decided one picks its side."""
        branches: list[tuple[Env, bool]] = []
        current, here = stmt, env
        while True:
            test = self.eval(current.test, here, frame)
            if test.is_const and truthy(test.const):
                branches.append((here, self.exec_block(current.body, here, frame)))
                break
            if not test.is_const:
                env_true, here = self._split(current.test, here, frame)
                branches.append((env_true, self.exec_block(current.body, env_true, frame)))
            orelse = current.orelse
            if len(orelse) == 1 and isinstance(orelse[0], ir.If):
                current = orelse[0]
                continue
            branches.append((here, self.exec_block(orelse, here, frame)))
            break
        if len(branches) == 1 and branches[0][0] is env:
            return branches[0][1]  # decided at analysis time: `env` was updated in place
        return _merge_into(env, branches)

    def _split(self, test: ir.Expr | None, env: Env, frame: Frame) -> tuple[Env, Env]:
        """Copies of `env` for a condition not decided at analysis time: refined by it holding, and not.

        Attribute paths the test reads are recorded first: a check may refine one in a branch
        (`if (ok(req.query.x))`), and after the branches join, the other branch must still hold
        the unrefined value, not a missing entry the join would fill from the refined one."""
        for path, expr in _attribute_reads(test):
            if path not in env:
                env[path] = self.eval(expr, env, Frame(report=False))
        env_true, env_false = dict(env), dict(env)
        self.refine(test, True, env_true, frame)
        self.refine(test, False, env_false, frame)
        return env_true, env_false

    def _exec_loop(self, stmt: ir.Loop, env: Env, frame: Frame) -> None:
        if stmt.test is not None:
            test = self.eval(stmt.test, env, frame)
            if test.is_const and not truthy(test.const):
                self.exec_block(stmt.orelse, env, frame)
                return
        element = self._element(self.eval(stmt.iter, env, frame)) if stmt.iter is not None else None
        state = dict(env)
        # A second pass sees values carried around the loop once; it is skipped when the first
        # changed nothing, and inner loops get one pass (nested passes would multiply).
        passes = 2 if frame.loop_depth == 0 else 1
        frame.loop_depth += 1
        try:
            for _ in range(passes):
                body_env = dict(state)
                if element is not None and stmt.target is not None:
                    self.assign(
                        stmt.target, element, body_env, frame, _step(stmt.node) if element.taints else None
                    )
                if stmt.test is not None:
                    self.refine(stmt.test, True, body_env, frame)
                self.exec_block(stmt.body, body_env, frame)
                joined = _joined(state, body_env)
                settled = all(state.get(k) is v or state.get(k) == v for k, v in joined.items())
                state = joined
                if settled:
                    break
        finally:
            frame.loop_depth -= 1
        self.exec_block(stmt.orelse, state, frame)
        env.clear()
        env.update(state)

    def _exec_try(self, stmt: ir.Try, env: Env, frame: Frame) -> bool:
        before = dict(env)
        ended_body = self.exec_block(stmt.body, env, frame)
        branches: list[tuple[Env, bool]] = []
        if stmt.orelse and not ended_body:
            ended_body = self.exec_block(stmt.orelse, env, frame)
        branches.append((env.copy(), ended_body))
        for handler in stmt.handlers:
            handler_env = _joined(before, env)
            if handler.name:
                handler_env[handler.name] = unknown("exception")
            branches.append((handler_env, self.exec_block(handler.body, handler_env, frame)))
        ended = _merge_into(env, branches)
        if stmt.final:
            ended = self.exec_block(stmt.final, env, frame) or ended
        return ended

    def _exec_match(self, stmt: ir.Match, env: Env, frame: Frame) -> bool:
        subject = self.eval(stmt.subject, env, frame)
        branches: list[tuple[Env, bool]] = []
        exhaustive = False
        for case in stmt.cases:
            if case.literal is not None and subject.is_const:
                literal = self.eval(case.literal, env, frame)
                if literal.is_const and literal.const != subject.const:
                    continue
            case_env = dict(env)
            for name in case.captures:
                case_env[name] = (
                    subject.with_taints(subject.taints) if not subject.elems else subject.evolve(elems=None)
                )
            if case.guard is not None:
                self.eval(case.guard, case_env, frame)
                self.refine(case.guard, True, case_env, frame)
            branches.append((case_env, self.exec_block(case.body, case_env, frame)))
            if case.irrefutable or (case.literal is not None and subject.is_const):
                exhaustive = True
                break
        if not exhaustive:
            branches.append((dict(env), False))
        return _merge_into(env, branches)

    def assign(self, target: ir.Expr | None, value: Value, env: Env, frame: Frame, step: Step | None) -> None:
        stepped = value.with_taints(through(value.taints, step)) if value.taints else value
        if isinstance(target, ir.Name):
            env[target.id] = stepped
        elif isinstance(target, ir.Attr):
            path = _path(target)
            if path:
                env[path] = stepped
            else:
                self.eval(target.obj, env, frame)
        elif isinstance(target, ir.Index):
            self._store_item(target, stepped, env, frame)
        elif isinstance(target, ir.Unpack):
            self._unpack(target, stepped, env, frame, step)
        else:
            self.eval(target, env, frame)

    def _unpack(self, target: ir.Unpack, value: Value, env: Env, frame: Frame, step: Step | None) -> None:
        count = len(target.elts)
        for i, elt in enumerate(target.elts):
            part: Value | None = None
            if target.starred < 0 and value.elems is not None:
                part = value.elem(i)
            if part is None:
                part = Value(taints=value.taints) if value.taints or not value.is_const else EMPTY
                if value.elems is not None and target.starred < 0 and count:
                    part = join_all([v for _, v in value.elems]) if value.elems else EMPTY
            self.assign(elt, part, env, frame, step)

    def _store_item(self, target: ir.Index, value: Value, env: Env, frame: Frame) -> None:
        container = self.eval(target.obj, env, frame)
        key = self.eval(target.key, env, frame)
        if (frame.report or frame.param_sinks is not None) and container.qual:
            for spec, sink in self._stores_for(container.qual):
                self._check_value(spec, sink, value, target.node, frame)
        path = _path(target.obj) if target.obj is not None else None
        if not path:
            return
        elems = list(container.elems or ())
        if key.is_const:
            elems = [(k, v) for k, v in elems if not (k == key.const and type(k) is type(key.const))]
            elems.append((key.const, value))
            new_elems: tuple[tuple[object, Value], ...] | None = tuple(elems)
        else:
            new_elems = None
        env[path] = container.evolve(
            taints=container.with_taints(container.taints | value.taints).taints,
            elems=new_elems,
            const=NO_CONST,
            shape="container",
        )


def _attribute_reads(test: ir.Expr | None) -> list[tuple[str, ir.Expr]]:
    """The dotted paths (`a.b.c`) a condition reads directly, with their expressions."""
    return [(path, node) for path, node in _condition_reads(test) if isinstance(node, ir.Attr)]
