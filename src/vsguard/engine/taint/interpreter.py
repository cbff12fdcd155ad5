"""The taint core: an abstract interpreter over the IR, one function body at a time.

It walks statements in order with an environment of abstract values, splits at branches and joins
after them (a branch whose condition is decidable at analysis time is the only one taken), runs
loop bodies twice, and checks every call, store and handler return against the rules' sinks.
Calls to functions of the same file (or a sibling module) use summaries of what they return.
"""

from __future__ import annotations

import builtins
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from ast_grep_py import SgNode

from vsguard.engine.gaps import TIME_LIMIT, Gap, reason_for
from vsguard.engine.matches import RawMatch, node_location
from vsguard.engine.prefilter import AnchorMatcher, anchor_matcher, regex_anchors
from vsguard.engine.taint import ir
from vsguard.engine.taint.folding import (
    fits,
    fold_binary,
    fold_compare,
    fold_conversion,
    fold_format,
    fold_unary,
    truthy,
)
from vsguard.engine.taint.spec import (
    REQUIRE_BUILT,
    REQUIRE_NONCONSTANT,
    REQUIRE_SOURCE,
    REQUIRE_SPLICED,
    Catalog,
    Condition,
    Sanitizer,
    Sink,
    TaintSpec,
    lookups_for,
)
from vsguard.engine.taint.values import (
    ALL_CLASSES,
    EMPTY,
    MAX_PREFIX,
    NO_CONST,
    PARAM,
    SOURCE,
    UNKNOWN,
    Step,
    Taint,
    Value,
    clear,
    const,
    join,
    join_all,
    leading_text,
    mark_built,
    taint_order,
    through,
    unknown,
)
from vsguard.models import TraceStep

Env = dict[str, Value]
NUMBER = Value(shape="number")
_BUILTINS = frozenset(dir(builtins))
_STRING_METHODS_KEEP = frozenset(
    {
        "strip",
        "lstrip",
        "rstrip",
        "lower",
        "upper",
        "title",
        "capitalize",
        "casefold",
        "encode",
        "decode",
        "removeprefix",
        "removesuffix",
        "zfill",
        "center",
        "ljust",
        "rjust",
        "expandtabs",
        "swapcase",
        "splitlines",
        "split",
        "rsplit",
        "partition",
        "rpartition",
        "copy",
        "items",
        "values",
        "keys",
        "pop",
        "popitem",
        "getlist",
        "get_all",
        "getone",
        "read",
        "readline",
        "readlines",
        "iterdir",
        "first",
        "all",
        "dict",
        "to_dict",
        "model_dump",
        "dump",
        "getvalue",
    }
)
_MUTATORS = frozenset(
    {"append", "extend", "add", "update", "insert", "setdefault", "appendleft", "extendleft"}
)
_NEWLINES = ("\n", "\r")
_URL_PARSERS = re.compile(r"^(urllib\.parse\.|urlparse\.)?(urlparse|urlsplit)$")
_URL_HOST_PARTS = frozenset({"hostname", "netloc", "host"})
_URL_CLASSES = frozenset({"open_redirect", "ssrf"})
_PROBE_CHARS = tuple(chr(c) for c in range(33, 127))
_NO_FLAGS, _TERMINATES, _CONVERSION, _DERIVED, _URL_PARSER, _PATH_RESULT = 0, 1, 2, 4, 8, 16
_FIRST_ARG = 32
_MAX_SUMMARY_DEPTH = 6  # helpers summarised while summarising a helper, at most this deep
_NUMERIC_OPS = frozenset({"-", "/", "//", "**", "<<", ">>", "&", "^"})
_PATH_CTOR = re.compile(r"(^|\.)(Pure|Posix|Windows)?Path\(\)$")


class OutOfTime(TimeoutError):
    """The per-file time budget ran out during taint analysis."""


@dataclass
class Frame:
    """One function's analysis state."""

    report: bool
    html_route: bool = False
    returns: list[Value] = field(default_factory=list)
    terminated_by_call: bool = False
    # `ok = is_safe(x)`: name -> (the check, the values it looked at), so `if ok:` refines like the check
    guards: dict[str, tuple[ir.Expr, dict[str, Value]]] = field(default_factory=dict)
    loop_depth: int = 0


@dataclass(frozen=True)
class _Hit:
    """A sink reached by tainted data, before it becomes a match."""

    spec: TaintSpec
    taint: Taint
    sink_node: SgNode


class Analysis:
    """Analyses one lowered module; `run()` gives the rule matches found in it."""

    def __init__(
        self,
        module: ir.Module,
        specs: tuple[TaintSpec, ...],
        catalog: Catalog,
        sanitizers: tuple[Sanitizer, ...],
        resolve: Callable[[str], tuple[Analysis, ir.FunctionDef] | None] | None = None,
        anchor_specs: tuple[TaintSpec, ...] | None = None,
        deadline: float | None = None,
    ) -> None:
        self.module = module
        #: `time.monotonic()` after which analysis stops (`OutOfTime`); sibling analyses inherit it
        self.deadline = deadline
        #: parts of the module `run()` could not analyse
        self.gaps: list[Gap] = []
        self.specs = specs
        self.catalog = catalog
        self.sanitizers = catalog.sanitizers + sanitizers
        self.resolve = resolve
        self.globals: Env = {}
        self.functions: dict[str, ir.FunctionDef] = {}
        for f in module.functions:
            self.functions.setdefault(f.name, f)
        self._summaries: dict[int, Value | None] = {}
        self._in_progress: set[int] = set()
        self._hits: dict[tuple[str, int, int], _Hit] = {}
        self._globals_ready = False
        self._globals_done = False
        self._import_targets: set[str] = set()  # only names bound by imports may resolve to files
        self._prechecks: tuple[list[str], list[str]] | None = None
        self._texts: dict[int, str] = {}
        self._reporting = False
        memo = lookups_for(specs)
        self._sink_cache = memo.sinks
        self._store_cache = memo.stores
        self._source_cache = memo.sources
        self._clear_cache = memo.clears
        self._flag_cache = memo.flags
        self._wanted_sources = frozenset(s for spec in specs for s in spec.sources)
        self._return_specs = [(spec, sink) for spec in specs for sink in spec.sinks if sink.returns]
        # Functions are pre-checked against the sink words of `anchor_specs` (by default `specs`); a
        # caller scanning many files passes its full rule set so the compiled check is reused.
        # Handler returns need no word: decorated functions are always analysed.
        every = anchor_specs or specs
        self._anchor_rx = _anchor_regex(_union(spec.call_anchors for spec in every))
        # Sinks of rules that fire on any non-constant value, and words every source contains:
        # a function with neither cannot produce a finding of a source-only rule.
        self._plain_rx = _anchor_regex(_union(s.call_anchors for s in every if s.require != REQUIRE_SOURCE))
        groups = {g for spec in every for g in spec.sources}
        self._source_rx = _anchor_regex(
            _union(
                regex_anchors(pattern.pattern) for g, (_, pattern) in catalog.sources.items() if g in groups
            )
        )

    # ------------------------------------------------------------------ entry points

    def run(self) -> list[RawMatch]:
        """Matches in the module. A function whose analysis fails or runs out of time is recorded in
        `gaps` and the others are still analysed; after the deadline, the rest are only counted."""
        try:
            self.module_globals(report=True)
        except Exception as exc:
            self.gaps.append(Gap("module code", 1, reason_for(exc)))
            self._globals_done = True
        self._reporting = True
        index = 0
        while index < len(self.module.functions):  # lowering a body may add the functions nested in it
            func = self.module.functions[index]
            index += 1
            if self._out_of_time():
                self._note_remaining(self.module.functions[index - 1 :])
                break
            try:
                if self._may_report(func):
                    self.summary(func)  # analyses the body once: reports its sinks, records its returns
            except Exception as exc:
                self._in_progress.clear()
                self.gaps.append(Gap(f"function {func.name}", _line(func.node), reason_for(exc)))
        return [self._to_match(h) for h in self._hits.values()]

    def _out_of_time(self) -> bool:
        return self.deadline is not None and time.monotonic() > self.deadline

    def _check_time(self) -> None:
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise OutOfTime("time limit reached")

    def _note_remaining(self, functions: list[ir.FunctionDef]) -> None:
        """One gap for the functions never started because the deadline passed."""
        if not functions:
            return
        first = functions[0]
        if len(functions) == 1:
            self.gaps.append(Gap(f"function {first.name}", _line(first.node), TIME_LIMIT))
        else:
            part = f"function {first.name} and {len(functions) - 1} more"
            self.gaps.append(Gap(part, _line(first.node), TIME_LIMIT))

    def _may_report(self, func: ir.FunctionDef) -> bool:
        """Text pre-check: can any rule fire in this function? Never False when one could.

        A finding needs a sink name in the function (or a module-level name bound to one, like
        `import requests as r`); a source-only rule also needs a source there: a source word, a
        route parameter, a module-level name holding request data, or a call to a helper that
        has one (helpers of this file by name, anything imported from a sibling module).
        """
        rx = self._anchor_rx
        if rx is None or func.decorators or self._is_handler_method(func):
            return True
        text = self._func_text(func)
        lowered = text.lower()
        if self._plain_rx is None or self._plain_rx.search(text, lowered):
            return True
        if not rx.search(text, lowered):
            if self._prechecks is None:
                self._prechecks = self._precheck_names()
            if not any(a in text for a in self._prechecks[0]):
                return False
        if self._source_rx is None or self._source_rx.search(text, lowered):
            return True
        if self._prechecks is None:
            self._prechecks = self._precheck_names()
        return any(a in text for a in self._prechecks[1])

    def _func_text(self, func: ir.FunctionDef) -> str:
        key = id(func)
        text = self._texts.get(key)
        if text is None:
            text = self._texts[key] = _text(func.node)
        return text

    def _is_handler_method(self, func: ir.FunctionDef) -> bool:
        return (
            func.is_method
            and bool(self.catalog.handler_methods.search(func.name))
            and any(self.catalog.handler_bases.search(b) for b in func.owner_bases)
        )

    def _precheck_names(self) -> tuple[list[str], list[str]]:
        rx, src = self._anchor_rx, self._source_rx
        sink_aliases = [n for n, v in self.globals.items() if rx is not None and v.qual and rx.search(v.qual)]
        source_aliases = [
            n
            for n, v in self.globals.items()
            if (
                v.qual
                and (src is None or src.search(v.qual) or v.qual.startswith(".") or n in self.functions)
            )
            or any(t.kind == SOURCE for t in v.taints)
        ]
        # local helpers whose text (transitively) reaches a source
        if src is not None:
            texts = [(f.name, self._func_text(f)) for f in self.module.functions]
            capable = {name for name, text in texts if src.search(text)}
            changed = bool(capable)
            while changed:
                changed = False
                self._check_time()
                for name, text in texts:
                    if name not in capable and any(n in text for n in capable):
                        capable.add(name)
                        changed = True
            source_aliases = [n for n in source_aliases if n not in self.functions or n in capable]
            source_aliases += [n for n in capable if n not in source_aliases]
        return sink_aliases, source_aliases

    def module_globals(self, report: bool = False) -> Env:
        if not self._globals_ready:
            self._globals_ready = True
            env: Env = {}
            self.exec_block(self.module.body, env, Frame(report=report))
            self.globals = env
            self._globals_done = True
        return self.globals

    def analyse_function(self, func: ir.FunctionDef, report: bool) -> list[Value]:
        """Run a body once. Plain parameters carry PARAM taints, so the returned values double as
        the function's summary, while sinks treat them as unknown input (a parameter of unknown
        origin); route parameters are sources, request objects and typed numbers are special."""
        self.module_globals()
        frame = Frame(report=report)
        env: Env = {}
        route, html = self._route_kind(func)
        frame.html_route = html
        for index, param in enumerate(func.params):
            env[param.name] = self._param_value(func, param, index, route)
        self.exec_block(func.get_body(), env, frame)
        return frame.returns

    def summary(self, func: ir.FunctionDef) -> Value | None:
        key = id(func)
        if key in self._summaries:
            return self._summaries[key]
        if key in self._in_progress or len(self._in_progress) >= _MAX_SUMMARY_DEPTH:
            return None  # recursion, or a call chain too deep to follow: the result is unknown
        self._in_progress.add(key)
        try:
            returns = self.analyse_function(func, report=self._reporting)
        finally:
            self._in_progress.discard(key)
        result = join_all(returns) if returns else const(None)
        if self._globals_done:  # a call made while module code still runs saw partial globals
            self._summaries[key] = result
        return result

    # ------------------------------------------------------------------ parameters and handlers

    def _route_kind(self, func: ir.FunctionDef) -> tuple[bool, bool]:
        route = html = False
        for dec in func.decorators:
            target = dec.func if isinstance(dec, ir.Call) else dec
            qual = self.eval(target, dict(self.globals), Frame(report=False)).qual or ""
            if self.catalog.route_decorators.search(qual):
                route = True
            if self.catalog.html_route_decorators.search(qual):
                html = route = True
        if (
            func.is_method
            and self.catalog.handler_methods.search(func.name)
            and any(self.catalog.handler_bases.search(b) for b in func.owner_bases)
        ):
            route = True
        return route, html

    def _param_value(self, func: ir.FunctionDef, param: ir.Param, index: int, route: bool) -> Value:
        cat = self.catalog
        name = param.name
        origin = Step(_line(func.node), f"parameter `{name}` of {func.name}()")
        if name in ("self", "cls") and func.is_method and index == 0:
            return unknown(name).evolve(qual=name)  # the receiver, named for attribute lookups
        is_request = bool(cat.request_params.search(name)) or bool(
            param.annotation and cat.request_annotations.search(param.annotation)
        )
        if is_request:
            return unknown(f"parameter {name}").evolve(qual="request")
        if param.annotation and cat.numeric_annotations.search(param.annotation.strip()):
            return Value(shape="number", qual=name)  # a typed number carries no text
        injected = param.default is not None and cat.injected_defaults.search(_text(param.default.node))
        # Function views without a route decorator (Django's URLconf) are not recognised: their
        # path parameters are converter-checked and the name alone would catch many non-views.
        if (route and not injected and not param.star) or (route and param.star == "**"):
            return Value(taints=frozenset({Taint(SOURCE, "web", origin)}), qual=name)
        return Value(taints=frozenset({Taint(PARAM, str(index), origin)}), qual=name)

    # ------------------------------------------------------------------ statements

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
                self._check_return(stmt, value)
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
        """Copies of `env` for a condition not decided at analysis time: refined by it holding, and not."""
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

    # ------------------------------------------------------------------ assignment

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
        if frame.report and container.qual:
            for spec, sink in self._stores_for(container.qual):
                self._check_value(spec, sink, value, target.node)
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

    # ------------------------------------------------------------------ expressions

    def eval(self, expr: ir.Expr | None, env: Env, frame: Frame) -> Value:
        if expr is None:
            return EMPTY
        if isinstance(expr, ir.Name):
            return self._lookup(expr.id, env)
        if isinstance(expr, ir.Const):
            # a huge number literal (hex has no digit limit) is not worth knowing exactly
            return const(expr.value) if not isinstance(expr.value, int) or fits(expr.value) else NUMBER
        if isinstance(expr, ir.Call):
            return self._call(expr, env, frame)
        if isinstance(expr, ir.Attr):
            path = _path(expr)
            if path and path in env:
                return env[path]
            return self._attribute(self.eval(expr.obj, env, frame), expr.attr, expr.node)
        if isinstance(expr, ir.Format):
            return self._format([self.eval(p, env, frame) for p in expr.parts])
        if isinstance(expr, ir.BinOp):
            return self._binop_chain(expr, env, frame)
        if isinstance(expr, ir.Index):
            return self._index(self.eval(expr.obj, env, frame), self.eval(expr.key, env, frame))
        if isinstance(expr, ir.Seq):
            values = [self.eval(e, env, frame) for e in expr.elts]
            return _container(list(enumerate(values)), expr.kind == "tuple")
        if isinstance(expr, ir.DictLit):
            return self._dict(expr, env, frame)
        if isinstance(expr, ir.Compare):
            return self._compare(expr, env, frame)
        if isinstance(expr, ir.BoolOp):
            return self._boolop(expr, env, frame)
        if isinstance(expr, ir.UnaryOp):
            operand = self.eval(expr.operand, env, frame)
            if operand.is_const:
                folded = fold_unary(expr.op, operand.const)
                if folded is not NO_CONST:
                    return const(folded)
            if expr.op == "not":
                return Value(shape="number")
            return Value(taints=operand.taints, shape=operand.shape)
        if isinstance(expr, ir.IfExp):
            test = self.eval(expr.test, env, frame)
            if test.is_const:
                return self.eval(expr.body if truthy(test.const) else expr.orelse, env, frame)
            env_true, env_false = self._split(expr.test, env, frame)
            return join(self.eval(expr.body, env_true, frame), self.eval(expr.orelse, env_false, frame))
        if isinstance(expr, ir.Await):
            return self.eval(expr.value, env, frame)
        if isinstance(expr, ir.Comp):
            return self._comprehension(expr, env, frame)
        if isinstance(expr, ir.Unpack):
            values = [self.eval(e, env, frame) for e in expr.elts]
            return _container(list(enumerate(values)), True)
        if isinstance(expr, ir.Opaque):
            values = [self.eval(p, env, frame) for p in expr.parts]
            taints = frozenset().union(*(v.taints for v in values)) if values else frozenset()
            return Value(taints=taints | unknown("expression").taints)
        return unknown("expression")

    def _binop_chain(self, expr: ir.BinOp, env: Env, frame: Frame) -> Value:
        """`a + b + c ...`: the left-nested chain folded in a loop, left to right (no recursion)."""
        spine: list[ir.BinOp] = []
        left: ir.Expr | None = expr
        while isinstance(left, ir.BinOp):
            spine.append(left)
            left = left.left
        value = self.eval(left, env, frame)
        for link in reversed(spine):
            value = self._binop(link.op, value, self.eval(link.right, env, frame), link.node)
        return value

    def _lookup(self, name: str, env: Env) -> Value:
        value = env.get(name)
        if value is not None:
            return value
        value = self.globals.get(name)
        if value is not None:
            return value
        if name in _BUILTINS:
            return Value(qual=name)
        if name in self.functions:
            return Value(qual=name)
        return unknown(name).evolve(qual=name)

    def _attribute(self, obj: Value, attr: str, node: SgNode | None) -> Value:
        base = obj.qual or ("pathlib.Path()" if obj.shape == "path" else None)
        qual = f"{base}.{attr}" if base else None
        taints = obj.taints
        if qual:
            taints = taints | self._source_taints(qual, obj, node)
        shape = "path" if obj.shape == "path" else None
        return Value(taints=taints, qual=qual, shape=shape) if taints or qual else EMPTY

    def _source_taints(self, qual: str, obj: Value, node: SgNode | None) -> frozenset[Taint]:
        groups = self._source_cache.get(qual)
        if groups is None:
            groups = tuple(
                name
                for name, (_, pattern) in self.catalog.sources.items()
                if name in self._wanted_sources and pattern.search(qual)
            )
            self._source_cache[qual] = groups
        if groups:
            present = {t.label for t in obj.taints if t.kind == SOURCE}
            groups = tuple(g for g in groups if g not in present)
        if not groups:
            return frozenset()
        origin = Step(_line(node), _text(node))
        return frozenset(Taint(SOURCE, g, origin) for g in groups)

    def _index(self, obj: Value, key: Value) -> Value:
        if key.is_const:
            item = obj.elem(key.const)
            if item is not None:
                return item
            if obj.elems:
                obj = obj.with_taints(_base_taints(obj))
        if obj.elems is not None and not obj.taints:
            # A constant table read with any key yields one of its constants.
            return join_all([v for _, v in obj.elems]) if obj.elems else EMPTY
        qual = f"{obj.qual}[]" if obj.qual else None
        if not obj.taints:
            return EMPTY if obj.is_const or obj.shape == "container" else Value(qual=qual)
        return Value(taints=obj.taints, qual=qual)

    def _dict(self, expr: ir.DictLit, env: Env, frame: Frame) -> Value:
        items: list[tuple[object, Value]] = []
        taints: frozenset[Taint] = frozenset()
        complete = True
        for key_expr, value_expr in expr.items:
            value = self.eval(value_expr, env, frame)
            taints |= value.taints
            if key_expr is None:
                complete = False
                items.extend(value.elems or ())
                continue
            key = self.eval(key_expr, env, frame)
            if key.is_const:
                items.append((key.const, value))
            else:
                complete = False
                taints |= key.taints
        out = _container(items, False)
        return out.with_taints(out.taints | taints) if not complete else out

    def _format(self, parts: list[Value]) -> Value:
        taints: frozenset[Taint] = frozenset()
        if all(p.is_const for p in parts):
            text = fold_format(p.const for p in parts)
            if text is not NO_CONST:
                return const(text)
            return Value(shape="str")
        prefix_parts: list[str] = []
        prefix_open = True
        tail = False
        for p in parts:
            if tail:
                p = _in_url_tail(p)
            taints |= p.taints
            tail = tail or _marks_url_tail(p)
            if prefix_open:
                if p.is_const:
                    prefix_parts.append(str(p.const))
                else:
                    if p.prefix:
                        prefix_parts.append(p.prefix)
                    prefix_open = False
        prefix = "".join(prefix_parts)[:MAX_PREFIX] or None
        return Value(taints=mark_built(taints), shape="str", prefix=prefix).with_taints(mark_built(taints))

    def _binop(self, op: str, left: Value, right: Value, node: SgNode | None) -> Value:
        if left.is_const and right.is_const:
            folded = fold_binary(op, left.const, right.const)
            if folded is not NO_CONST:
                return const(folded)
        if op == "+" and _marks_url_tail(left):
            right = _in_url_tail(right)
        elif op == "%" and left.is_const and isinstance(left.const, str):
            right = _printf_url_tail(left.const, right)
        taints = left.taints | right.taints
        # `template % {...}` / `template % (a, b)`: only string formatting takes a mapping or tuple
        stringy = (
            _is_str(left)
            or (op == "+" and _is_str(right))
            or (op == "%" and right.shape == "container" and not left.is_const)
        )
        if op in ("+", "%") and stringy:
            built = mark_built(taints)
            prefix = leading_text(left)
            if op == "%" and prefix is not None:
                prefix = prefix.split("%", 1)[0] or None  # only the text before the first conversion is fixed
            return Value(taints=built, shape="str", prefix=prefix).with_taints(built)
        if op == "/" and (left.shape == "path" or (left.qual and _PATH_CTOR.search(left.qual))):
            return Value(taints=taints, shape="path").with_taints(taints)
        if op in _NUMERIC_OPS or (op == "*" and "number" in (left.shape, right.shape) and not stringy):
            # the result is a number (or the operation fails): no text survives
            return clear(Value(taints=taints, shape="number"), frozenset({ALL_CLASSES}), None)
        shape = left.shape if left.shape == right.shape and left.shape in ("number", "call") else None
        return Value(taints=taints, shape=shape).with_taints(taints)

    def _compare(self, expr: ir.Compare, env: Env, frame: Frame) -> Value:
        values = [self.eval(e, env, frame) for e in expr.operands]
        if all(v.is_const for v in values) and len(values) == len(expr.ops) + 1:
            result: object = True
            for op, a, b in zip(expr.ops, values, values[1:], strict=False):
                folded = fold_compare(op, a.const, b.const)
                if folded is NO_CONST:
                    result = NO_CONST
                    break
                if not folded:
                    result = False
                    break
            if result is not NO_CONST:
                return const(result)
        return Value(shape="number")

    def _boolop(self, expr: ir.BoolOp, env: Env, frame: Frame) -> Value:
        seen: list[Value] = []
        local = dict(env)
        for operand in expr.values:
            value = self.eval(operand, local, frame)
            if value.is_const:
                truth = truthy(value.const)
                if (expr.op == "and" and not truth) or (expr.op == "or" and truth):
                    return value if not seen else join_all([*seen, value])
                continue  # this operand is skipped over at run time
            seen.append(value)
            self.refine(operand, expr.op == "and", local, frame)
        return join_all(seen) if seen else const(expr.op == "and")

    def _comprehension(self, expr: ir.Comp, env: Env, frame: Frame) -> Value:
        local = dict(env)
        for target, iterable in expr.generators:
            self.assign(target, self._element(self.eval(iterable, local, frame)), local, frame, None)
        for cond in expr.conditions:
            self.eval(cond, local, frame)
            self.refine(cond, True, local, frame)
        elt = self.eval(expr.elt, local, frame)
        key = self.eval(expr.key, local, frame) if expr.key is not None else EMPTY
        taints = elt.taints | key.taints
        fixed_keys = expr.key is not None and not any(not t.clears("mass_assignment") for t in key.taints)
        return Value(taints=taints, shape="fixed_keys" if fixed_keys else "container").with_taints(taints)

    def _element(self, container: Value) -> Value:
        if container.elems is not None and not container.taints:
            return join_all([v for _, v in container.elems]) if container.elems else EMPTY
        if container.elems:
            return join_all([v for _, v in container.elems])
        if container.is_const and isinstance(container.const, str):
            return Value(shape="str")
        return Value(taints=container.taints)

    # ------------------------------------------------------------------ calls

    def _call(self, call: ir.Call, env: Env, frame: Frame) -> Value:
        receiver: Value | None = None
        method = ""
        if isinstance(call.func, ir.Attr):
            path = _path(call.func)
            receiver = self.eval(call.func.obj, env, frame)
            method = call.func.attr
            func = env[path] if path and path in env else self._attribute(receiver, method, call.func.node)
        else:
            func = self.eval(call.func, env, frame)
        args = [self.eval(a, env, frame) for a in call.args]
        kwargs = {name: self.eval(v, env, frame) for name, v in call.kwargs}
        star = [self.eval(a, env, frame) for a in call.star_args]
        star_kw = [self.eval(a, env, frame) for a in call.star_kwargs]
        qual = func.qual or ""
        if qual and frame.report:
            for spec, sink in self._sinks_for(qual):
                self._check_sink(spec, sink, call, receiver, args, kwargs, star, star_kw)
        flags = self._flags(qual) if qual else _NO_FLAGS
        if flags & _TERMINATES:
            frame.terminated_by_call = True
        every = [*args, *kwargs.values(), *star, *star_kw]
        arg_taints = frozenset().union(*(v.taints for v in every)) if every else frozenset()
        result = self._call_result(
            call, qual, func, receiver, method, args, kwargs, every, arg_taints, env, frame
        )
        result_qual = f"{qual}()" if qual else None
        if result_qual:
            extra = self._source_taints(result_qual, result, call.node)
            if extra:
                result = result.with_taints(result.taints | extra)
            facts = tuple((k, v.const) for k, v in kwargs.items() if v.is_const)
            shape = "path" if flags & _PATH_RESULT else result.shape
            result = result.evolve(qual=result_qual, facts=facts or result.facts, shape=shape)
        return result

    def _call_result(
        self,
        call: ir.Call,
        qual: str,
        func: Value,
        receiver: Value | None,
        method: str,
        args: list[Value],
        kwargs: dict[str, Value],
        every: list[Value],
        arg_taints: frozenset[Taint],
        env: Env,
        frame: Frame,
    ) -> Value:
        step = _LazyStep(call.node)
        flags = self._flags(qual) if qual else _NO_FLAGS
        if flags & _CONVERSION:
            if all(v.is_const for v in every) and every:
                folded = fold_conversion(qual, [v.const for v in every])
                if folded is not NO_CONST:
                    return const(folded)
            return clear(
                Value(taints=arg_taints, shape="number"),
                frozenset({ALL_CLASSES}),
                step.get() if arg_taints else None,
            )
        if flags & _FIRST_ARG:
            first = args[0] if args else kwargs.get("source", EMPTY)
            return Value(taints=first.taints, shape="call").with_taints(first.taints)
        cleared = self._clears(qual) if qual else None
        if cleared is not None:
            base = receiver if receiver is not None and not args else (args[0] if args else EMPTY)
            if receiver is not None and receiver.taints and method in ("resolve", "absolute"):
                base = receiver
            shape = "path" if base.shape == "path" else "call"
            return clear(Value(taints=base.taints, shape=shape), cleared, step.get() if base.taints else None)
        if flags & _DERIVED:
            receiver_taints = receiver.taints if receiver is not None else frozenset()
            derived = (
                unknown(f"result of {qual}()", step.get()).taints
                if arg_taints or receiver_taints
                else frozenset()
            )
            return Value(taints=receiver_taints | derived, shape="call")
        if flags & _URL_PARSER and call.args:
            source_path = _path(call.args[0])
            parsed = Value(taints=arg_taints, shape="call").with_taints(arg_taints) if arg_taints else Value()
            return parsed.evolve(facts=(("url_of", source_path),)) if source_path else parsed
        summarised = self._summarised_call(qual, call, args, kwargs, step)
        if summarised is not None:
            return summarised
        if receiver is not None:
            method_result = self._method_result(method, receiver, args, kwargs, arg_taints, call, env, frame)
            if method_result is not None:
                return method_result
        if qual in (
            "str",
            "list",
            "tuple",
            "set",
            "frozenset",
            "dict",
            "sorted",
            "reversed",
            "iter",
            "copy.copy",
            "copy.deepcopy",
        ):
            if len(args) == 1 and not kwargs:
                base = args[0]
                if qual == "str":
                    return (
                        base if base.is_const else Value(taints=base.taints, shape="str", prefix=base.prefix)
                    )
                return base.evolve(qual=None, const=NO_CONST if qual != "tuple" else base.const)
            if qual == "dict" and not args and kwargs:
                return _container(list(kwargs.items()), False)
            if not every:
                return Value(shape="container", elems=() if qual == "dict" else None)
        if receiver is not None and _is_object(receiver):
            arg_taints = _as_object_data(arg_taints)
        taints = func.taints | arg_taints
        return Value(taints=taints, shape="call").with_taints(taints) if taints else Value(shape="call")

    def _method_result(
        self,
        method: str,
        receiver: Value,
        args: list[Value],
        kwargs: dict[str, Value],
        arg_taints: frozenset[Taint],
        call: ir.Call,
        env: Env,
        frame: Frame,
    ) -> Value | None:
        if method == "format" and _is_str(receiver):
            return (
                self._format([receiver, *args, *kwargs.values()])
                if not (receiver.is_const and not arg_taints and not args and not kwargs)
                else receiver
            )
        if method == "join" and _is_str(receiver):
            parts = [receiver, *args]
            if all(p.is_const for p in parts) or (
                receiver.is_const
                and args
                and args[0].elems is not None
                and all(v.is_const for _, v in args[0].elems)
            ):
                return Value(shape="str")
            built = mark_built(receiver.taints | arg_taints)
            return Value(taints=built, shape="str").with_taints(built)
        if method == "get" and args:
            key = args[0]
            default = args[1] if len(args) > 1 else kwargs.get("default", const(None))
            if key.is_const:
                item = receiver.elem(key.const)
                if item is not None:
                    return item
            if receiver.elems is not None and not receiver.taints:
                return join_all([default, *(v for _, v in receiver.elems)])
            if key.is_const and receiver.elems:
                receiver = receiver.with_taints(_base_taints(receiver))
            return (
                join(Value(taints=receiver.taints), default)
                if receiver.taints
                else default
                if default.taints
                else Value()
            )
        if method == "replace" and len(args) >= 2:
            old = args[0]
            out = Value(taints=receiver.taints | args[1].taints, shape=receiver.shape)
            if old.is_const and isinstance(old.const, str) and any(n in old.const for n in _NEWLINES):
                return clear(out, frozenset({"log_injection", "header_injection"}), _step(call.node))
            return out
        if method in _MUTATORS:
            self._mutate(call, receiver, method, args, kwargs, arg_taints, env)
            return const(None)
        if method in _STRING_METHODS_KEEP:
            if receiver.is_const and not arg_taints:
                return Value(shape=receiver.shape)
            if _is_object(receiver):
                arg_taints = _as_object_data(arg_taints)
            return Value(
                taints=receiver.taints | arg_taints,
                shape=receiver.shape if receiver.shape != "container" else None,
            )
        return None

    def _mutate(
        self,
        call: ir.Call,
        receiver: Value,
        method: str,
        args: list[Value],
        kwargs: dict[str, Value],
        arg_taints: frozenset[Taint],
        env: Env,
    ) -> None:
        path = _path(call.func.obj) if isinstance(call.func, ir.Attr) else None
        if not path:
            return
        elems = receiver.elems
        if method == "append" and elems is not None and args:
            elems = (*elems, (len(elems), args[0]))
        elif method == "update" and args and args[0].elems is not None and elems is not None:
            new_keys = {k for k, _ in args[0].elems}
            elems = tuple((k, v) for k, v in elems if k not in new_keys) + args[0].elems
        elif method == "update" and kwargs and elems is not None:
            elems = tuple((k, v) for k, v in elems if k not in kwargs) + tuple(kwargs.items())
        elif method == "setdefault":
            pass
        else:
            elems = None
        env[path] = receiver.evolve(
            taints=receiver.with_taints(receiver.taints | arg_taints).taints, elems=elems, const=NO_CONST
        )

    def _summarised_call(
        self, qual: str, call: ir.Call, args: list[Value], kwargs: dict[str, Value], step: _LazyStep
    ) -> Value | None:
        if not qual:
            return None
        owner: Analysis = self
        func: ir.FunctionDef | None = None
        skip_self = False
        if "." not in qual and qual in self.functions:
            func = self.functions[qual]
        if func is None and qual.startswith(("self.", "cls.")) and qual.count(".") == 1:
            candidate = self.functions.get(qual.split(".", 1)[1])
            if candidate is not None and candidate.is_method:
                func, skip_self = candidate, True
        if (
            func is None
            and self.resolve is not None
            and "." in qual
            and (qual in self._import_targets or qual.rsplit(".", 1)[0] in self._import_targets)
        ):
            resolved = self.resolve(qual)
            if resolved is not None:
                owner, func = resolved
        if func is None:
            return None
        owner.deadline = self.deadline  # a cached sibling analysis works under this file's budget
        summary = owner.summary(func)
        if summary is None:
            return None
        params = func.params[1:] if skip_self or (func.is_method and owner is not self) else func.params
        actuals: list[Value] = []
        for i, param in enumerate(params):
            if i < len(args) and not param.star:
                actuals.append(args[i])
            elif param.name in kwargs:
                actuals.append(kwargs[param.name])
            elif param.star == "*":
                actuals.append(join_all(args[i:]))
            elif param.star == "**":
                actuals.append(join_all(list(kwargs.values())))
            else:
                actuals.append(const(None))
        offset = 1 if skip_self else 0
        return _apply_summary(
            summary, actuals, offset, step.get() if any(a.taints for a in actuals) else None
        )

    def _flags(self, qual: str) -> int:
        """What the catalog says about a callee, as bits; memoised per qualified name."""
        found = self._flag_cache.get(qual)
        if found is None:
            cat = self.catalog
            found = (
                (_TERMINATES if cat.terminators.search(qual) else 0)
                | (_CONVERSION if cat.conversions.search(qual) else 0)
                | (_DERIVED if cat.derived_results.search(qual) else 0)
                | (_URL_PARSER if _URL_PARSERS.search(qual) else 0)
                | (_PATH_RESULT if _PATH_CTOR.search(f"{qual}()") else 0)
                | (_FIRST_ARG if cat.first_arg_carries.search(qual) else 0)
            )
            self._flag_cache[qual] = found
        return found

    def _clears(self, qual: str) -> frozenset[str] | None:
        if qual in self._clear_cache:
            return self._clear_cache[qual]
        classes: set[str] = set()
        for sanitizer in self.sanitizers:
            if sanitizer.callee.search(qual):
                classes |= sanitizer.clears
        result = frozenset(classes) if classes else None
        self._clear_cache[qual] = result
        return result

    # ------------------------------------------------------------------ refinement at branches

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
        if isinstance(test, ir.Call) and isinstance(test.func, ir.Attr) and test.func.attr == "startswith":
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
        """`urlsplit(u).hostname in ALLOWED` (or `== "host"`) vouches for `u` as a URL target."""
        if not (isinstance(part, ir.Attr) and part.attr in _URL_HOST_PARTS):
            return
        parsed_path = _path(part.obj)
        parsed = env.get(parsed_path) if parsed_path else None
        url_path = parsed.fact("url_of") if parsed is not None else NO_CONST
        if isinstance(url_path, str) and url_path in env:
            env[url_path] = clear(env[url_path], _URL_CLASSES, None)

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
            if func.attr in ("startswith", "is_relative_to") and test.args:
                # A prefix check proves containment only for a normalised path.
                if receiver.taints and all(t.clears("path_normalized") for t in receiver.taints):
                    self._clear_target(func.obj, frozenset({"path_traversal"}), env)
                return
        else:
            qual = self.eval(func, env, frame).qual or ""
        if qual in ("re.fullmatch", "re.match") and len(test.args) >= 2:
            pattern = self.eval(test.args[0], env, frame)
            if pattern.is_const and isinstance(pattern.const, str) and _restrictive(pattern.const, qual):
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

    # ------------------------------------------------------------------ sinks

    def _sinks_for(self, qual: str) -> list[tuple[TaintSpec, Sink]]:
        """Sinks whose `callee` matches the qualified name of a called function."""
        return self._sinks_matching(qual, "callee", self._sink_cache)

    def _stores_for(self, qual: str) -> list[tuple[TaintSpec, Sink]]:
        """Sinks whose `store` matches the qualified name of a container written by key."""
        return self._sinks_matching(qual, "store", self._store_cache)

    def _sinks_matching(
        self,
        qual: str,
        pattern_field: Literal["callee", "store"],
        memo: dict[str, list[tuple[TaintSpec, Sink]]],
    ) -> list[tuple[TaintSpec, Sink]]:
        found = memo.get(qual)
        if found is None:
            found = memo[qual] = [
                (spec, sink)
                for spec in self.specs
                for sink in spec.sinks
                if (pattern := getattr(sink, pattern_field)) is not None and pattern.search(qual)
            ]
        return found

    def _check_sink(
        self,
        spec: TaintSpec,
        sink: Sink,
        call: ir.Call,
        receiver: Value | None,
        args: list[Value],
        kwargs: dict[str, Value],
        star: list[Value],
        star_kw: list[Value],
    ) -> None:
        if sink.when and not all(_condition_holds(c, args, kwargs) for c in sink.when):
            return
        if sink.when_any and not any(_condition_holds(c, args, kwargs) for c in sink.when_any):
            return
        if any(_condition_holds(c, args, kwargs) for c in sink.unless):
            return
        safe_positions = _printf_safe_positions(args[0]) if sink.printf and args else frozenset()
        for selector in sink.args:
            values = _select(selector, receiver, args, kwargs, star, star_kw)
            if selector == "*" and safe_positions:
                values = [v for i, v in enumerate(args) if i not in safe_positions] + list(star)
            for value in values:
                self._check_value(spec, sink, value, call.node)

    def _check_return(self, stmt: ir.Return, value: Value) -> None:
        if value.shape in ("container", "fixed_keys", "call"):
            return  # JSON for a dict or list; a call's result is a response object, checked at the call
        for spec, sink in self._return_specs:
            if sink.returns == "html_route":
                self._check_value(spec, sink, value, stmt.node)

    def _check_value(self, spec: TaintSpec, sink: Sink, value: Value, node: SgNode) -> None:
        if not value.taints:
            return
        if sink.keys_only and (value.elems is not None or value.shape == "fixed_keys"):
            return  # a mapping whose keys the code chose: values alone cannot pick fields
        if sink.text_only and value.shape == "container":
            return  # `res.send({...})` sends JSON, not markup
        if sink.safe_prefix is not None:
            lead = leading_text(value)
            if lead and sink.safe_prefix.search(lead):
                return
        require = sink.require or spec.require
        best: Taint | None = None
        for taint in value.taints:
            if taint.clears(spec.vuln_class):
                continue
            is_source = taint.kind == SOURCE and taint.label in spec.sources
            if require == REQUIRE_SOURCE and not is_source:
                continue
            if require == REQUIRE_BUILT and not (is_source or taint.built):
                continue
            if require == REQUIRE_SPLICED and not taint.built:
                continue
            if require == REQUIRE_NONCONSTANT and not (is_source or taint.kind in (UNKNOWN, SOURCE, PARAM)):
                continue
            if best is None or _better(taint, best, spec):
                best = taint
        if best is None:
            return
        location = node_location(node)
        key = (spec.rule.id, location.start_line, location.start_column)
        current = self._hits.get(key)
        if current is None or _better(best, current.taint, spec):
            self._hits[key] = _Hit(spec, best, node)

    def _to_match(self, hit: _Hit) -> RawMatch:
        spec, taint = hit.spec, hit.taint
        node = hit.sink_node
        location = node_location(node)
        is_source = taint.kind == SOURCE and taint.label in spec.sources
        trace: list[TraceStep] = []
        message = None
        confidence = spec.rule.confidence
        if is_source and taint.origin is not None:
            label = (
                self.catalog.sources[taint.label][0] if taint.label in self.catalog.sources else taint.label
            )
            trace.append(TraceStep(line=taint.origin.line, kind="source", code=taint.origin.code))
            trace.extend(
                TraceStep(line=s.line, kind="step", code=s.code)
                for s in taint.steps
                if s.line != location.start_line
            )
            message = f"{spec.rule.message} Here it carries {label} from line {taint.origin.line}."
            confidence = max(confidence, spec.source_confidence, key=lambda c: c.rank)
        trace.append(TraceStep(line=location.start_line, kind="sink", code=_first_line(node)))
        return RawMatch(
            rule=spec.rule,
            location=location,
            snippet=_text(node),
            trace=tuple(trace) if is_source else (),
            message=message,
            confidence=confidence,
        )


# ---------------------------------------------------------------------- helpers


_ANCHOR_RX: dict[frozenset[str] | None, AnchorMatcher | None] = {}


def _union(sets: Iterable[frozenset[str] | None]) -> frozenset[str] | None:
    """Union of anchor sets; None (no requirement) as soon as one of them is None."""
    out: set[str] = set()
    for item in sets:
        if item is None:
            return None
        out |= item
    return frozenset(out)


def _anchor_regex(anchors: frozenset[str] | None) -> AnchorMatcher | None:
    if anchors not in _ANCHOR_RX:
        if len(_ANCHOR_RX) > 256:
            _ANCHOR_RX.clear()
        _ANCHOR_RX[anchors] = anchor_matcher(anchors)
    return _ANCHOR_RX[anchors]


@lru_cache(maxsize=1024)
def _prefix_safe(pattern: re.Pattern[str], lead: str, banned: frozenset[str]) -> bool:
    """Does every string starting with `lead` (and not with a banned prefix) satisfy `pattern`?

    Decided on the next character: the lead alone or followed by any printable character must
    match, except where lead + character is itself banned (`not x.startswith("//")`).
    """
    return bool(pattern.search(lead)) and all(
        pattern.search(lead + ch) or (lead + ch) in banned for ch in _PROBE_CHARS
    )


def _better(candidate: Taint, current: Taint, spec: TaintSpec) -> bool:
    def rank(t: Taint) -> tuple[int, int, int]:
        return (t.kind == SOURCE and t.label in spec.sources, t.built, -len(t.steps))

    if rank(candidate) != rank(current):
        return rank(candidate) > rank(current)
    return taint_order(candidate) < taint_order(current)  # ties: the same choice on every run


def _select(
    selector: int | str,
    receiver: Value | None,
    args: list[Value],
    kwargs: dict[str, Value],
    star: list[Value],
    star_kw: list[Value],
) -> list[Value]:
    if isinstance(selector, int):
        if selector < len(args):
            return [args[selector]]
        return list(star)  # the argument may be inside `*args`
    if selector == "receiver":
        return [receiver] if receiver is not None else []
    if selector == "*":
        return [*args, *star]
    if selector == "**":
        return list(star_kw)
    if selector == "kwargs":
        return [*kwargs.values(), *star_kw]
    value = kwargs.get(selector)
    return [value] if value is not None else []


_PRINTF = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?([a-zA-Z%])")


# Text placed after a literal `?` or `#` of a URL is its query or fragment: it cannot change the
# scheme, host or path, so it can neither redirect off-site nor choose the server a request reaches.
_URL_TAIL_CLEARS = frozenset({"open_redirect", "ssrf"})


def _is_object(receiver: Value) -> bool:
    """A run-time object that is not a string; a module (`textwrap.dedent`) is not one."""
    if _is_str(receiver):
        return False
    return receiver.shape in ("call", "container") or bool(receiver.taints) or receiver.is_const


def _as_object_data(taints: frozenset[Taint]) -> frozenset[Taint]:
    """`stmt.values(name=col + " x")`: a method of an object that is not a string (a query
    builder, a column) keeps its arguments as data of that object, not as text spliced into one."""
    if not any(t.built for t in taints):
        return taints
    return frozenset(t.evolve(built=False) if t.built else t for t in taints)


def _marks_url_tail(v: Value) -> bool:
    text = leading_text(v)
    return text is not None and ("?" in text or "#" in text)


def _in_url_tail(v: Value) -> Value:
    if not v.taints:
        return v
    return v.with_taints(frozenset(t.evolve(cleared=t.cleared | _URL_TAIL_CLEARS) for t in v.taints))


def _printf_url_tail(fmt: str, values: Value) -> Value:
    """`"%s?%s" % (url, query)`: the values formatted after the `?` or `#` are URL tail."""
    marks = [i for i in (fmt.find("?"), fmt.find("#")) if i >= 0]
    if not marks:
        return values
    before = sum(1 for c in _PRINTF.findall(fmt[: min(marks)]) if c != "%")
    if values.shape == "container" and values.elems is not None:
        positional = [(k, v) for k, v in values.elems if isinstance(k, int)]
        if len(positional) != len(values.elems):
            return values
        items: list[tuple[object, Value]] = [
            (k, _in_url_tail(v) if k >= before else v) for k, v in positional
        ]
        return _container(items, True)
    return _in_url_tail(values) if before == 0 else values


def _printf_safe_positions(fmt: Value) -> frozenset[int]:
    """Argument positions a %-format renders with a conversion that cannot carry raw text."""
    if not (fmt.is_const and isinstance(fmt.const, str)):
        return frozenset()
    conversions = [c for c in _PRINTF.findall(fmt.const) if c != "%"]
    return frozenset(i + 1 for i, c in enumerate(conversions) if c in "radiouxXeEfFgG")


def _condition_holds(cond: Condition, args: list[Value], kwargs: dict[str, Value]) -> bool:
    value: Value | None = None
    if cond.keyword is not None:
        value = kwargs.get(cond.keyword)
    if value is None and cond.position is not None and cond.position < len(args):
        value = args[cond.position]
    if value is None:
        return False
    actual = value.fact(cond.fact) if cond.fact else value.const
    if actual is NO_CONST and cond.matches is not None and value.prefix and ";" in value.prefix:
        actual = value.prefix  # "text/plain; charset=%s" % cs: the media type itself is fixed
    if actual is NO_CONST:
        return False
    if cond.matches is not None:
        return isinstance(actual, str) and bool(cond.matches.search(actual))
    return actual == cond.equals and type(actual) is type(cond.equals)


def _apply_summary(summary: Value, actuals: list[Value], offset: int, step: Step | None) -> Value:
    params = [t for t in summary.taints if t.kind == PARAM]
    if len(params) == 1 and len(summary.taints) == 1 and not params[0].built and not params[0].cleared:
        index = int(params[0].label) - offset
        if 0 <= index < len(actuals) and not summary.is_const:
            return actuals[index]  # the helper hands its argument back unchanged
    taints: set[Taint] = set()
    for t in summary.taints:
        if t.kind != PARAM:
            taints.add(t)
            continue
        index = int(t.label) - offset
        if not 0 <= index < len(actuals):
            continue
        for actual in actuals[index].taints:
            taints.add(
                actual.evolve(built=actual.built or t.built, cleared=actual.cleared | t.cleared).through(step)
            )
    return Value(
        taints=frozenset(taints),
        const=summary.const if not taints else NO_CONST,
        shape=summary.shape,
        prefix=summary.prefix,
    ).with_taints(frozenset(taints))


def _base_taints(container: Value) -> frozenset[Taint]:
    """Taints of a container that no known slot accounts for: what an unlisted key may hold."""
    from_slots = frozenset().union(*(v.taints for _, v in container.elems or ()))
    return container.taints - from_slots


def _container(items: list[tuple[object, Value]], is_tuple: bool) -> Value:
    taints = frozenset().union(*(v.taints for _, v in items)) if items else frozenset()
    constant: object = NO_CONST
    if is_tuple and all(v.is_const for _, v in items):
        constant = tuple(v.const for _, v in items)
    return Value(taints=taints, elems=tuple(items), shape="container", const=constant).with_taints(taints)


def _merge_into(env: Env, branches: list[tuple[Env, bool]]) -> bool:
    live = [b for b, ended in branches if not ended]
    if not live:
        return True
    merged = live[0]
    for other in live[1:]:
        merged = _joined(merged, other)
    env.clear()
    env.update(merged)
    return False


def _joined(a: Env, b: Env) -> Env:
    if a is b:
        return dict(a)
    out = dict(a)
    for key, value in b.items():
        mine = out.get(key)
        out[key] = value if mine is None else join(mine, value)
    return out


def _paths_in(expr: ir.Expr) -> list[str]:
    """Names and dotted paths a condition reads directly (call arguments, operands)."""
    out: list[str] = []
    stack: list[ir.Expr | None] = [expr]
    while stack:
        node = stack.pop()
        path = _path(node)
        if path:
            out.append(path)
        elif isinstance(node, ir.Call):
            stack.extend(node.args)
            stack.extend(v for _, v in node.kwargs)
            if isinstance(node.func, ir.Attr):
                stack.append(node.func.obj)
        elif isinstance(node, ir.Compare):
            stack.extend(node.operands)
        elif isinstance(node, ir.BoolOp):
            stack.extend(node.values)
        elif isinstance(node, ir.UnaryOp):
            stack.append(node.operand)
    return out


def _path(expr: ir.Expr | None) -> str | None:
    if isinstance(expr, ir.Name):
        return expr.id
    if isinstance(expr, ir.Attr):
        base = _path(expr.obj)
        return f"{base}.{expr.attr}" if base else None
    return None


def _is_str(v: Value) -> bool:
    return (v.is_const and isinstance(v.const, str)) or v.shape == "str"


def _restrictive(pattern: str, qual: str) -> bool:
    anchored = qual == "re.fullmatch" or pattern.endswith(("$", "\\Z"))
    loose = re.search(r"(?<!\\)\.|\\S|\\W|\[\^", pattern)
    return anchored and not loose


def _line(node: SgNode | None) -> int:
    if node is None:
        return 0
    return node.range().start.line + 1


def _text(node: SgNode | None) -> str:
    if node is None:
        return ""
    return node.text()


def _first_line(node: SgNode | None) -> str:
    text = _text(node).strip().splitlines()
    line = text[0] if text else ""
    return line if len(line) <= 160 else line[:159] + "…"


class _LazyStep:
    """The trace step of a call, built only if some taint actually passes through it."""

    __slots__ = ("_node", "_step")

    def __init__(self, node: SgNode | None) -> None:
        self._node = node
        self._step: Step | None = None

    def get(self) -> Step | None:
        if self._step is None:
            self._step = _step(self._node)
        return self._step


def _step(node: SgNode | None) -> Step | None:
    if node is None:
        return None
    return Step(_line(node), _first_line(node))
