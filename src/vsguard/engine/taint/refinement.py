"""Refinement: what a branch condition proves about the values it tested (guards and validators)."""

from __future__ import annotations

from vsguard.engine.taint import ir
from vsguard.engine.taint.state import AnalysisBase, Env, Frame
from vsguard.engine.taint.support import (
    _URL_CLASSES,
    _path,
    _paths_in,
    _prefix_safe,
    _restrictive,
    _text,
)
from vsguard.engine.taint.values import (
    ALL_CLASSES,
    MAX_PREFIX,
    NO_CONST,
    clear,
    join_all,
)


class Refinement(AnalysisBase):
    def _remember_guard(self, name: str, expr: ir.Expr | None, env: Env, frame: Frame) -> None:
        frame.guards.pop(name, None)
        if isinstance(expr, ir.Call | ir.Compare | ir.BoolOp | ir.UnaryOp):
            paths = _paths_in(expr)
            if name in paths:
                return  # `ok = ok and check(x)`: accumulates, does not guard by itself
            looked_at = {p: env[p] for p in paths if p in env}
            if looked_at:
                frame.guards[name] = (expr, looked_at)

    def refine(self, test: ir.Expr | None, truth: bool, env: Env, frame: Frame) -> None:
        if test is None:
            return
        if isinstance(test, ir.Name) and test.id in frame.guards:
            check, looked_at = frame.guards.pop(test.id)  # popped while in use: no cycles
            try:
                if all(env.get(p) is v for p, v in looked_at.items()):  # nothing changed since
                    self.refine(check, truth, env, frame)
            finally:
                frame.guards[test.id] = (check, looked_at)
            return
        if isinstance(test, ir.UnaryOp) and test.op == "not":
            self.refine(test.operand, not truth, env, frame)
            return
        if isinstance(test, ir.BoolOp):
            if (test.op == "and" and truth) or (test.op == "or" and not truth):
                for value in test.values:
                    self.refine(value, truth, env, frame)
            else:
                self._refine_either(test.values, truth, env, frame)
            return
        if isinstance(test, ir.Compare) and len(test.ops) == 1:
            left, right = test.operands
            op = test.ops[0]
            if op in ("in", "not in") and (op == "in") == truth:
                container = self.eval(right, env, frame)
                if not container.taints and (container.elems is not None or container.is_const):
                    self._clear_target(left, frozenset({ALL_CLASSES}), env)
                    self._clear_parsed_url(left, env)
            elif op in ("==", "!=") and (op == "==") == truth:
                lv, rv = self.eval(left, env, frame), self.eval(right, env, frame)
                if rv.is_const and _path(left):
                    env[_path(left) or ""] = rv
                    self._clear_parsed_url(left, env)
                elif lv.is_const and _path(right):
                    env[_path(right) or ""] = lv
                    self._clear_parsed_url(right, env)
            return
        if (
            isinstance(test, ir.Call)
            and isinstance(test.func, ir.Attr)
            and test.func.attr in self.catalog.library.prefix_checks
        ):
            self._refine_prefix(test, truth, env, frame)
        if isinstance(test, ir.Call) and truth:
            self._refine_call(test, env, frame)
        elif not truth and _path(test):
            self._clear_target(test, frozenset({ALL_CLASSES}), env)  # falsy: empty, zero or None

    def _refine_either(self, tests: tuple[ir.Expr, ...], truth: bool, env: Env, frame: Frame) -> None:
        """`a and b` is false when either part is (`a or b` true when either is): afterwards only
        what every alternative proves holds, e.g. `x and not is_safe(x)` false: x empty or safe."""
        branches: list[Env] = []
        for test in tests:
            branch = dict(env)
            self.refine(test, truth, branch, frame)
            branches.append(branch)
        changed = {k for b in branches for k, v in b.items() if env.get(k) is not v}
        for key in changed:
            if all(key in b for b in branches):
                env[key] = join_all([b[key] for b in branches])

    def _clear_parsed_url(self, part: ir.Expr, env: Env) -> None:
        """`urlsplit(u).hostname in ALLOWED` (or `== "host"`) vouches for `u` as a URL target, and
        for the parsed URL itself (a client that takes the parsed object sends it to that host)."""
        if not (isinstance(part, ir.Attr) and part.attr in self.catalog.library.url_host_attributes):
            return
        parsed_path = _path(part.obj)
        parsed = env.get(parsed_path) if parsed_path else None
        url_path = parsed.fact("url_of") if parsed is not None else NO_CONST
        if isinstance(url_path, str) and url_path in env:
            env[url_path] = clear(env[url_path], _URL_CLASSES, None)
            if parsed_path and parsed is not None:
                env[parsed_path] = clear(parsed, _URL_CLASSES, None)

    def _refine_prefix(self, test: ir.Call, truth: bool, env: Env, frame: Frame) -> None:
        """Record what `x.startswith(c)` says about x's leading text, and clear the classes whose
        safe-prefix rule that knowledge satisfies (e.g. a path on this site for redirects)."""
        assert isinstance(test.func, ir.Attr)
        path = _path(test.func.obj)
        if not path or not test.args:
            return
        value = env.get(path) or self.eval(test.func.obj, env, frame)
        arg = self.eval(test.args[0], env, frame)
        options = arg.const if isinstance(arg.const, tuple) else (arg.const,)
        if not value.taints or not options or not all(isinstance(o, str) and o for o in options):
            return
        if truth and len(options) == 1:
            known = options[0]
            if not value.prefix or len(known) > len(value.prefix):
                value = value.evolve(prefix=known[:MAX_PREFIX])
        elif not truth:
            excluded = tuple(("not_prefix", o) for o in options)
            value = value.evolve(facts=value.facts + excluded)
        else:
            return
        lead = value.prefix or ""
        banned = {v for k, v in value.facts if k == "not_prefix" and isinstance(v, str)}
        frozen_banned = frozenset(banned)
        safe = frozenset(
            spec.vuln_class
            for spec in self.specs
            for pattern in {sink.safe_prefix for sink in spec.sinks if sink.safe_prefix is not None}
            if lead and _prefix_safe(pattern, lead, frozen_banned)
        )
        env[path] = clear(value, safe, None) if safe else value

    def _refine_call(self, test: ir.Call, env: Env, frame: Frame) -> None:
        func = test.func
        qual = ""
        if isinstance(func, ir.Attr):
            path = _path(func)
            receiver = self.eval(func.obj, env, frame)
            qual = (
                env[path].qual
                if path and path in env
                else self._attribute(receiver, func.attr, func.node).qual
            ) or ""
            if func.attr in self.catalog.library.containment_checks and test.args:
                # A prefix check proves containment only for a normalised path.
                if receiver.taints and all(t.clears("path_normalized") for t in receiver.taints):
                    self._clear_target(func.obj, frozenset({"path_traversal"}), env)
                return
        else:
            qual = self.eval(func, env, frame).qual or ""
        regex = next((c for c in self.catalog.library.regex_checks if c.callee.search(qual)), None)
        if regex is not None and len(test.args) >= 2:
            pattern = self.eval(test.args[0], env, frame)
            if (
                pattern.is_const
                and isinstance(pattern.const, str)
                and _restrictive(pattern.const, regex.whole)
            ):
                self._clear_target(test.args[1], frozenset({ALL_CLASSES}), env)
            return
        for validator in self.catalog.validators:
            if not validator.callee.search(qual):
                continue
            if validator.receiver:
                if isinstance(func, ir.Attr):
                    self._clear_target(func.obj, validator.clears, env)
            elif not test.args and test.kwargs:
                self._clear_target(test.kwargs[0][1], validator.clears, env)  # `check(url=x, ...)`
            elif test.args:
                if validator.second_arg is not None:
                    second = test.args[1] if len(test.args) > 1 else None
                    kinds = _text(second.node) if second is not None else ""
                    if not all(
                        validator.second_arg.search(k.strip())
                        for k in kinds.strip("()").split(",")
                        if k.strip()
                    ):
                        continue
                self._clear_target(test.args[0], validator.clears, env)

    def _clear_target(self, target: ir.Expr | None, classes: frozenset[str], env: Env) -> None:
        path = _path(target)
        if not path:
            return
        value = env.get(path)
        if value is None:
            value = self.eval(target, env, Frame(report=False))
        env[path] = clear(value, classes, None)
