"""Sinks and traces: whether a value reaching a sink is dangerous, and the match reported for it."""

from __future__ import annotations

from typing import Literal

from ast_grep_py import SgNode

from vsguard.engine.matches import RawMatch, node_location
from vsguard.engine.taint import ir
from vsguard.engine.taint.spec import (
    REQUIRE_BUILT,
    REQUIRE_NONCONSTANT,
    REQUIRE_SOURCE,
    REQUIRE_SPLICED,
    Sink,
    TaintSpec,
)
from vsguard.engine.taint.state import AnalysisBase, Frame, Hit
from vsguard.engine.taint.summaries import ELLIPSIS
from vsguard.engine.taint.support import (
    _better,
    _condition_holds,
    _first_line,
    _prefix_safe,
    _printf_safe_positions,
    _select,
    _text,
)
from vsguard.engine.taint.values import (
    PARAM,
    SOURCE,
    UNKNOWN,
    Taint,
    Value,
    leading_text,
)
from vsguard.models import TraceStep


class Sinks(AnalysisBase):
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
        frame: Frame,
    ) -> None:
        if sink.when and not all(_condition_holds(c, args, kwargs) for c in sink.when):
            return
        if sink.when_any and not any(_condition_holds(c, args, kwargs) for c in sink.when_any):
            return
        if any(_condition_holds(c, args, kwargs) for c in sink.unless):
            return
        safe_positions = (
            _printf_safe_positions(args[0], self.catalog.library.printf_safe_conversions)
            if sink.printf and args
            else frozenset()
        )
        for selector in sink.args:
            values = _select(selector, receiver, args, kwargs, star, star_kw)
            if selector == "*" and safe_positions:
                values = [v for i, v in enumerate(args) if i not in safe_positions] + list(star)
            for value in values:
                self._check_value(spec, sink, value, call.node, frame)

    def _check_return(self, stmt: ir.Return, value: Value, frame: Frame) -> None:
        if value.shape in ("container", "fixed_keys", "call"):
            return  # JSON for a dict or list; a call's result is a response object, checked at the call
        for spec, sink in self._return_specs:
            if sink.returns == "html_route":
                self._check_value(spec, sink, value, stmt.node, frame)

    def _check_value(self, spec: TaintSpec, sink: Sink, value: Value, node: SgNode, frame: Frame) -> None:
        if not value.taints or self._exempt(sink, value):
            return
        if frame.param_sinks is not None:
            self._note_param_sinks(spec, sink, value, node, frame)
        if not frame.report:
            return
        best: Taint | None = None
        for taint in value.taints:
            if self._accepts(spec, sink, taint) and (best is None or _better(taint, best, spec)):
                best = taint
        if best is None:
            return
        location = node_location(node)
        key = (spec.rule.id, location.start_line, location.start_column)
        current = self._hits.get(key)
        if current is None or _better(best, current.taint, spec):
            self._hits[key] = Hit(spec, best, node)

    def _exempt(self, sink: Sink, value: Value) -> bool:
        """The whole value is safe for this sink, whatever its taints (its shape or known start)."""
        if sink.keys_only and (value.elems is not None or value.shape == "fixed_keys"):
            return True  # a mapping whose keys the code chose: values alone cannot pick fields
        if sink.text_only and value.shape == "container":
            return True  # `res.send({...})` sends JSON, not markup
        if sink.safe_prefix is not None:
            # the known start must be safe whatever follows it: "/" alone is not ("//evil.example")
            lead = leading_text(value)
            banned = frozenset(v for k, v in value.facts if k == "not_prefix" and isinstance(v, str))
            if lead and _prefix_safe(sink.safe_prefix, lead, banned):
                return True
        return False

    def _accepts(self, spec: TaintSpec, sink: Sink, taint: Taint) -> bool:
        """Does this taint, arriving at the sink, make a finding of the rule?"""
        if taint.clears(spec.vuln_class):
            return False
        require = sink.require or spec.require
        is_source = taint.kind == SOURCE and taint.label in spec.sources
        if require == REQUIRE_SOURCE:
            return is_source
        if require == REQUIRE_BUILT:
            return is_source or taint.built
        if require == REQUIRE_SPLICED:
            return taint.built
        if require == REQUIRE_NONCONSTANT:
            return is_source or taint.kind in (UNKNOWN, SOURCE, PARAM)
        return True

    def _prefer(self, candidate: Taint, current: Taint, spec: TaintSpec) -> bool:
        return _better(candidate, current, spec)

    def _to_match(self, hit: Hit) -> RawMatch:
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
            if hit.sink_step is None:
                trace.extend(
                    TraceStep(line=s.line, kind="step", code=s.code)
                    for s in taint.steps
                    if s.line != location.start_line
                )
            else:  # into a helper: the call, the helper's parameter, its steps, up to its sink
                trace.extend(
                    TraceStep(line=s.line, kind="step", code=s.code)
                    for s in taint.steps
                    if s != hit.sink_step
                )
            message = f"{spec.rule.message} Here it carries {label} from line {taint.origin.line}"
            message += _through(hit, location.start_line) + "."
            confidence = max(confidence, spec.source_confidence, key=lambda c: c.rank)
        if hit.sink_step is None:
            trace.append(TraceStep(line=location.start_line, kind="sink", code=_first_line(node)))
        else:
            trace.append(TraceStep(line=hit.sink_step.line, kind="sink", code=hit.sink_step.code))
        return RawMatch(
            rule=spec.rule,
            location=location,
            snippet=_text(node),
            trace=tuple(trace) if is_source else (),
            message=message,
            confidence=confidence,
        )


def _through(hit: Hit, line: int) -> str:
    """How a flow through helpers reaches its sink, for the message."""
    if not hit.via or hit.sink_step is None:
        return ""
    names = " and then ".join(name if name == ELLIPSIS else f"{name}()" for name in hit.via)
    if hit.sink_step.line == line:
        return f" into {names}, which passes it to a sink"
    return f" into {names}, which passes it to the sink on line {hit.sink_step.line}"
