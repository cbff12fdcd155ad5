"""The taint core: an abstract interpreter over the IR, one function body at a time.

It walks statements in order with an environment of abstract values, splits at branches and joins
after them (a branch whose condition is decidable at analysis time is the only one taken), runs
loop bodies twice, and checks every call, store and handler return against the rules' sinks.
Calls to functions of the same file (or a sibling module) use summaries of what they return.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable

from vsguard.engine.gaps import TIME_LIMIT, Gap, reason_for
from vsguard.engine.matches import RawMatch
from vsguard.engine.prefilter import regex_anchors
from vsguard.engine.taint import ir
from vsguard.engine.taint.calls import Calls
from vsguard.engine.taint.expressions import Expressions
from vsguard.engine.taint.refinement import Refinement
from vsguard.engine.taint.sinks import Sinks
from vsguard.engine.taint.spec import (
    REQUIRE_SOURCE,
    Catalog,
    Sanitizer,
    TaintSpec,
    lookups_for,
)
from vsguard.engine.taint.state import Env, Frame, Hit, HitKey, OutOfTime
from vsguard.engine.taint.statements import Statements
from vsguard.engine.taint.summaries import HelperFlows, Summary, collect
from vsguard.engine.taint.support import (
    _MAX_SUMMARY_DEPTH,
    _anchor_regex,
    _line,
    _text,
    _union,
)
from vsguard.engine.taint.values import (
    PARAM,
    SOURCE,
    Step,
    Taint,
    Value,
    const,
    join_all,
    unknown,
)


class Analysis(Statements, Expressions, Calls, Refinement, Sinks, HelperFlows):
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
        self._methods: dict[str, ir.FunctionDef | None] | None = None
        self._caller_graph: dict[str, set[str]] | None = None
        self._summaries: dict[int, Summary | None] = {}
        self._in_progress: set[int] = set()
        self._hits: dict[HitKey, Hit] = {}
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
        # (a parameter named like a request object, `req`, reads as `request`: its name is a source word)
        params = catalog.request_params.pattern
        self._source_rx = _anchor_regex(
            _union(
                [
                    *(regex_anchors(p.pattern) for g, (_, p) in catalog.sources.items() if g in groups),
                    regex_anchors(params) if groups and params != "(?!)" else frozenset(),
                ]
            )
        )

    def run(self) -> list[RawMatch]:
        """Matches in the module. A function whose analysis fails or runs out of time is recorded in
        `gaps` and the others are still analysed; after the deadline, the rest are only counted."""
        try:
            self.module_globals(report=True)
        except Exception as exc:
            self.gaps.append(Gap("module code", 1, reason_for(exc)))
            self._globals_done = True
        self._reporting = True
        # Helpers first, so a caller finds every summary made (however the file orders them).
        known = len(self.module.functions)
        order = self._callees_first(self.module.functions[:known])
        needed = self._needed(order)
        planned = len(order)
        index = 0
        while index < len(order) or known < len(self.module.functions):
            if index == len(order):  # lowering a body added the functions nested in it
                order.extend(self.module.functions[known:])
                known = len(self.module.functions)
            func = order[index]
            index += 1
            if self._out_of_time():
                self._note_remaining(order[index - 1 :] + self.module.functions[known:])
                break
            try:
                if id(func) in needed if needed is not None and index <= planned else self._may_report(func):
                    self.summary(func)  # analyses the body once: reports its sinks, records its returns
            except Exception as exc:
                self._in_progress.clear()
                self.gaps.append(Gap(f"function {func.name}", _line(func.node), reason_for(exc)))
        return [self._to_match(h) for h in self._reported()]

    def _reported(self) -> list[Hit]:
        """The hits, less those a call into a helper reports with attacker data: the helper's own
        sink (and calls on the way), reached there by a parameter of unknown origin, is the same flow."""
        covered = {key for hit in self._hits.values() if hit.taint.kind == SOURCE for key in hit.covers}
        return [h for key, h in self._hits.items() if key not in covered or h.taint.kind == SOURCE]

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
        route parameter or one bound to request data by its annotation, a module-level name
        holding request data, or a call to a helper that has one (helpers of this file by name,
        anything imported from a sibling module).
        """
        rx = self._anchor_rx
        if rx is None or self._is_handler_method(func):
            return True
        if func.decorators and any(self._route_kind(func)):
            return True  # route parameters are sources without any source word
        bound = self.catalog.bound_annotations
        if any(p.annotation and bound.search(p.annotation) for p in func.params):
            return True  # a parameter bound to request data is a source without any source word
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
        # a helper imported from a sibling module may hold a sink its callers pass data to
        sink_aliases += [n for n, v in self.globals.items() if v.qual and v.qual.startswith(".")]
        source_aliases = [
            n
            for n, v in self.globals.items()
            if (
                v.qual
                and (src is None or src.search(v.qual) or v.qual.startswith(".") or n in self.functions)
            )
            or any(t.kind == SOURCE for t in v.taints)
        ]
        texts = [(f.name, self._func_text(f)) for f in self.module.functions]
        callers = self._callers()
        if rx is not None:  # local helpers whose text (transitively) reaches a sink
            seeds = {name for name, text in texts if rx.search(text) or any(a in text for a in sink_aliases)}
            sink_aliases += sorted(_closure(seeds, callers) - set(sink_aliases))
        if src is not None:  # local helpers whose text (transitively) reaches a source
            capable = _closure({name for name, text in texts if src.search(text)}, callers)
            source_aliases = [n for n in source_aliases if n not in self.functions or n in capable]
            source_aliases += [n for n in sorted(capable) if n not in source_aliases]
        self._check_time()
        return sink_aliases, source_aliases

    def _callers(self) -> dict[str, set[str]]:
        """For each function name of the module, the functions whose text mentions it."""
        if self._caller_graph is None:
            texts = [(f.name, self._func_text(f)) for f in self.module.functions]
            self._caller_graph = _callers(texts, self.functions)
        return self._caller_graph

    def _needed(self, order: list[ir.FunctionDef]) -> set[int] | None:
        """The functions to analyse: those in which a rule may fire, and the helpers they call
        (transitively, by name), so that no summary waits on a chain of summaries being made.
        None when the pre-check itself failed: each function is then checked on its own."""
        try:
            names = {f.name for f in order if self._may_report(f)}
        except Exception:
            return None
        callees: dict[str, set[str]] = {}
        for callee, callers in self._callers().items():
            for caller in callers:
                callees.setdefault(caller, set()).add(callee)
        todo = list(names)
        while todo:
            for callee in callees.get(todo.pop(), ()):
                if callee not in names:
                    names.add(callee)
                    todo.append(callee)
        return {id(f) for f in order if f.name in names}

    def _callees_first(self, funcs: list[ir.FunctionDef]) -> list[ir.FunctionDef]:
        """The functions with each one after those it (by name) calls, as far as cycles allow;
        otherwise in the order of the file."""
        if len(funcs) < 2:
            return list(funcs)
        rank = {f.name: i for i, f in reversed(list(enumerate(funcs)))}
        callees: dict[str, list[str]] = {}
        for callee, names in self._callers().items():
            for name in names:
                callees.setdefault(name, []).append(callee)
        by_name: dict[str, list[ir.FunctionDef]] = {}
        for f in funcs:
            by_name.setdefault(f.name, []).append(f)

        def ordered(name: str) -> list[str]:
            return sorted(callees.get(name, ()), key=lambda n: rank.get(n, 0), reverse=True)

        done: set[str] = set()
        out: list[ir.FunctionDef] = []
        for f in funcs:
            if f.name in done:
                continue
            done.add(f.name)
            stack = [(f.name, ordered(f.name))]
            while stack:
                name, todo = stack[-1]
                while todo and todo[-1] in done:
                    todo.pop()
                if not todo:
                    stack.pop()
                    out.extend(by_name.get(name, ()))
                    continue
                nxt = todo.pop()
                done.add(nxt)
                stack.append((nxt, ordered(nxt)))
        return out

    def module_globals(self, report: bool = False) -> Env:
        if not self._globals_ready:
            self._globals_ready = True
            env: Env = {}
            self.exec_block(self.module.body, env, Frame(report=report))
            self.globals = env
            self._globals_done = True
        return self.globals

    def analyse_function(self, func: ir.FunctionDef, report: bool) -> Frame:
        """Run a body once. Plain parameters carry PARAM taints, so the returned values and the
        parameters reaching sinks make up the function's summary, while sinks also treat them as
        unknown input (a parameter of unknown origin); route parameters are sources, request
        objects and typed numbers are special."""
        self.module_globals()
        frame = Frame(report=report, param_sinks=[])
        env: Env = {}
        route, html = self._route_kind(func)
        frame.html_route = html
        for index, param in enumerate(func.params):
            env[param.name] = self._param_value(func, param, index, route)
        known = len(self.module.functions)
        body = func.get_body()
        for nested in self.module.functions[known:]:  # lowered with the body: callable by name now
            self.functions.setdefault(nested.name, nested)
        self.exec_block(body, env, frame)
        return frame

    def summary(self, func: ir.FunctionDef) -> Summary | None:
        key = id(func)
        if key in self._summaries:
            return self._summaries[key]
        if key in self._in_progress or len(self._in_progress) >= _MAX_SUMMARY_DEPTH:
            return None  # recursion, or a call chain too deep to follow: the result is unknown
        self._in_progress.add(key)
        try:
            frame = self.analyse_function(func, report=self._reporting)
        finally:
            self._in_progress.discard(key)
        returns = join_all(frame.returns) if frame.returns else const(None)
        result = Summary(returns, collect(frame.param_sinks or []))
        if self._globals_done:  # a call made while module code still runs saw partial globals
            self._summaries[key] = result
        return result

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
        if name in cat.library.receiver_names and func.is_method and index == 0:
            return unknown(name).evolve(qual=name)  # the receiver, named for attribute lookups
        is_request = bool(cat.request_params.search(name)) or bool(
            param.annotation and cat.request_annotations.search(param.annotation)
        )
        if is_request:
            return unknown(f"parameter {name}").evolve(qual="request")
        if param.annotation and cat.numeric_annotations.search(param.annotation.strip()):
            return Value(shape="number", qual=name)  # a typed number carries no text
        if param.annotation and cat.bound_annotations.search(param.annotation):
            return Value(taints=frozenset({Taint(SOURCE, "web", origin)}), qual=name)
        injected = param.default is not None and cat.injected_defaults.search(_text(param.default.node))
        # Function views without a route decorator (Django's URLconf) are not recognised: their
        # path parameters are converter-checked and the name alone would catch many non-views.
        if (route and not injected and not param.star) or (route and param.star == "**"):
            return Value(taints=frozenset({Taint(SOURCE, "web", origin)}), qual=name)
        qual = name
        if param.annotation and cat.library.typed_params.search(param.annotation):
            qual = param.annotation.lstrip("*")  # named by its type: `db *sql.DB` -> "sql.DB"
        return Value(taints=frozenset({Taint(PARAM, str(index), origin)}), qual=qual)


_WORD = re.compile(r"[^\W\d][\w$]*")


def _callers(texts: list[tuple[str, str]], functions: dict[str, ir.FunctionDef]) -> dict[str, set[str]]:
    """For each function name of the module, the functions whose text mentions it (one pass)."""
    out: dict[str, set[str]] = {}
    for name, text in texts:
        for word in set(_WORD.findall(text)):
            if word in functions and word != name:
                out.setdefault(word, set()).add(name)
    return out


def _closure(seeds: set[str], callers: dict[str, set[str]]) -> set[str]:
    """The seeds and every function that (transitively) mentions one of them."""
    found = set(seeds)
    todo = list(seeds)
    while todo:
        for caller in callers.get(todo.pop(), ()):
            if caller not in found:
                found.add(caller)
                todo.append(caller)
    return found
