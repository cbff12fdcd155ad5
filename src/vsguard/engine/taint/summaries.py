"""Function summaries: what a helper returns, and which of its parameters reach which sinks.

A helper's body is analysed once with its parameters carrying PARAM taints. Besides the joined
return value, the summary lists every sink a parameter reaches (`ParamSink`: the rule, the sink,
the parameter's taint as it arrived there, with its steps, splicing and the classes sanitizers
cleared on the way). At a call, each listed flow is replayed with the caller's argument in place
of the parameter: an argument carrying attacker data is reported AT THE CALL, where the data
enters the helper, with the trace running on through the helper to its sink; a constant or
sanitized argument yields nothing. An argument that is itself a parameter of the caller makes the
flow part of the caller's own summary, so a helper calling a helper works the same way.
"""

from __future__ import annotations

from ast_grep_py import SgNode

from vsguard.engine.matches import node_location
from vsguard.engine.taint import ir
from vsguard.engine.taint.spec import Sink, TaintSpec
from vsguard.engine.taint.state import AnalysisBase, Frame, Hit, HitKey, ParamSink
from vsguard.engine.taint.support import _first_line, _line, _step
from vsguard.engine.taint.values import PARAM, SOURCE, Step, Value, const, join_all, taint_order
from vsguard.records import record

__all__ = ["HelperCall", "HelperFlows", "Summary"]

_MAX_PARAM_SINKS = 24  # flows kept per summary: enough for real helpers, bounded for generated ones
_MAX_CHAIN_STEPS = 24  # trace steps kept for a flow through helpers (the first and last halves)
_MAX_VIA = 4  # helper names kept for the message of a flow through nested helpers
ELLIPSIS = "..."  # stands for the helpers left out of a long chain


@record(frozen=True, slots=True)
class Summary:
    returns: Value
    sinks: tuple[ParamSink, ...] = ()


def whole_parameter(value: Value) -> bool:
    """The value is one parameter passed on unchanged: the sink sees exactly the argument."""
    if len(value.taints) != 1 or value.prefix is not None or value.elems is not None:
        return False
    (taint,) = value.taints
    return not taint.built


def _chain(steps: tuple[Step, ...]) -> tuple[Step, ...]:
    if len(steps) <= _MAX_CHAIN_STEPS:
        return steps
    half = _MAX_CHAIN_STEPS // 2
    return steps[:half] + steps[-half:]


def _via(callee: str, inner: tuple[str, ...]) -> tuple[str, ...]:
    """The helpers a flow passes through, outermost first; a long chain keeps its two outermost
    and its innermost (the one holding the sink), with `ELLIPSIS` in between."""
    names = (callee, *inner)
    if len(names) <= _MAX_VIA:
        return names
    return (*names[:2], ELLIPSIS, names[-1])


def _key(spec: TaintSpec, node: SgNode) -> HitKey:
    location = node_location(node)
    return (spec.rule.id, location.start_line, location.start_column)


def collect(sinks: list[ParamSink]) -> tuple[ParamSink, ...]:
    """The distinct flows of one body, shortest trace first, at most `_MAX_PARAM_SINKS`."""
    seen: dict[tuple[object, ...], ParamSink] = {}

    # ordered by content, not by the hash order the taints were met in: the same flows every run
    def order(p: ParamSink) -> tuple[object, ...]:
        return (len(p.taint.steps), p.sink_step.line, p.spec.rule.id, taint_order(p.taint))

    ordered = sorted(sinks, key=order)
    for ps in ordered:
        t = ps.taint
        key = (ps.spec.rule.id, id(ps.sink), t.label, ps.sink_step, t.built, t.cleared, ps.direct)
        if key not in seen:
            seen[key] = ps
            if len(seen) >= _MAX_PARAM_SINKS:
                break
    return tuple(seen.values())


#: a call into an analysed helper: its summary, the argument bound to each parameter, and the
#: index of the first of them (1 when a receiver parameter is skipped)
HelperCall = tuple[Summary, list[Value], int]


class HelperFlows(AnalysisBase):
    def _helper_call(
        self, qual: str, call: ir.Call, args: list[Value], kwargs: dict[str, Value], frame: Frame
    ) -> HelperCall | None:
        """The summary of the helper a call names (a function of this module, a method on the
        receiver, a function of a sibling module), with the call's arguments bound; the helper's
        parameter-to-sink flows are replayed here."""
        owner: AnalysisBase = self
        func: ir.FunctionDef | None = None
        skip_self = False
        if "." not in qual and qual in self.functions:
            func = self.functions[qual]
        if (
            func is None
            and qual.count(".") == 1
            and qual.split(".", 1)[0] in self.catalog.library.receiver_names
        ):
            func = self._method(qual.split(".", 1)[1])
            skip_self = func is not None
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
        self._apply_param_sinks(summary, func.name, actuals, offset, call, frame, owner is not self)
        return summary, actuals, offset

    def _method(self, name: str) -> ir.FunctionDef | None:
        """The method of this module called `name` on a receiver (`self.name`), if only one class
        defines it; a method's own name may carry its class (`Class.name`)."""
        if self._methods is None:
            found: dict[str, ir.FunctionDef | None] = {}
            for f in self.module.functions:
                if f.is_method:
                    short = f.name.rsplit(".", 1)[-1]
                    found[short] = f if short not in found else None
            self._methods = found
        return self._methods.get(name)

    def _note_param_sinks(
        self, spec: TaintSpec, sink: Sink, value: Value, node: SgNode, frame: Frame
    ) -> None:
        """Parameters reaching a sink in the body being analysed become flows of its summary."""
        assert frame.param_sinks is not None
        direct = whole_parameter(value)
        step: Step | None = None
        for taint in value.taints:
            if taint.kind != PARAM or taint.clears(spec.vuln_class):
                continue
            if step is None:
                step = Step(_line(node), _first_line(node))
            frame.param_sinks.append(ParamSink(spec, sink, taint, direct, step, (_key(spec, node),), ()))

    def _apply_param_sinks(
        self,
        summary: Summary,
        callee: str,
        actuals: list[Value],
        offset: int,
        call: ir.Call,
        frame: Frame,
        foreign: bool,
    ) -> None:
        """Replay a helper's parameter-to-sink flows with the arguments of this call.

        `foreign`: the helper lives in another file, whose lines mean nothing in this one's trace;
        its inner steps are left out and the call itself is the sink step shown.
        """
        if not summary.sinks or not (frame.report or frame.param_sinks is not None):
            return
        call_step: Step | None = None
        best: dict[HitKey, Hit] = {}
        for ps in summary.sinks:
            index = int(ps.taint.label) - offset
            if not 0 <= index < len(actuals):
                continue
            actual = actuals[index]
            if not actual.taints or (ps.direct and self._exempt(ps.sink, actual)):
                continue
            if call_step is None:
                call_step = _step(call.node) or Step(_line(call.node), "")
            inner = ps.taint
            covers: tuple[HitKey, ...]
            if foreign:
                tail: tuple[Step, ...] = ()
                sink_step, covers = call_step, ()
            else:
                tail = ((inner.origin,) if inner.origin is not None else ()) + inner.steps
                sink_step, covers = ps.sink_step, ps.covers
            via = _via(callee, ps.via)
            for arg in actual.taints:
                steps = arg.steps if arg.steps and arg.steps[-1] == call_step else (*arg.steps, call_step)
                replayed = arg.evolve(
                    steps=_chain(steps + tail),
                    built=arg.built or inner.built,
                    cleared=arg.cleared | inner.cleared,
                )
                if replayed.clears(ps.spec.vuln_class):
                    continue
                if replayed.kind == PARAM:
                    if frame.param_sinks is not None:
                        direct = ps.direct and whole_parameter(actual)
                        flow = ParamSink(
                            ps.spec,
                            ps.sink,
                            replayed,
                            direct,
                            sink_step,
                            (*covers, _key(ps.spec, call.node)),
                            via,
                        )
                        frame.param_sinks.append(flow)
                    continue
                # Only attacker data is reported at the call: input of unknown origin passed to a
                # helper is judged where the helper uses it, as it always was.
                if not frame.report or replayed.kind != SOURCE:
                    continue
                if not self._accepts(ps.spec, ps.sink, replayed):
                    continue
                key = _key(ps.spec, call.node)
                current = best.get(key)
                if current is None or self._prefer(replayed, current.taint, ps.spec):
                    best[key] = Hit(ps.spec, replayed, call.node, sink_step, covers, via)
        for key, hit in best.items():
            known = self._hits.get(key)
            if known is None or self._prefer(hit.taint, known.taint, hit.spec):
                self._hits[key] = hit
