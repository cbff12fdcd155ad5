"""State of one analysis: frames, hits, and what every part of `Analysis` shares.

`Analysis` is assembled from parts, one per concern (statements, expressions, calls, refinement,
sinks); each part is written against `AnalysisBase`, which names the attributes the analysis
holds and, for the type checker only, the methods one part calls in another.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ast_grep_py import SgNode

from vsguard.engine.gaps import Gap
from vsguard.engine.prefilter import AnchorMatcher
from vsguard.engine.taint import ir
from vsguard.engine.taint.spec import Catalog, Sanitizer, Sink, TaintSpec
from vsguard.engine.taint.support import Env
from vsguard.engine.taint.values import Step, Taint, Value
from vsguard.records import field, record

if TYPE_CHECKING:
    from vsguard.engine.matches import RawMatch
    from vsguard.engine.taint.summaries import HelperCall, Summary

__all__ = ["AnalysisBase", "Env", "Frame", "Hit", "HitKey", "OutOfTime", "ParamSink"]

#: a finding's identity in one file: rule id, line and column of where it is reported
HitKey = tuple[str, int, int]


class OutOfTime(TimeoutError):
    """The per-file time budget ran out during taint analysis."""


@record(frozen=True, slots=True)
class ParamSink:
    """One flow of a summary: a parameter (`taint.label`, the PARAM taint as it arrived) reaches
    `sink` of `spec`; `sink_step` is the sink's line and code, `covers` the places this file
    reports the flow at when its parameter is of unknown origin (dropped once a call reports it
    with attacker data), `via` the helpers it passes through below the one summarised."""

    spec: TaintSpec
    sink: Sink
    taint: Taint
    direct: bool  # the sink sees the parameter itself, unchanged
    sink_step: Step
    covers: tuple[HitKey, ...]
    via: tuple[str, ...]


@record
class Frame:
    """What the analysis of one function body knows about its context."""

    report: bool
    #: flows from parameters to sinks found in the body, for its summary (None: not collected)
    param_sinks: list[ParamSink] | None = None
    html_route: bool = False
    returns: list[Value] = field(default_factory=list)
    terminated_by_call: bool = False
    # `ok = is_safe(x)`: name -> (the check, the values it looked at), so `if ok:` refines like the check
    guards: dict[str, tuple[ir.Expr, dict[str, Value]]] = field(default_factory=dict)
    loop_depth: int = 0


@record(frozen=True)
class Hit:
    """A tainted value reaching a sink."""

    spec: TaintSpec
    taint: Taint
    sink_node: SgNode  # where the finding is reported: the sink, or the call into a helper
    sink_step: Step | None = None  # a flow through helpers: the sink inside the helper
    covers: tuple[HitKey, ...] = ()
    via: tuple[str, ...] = ()  # the helpers the flow passes through, outermost first


class AnalysisBase:
    """The shared state of an analysis of one module (set up by `Analysis.__init__`)."""

    module: ir.Module
    deadline: float | None
    gaps: list[Gap]
    specs: tuple[TaintSpec, ...]
    catalog: Catalog
    sanitizers: tuple[Sanitizer, ...]
    resolve: Callable[[str], tuple[AnalysisBase, ir.FunctionDef] | None] | None
    globals: Env
    functions: dict[str, ir.FunctionDef]
    _methods: dict[str, ir.FunctionDef | None] | None
    _summaries: dict[int, Summary | None]
    _in_progress: set[int]
    _hits: dict[HitKey, Hit]
    _globals_ready: bool
    _globals_done: bool
    _import_targets: set[str]
    _prechecks: tuple[list[str], list[str]] | None
    _texts: dict[int, str]
    _reporting: bool
    _sink_cache: dict[str, list[tuple[TaintSpec, Sink]]]
    _store_cache: dict[str, list[tuple[TaintSpec, Sink]]]
    _source_cache: dict[str, tuple[str, ...]]
    _clear_cache: dict[str, frozenset[str] | None]
    _flag_cache: dict[str, int]
    _wanted_sources: frozenset[str]
    _return_specs: list[tuple[TaintSpec, Sink]]
    _anchor_rx: AnchorMatcher | None
    _plain_rx: AnchorMatcher | None
    _source_rx: AnchorMatcher | None

    if TYPE_CHECKING:  # methods one part of the analysis calls in another

        def exec_block(self, body: list[ir.Stmt], env: Env, frame: Frame) -> bool: ...
        def _split(self, test: ir.Expr | None, env: Env, frame: Frame) -> tuple[Env, Env]: ...
        def assign(
            self, target: ir.Expr | None, value: Value, env: Env, frame: Frame, step: Step | None
        ) -> None: ...
        def eval(self, expr: ir.Expr | None, env: Env, frame: Frame) -> Value: ...
        def _attribute(self, obj: Value, attr: str, node: SgNode | None) -> Value: ...
        def _source_taints(self, qual: str, obj: Value, node: SgNode | None) -> frozenset[Taint]: ...
        def _format(self, parts: list[Value]) -> Value: ...
        def _binop(self, op: str, left: Value, right: Value, node: SgNode | None) -> Value: ...
        def _element(self, container: Value) -> Value: ...
        def _call(self, call: ir.Call, env: Env, frame: Frame) -> Value: ...
        def _remember_guard(self, name: str, expr: ir.Expr | None, env: Env, frame: Frame) -> None: ...
        def refine(self, test: ir.Expr | None, truth: bool, env: Env, frame: Frame) -> None: ...
        def _sinks_for(self, qual: str) -> list[tuple[TaintSpec, Sink]]: ...
        def _stores_for(self, qual: str) -> list[tuple[TaintSpec, Sink]]: ...
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
        ) -> None: ...
        def _check_return(self, stmt: ir.Return, value: Value, frame: Frame) -> None: ...
        def _check_value(
            self, spec: TaintSpec, sink: Sink, value: Value, node: SgNode, frame: Frame
        ) -> None: ...
        def _exempt(self, sink: Sink, value: Value) -> bool: ...
        def _accepts(self, spec: TaintSpec, sink: Sink, taint: Taint) -> bool: ...
        def _prefer(self, candidate: Taint, current: Taint, spec: TaintSpec) -> bool: ...
        def _note_param_sinks(
            self, spec: TaintSpec, sink: Sink, value: Value, node: SgNode, frame: Frame
        ) -> None: ...
        def _apply_param_sinks(
            self,
            summary: Summary,
            callee: str,
            actuals: list[Value],
            offset: int,
            call: ir.Call,
            frame: Frame,
            foreign: bool,
        ) -> None: ...
        def _helper_call(
            self, qual: str, call: ir.Call, args: list[Value], kwargs: dict[str, Value], frame: Frame
        ) -> HelperCall | None: ...
        def _to_match(self, hit: Hit) -> RawMatch: ...
        def summary(self, func: ir.FunctionDef) -> Summary | None: ...
