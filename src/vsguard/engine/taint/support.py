"""Helpers of the taint core shared by its parts: paths, lines, containers, joins, summaries."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from ast_grep_py import SgNode

from vsguard.engine.lazy_regex import Regex
from vsguard.engine.prefilter import AnchorMatcher, anchor_matcher
from vsguard.engine.taint import ir
from vsguard.engine.taint.spec import (
    Condition,
    TaintSpec,
)
from vsguard.engine.taint.values import (
    NO_CONST,
    PARAM,
    SOURCE,
    Step,
    Taint,
    Value,
    join,
    leading_text,
    taint_order,
)

Env = dict[str, Value]
NUMBER = Value(shape="number")
_NEWLINES = ("\n", "\r")
_URL_CLASSES = frozenset({"open_redirect", "ssrf"})
_PROBE_CHARS = tuple(chr(c) for c in range(33, 127))
_NO_FLAGS, _TERMINATES, _CONVERSION, _DERIVED, _URL_PARSER, _PATH_RESULT = 0, 1, 2, 4, 8, 16
_FIRST_ARG = 32
_MAX_SUMMARY_DEPTH = 6  # helpers summarised while summarising a helper, at most this deep
_NUMERIC_OPS = frozenset({"-", "/", "//", "**", "<<", ">>", "&", "^"})


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
def _prefix_safe(pattern: Regex, lead: str, banned: frozenset[str]) -> bool:
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


def _printf_safe_positions(fmt: Value, safe: str) -> frozenset[int]:
    """Argument positions a %-format renders with a conversion (one of `safe`) that cannot carry
    raw text."""
    if not (fmt.is_const and isinstance(fmt.const, str)):
        return frozenset()
    conversions = [c for c in _PRINTF.findall(fmt.const) if c != "%"]
    return frozenset(i + 1 for i, c in enumerate(conversions) if c in safe)


def _condition_holds(cond: Condition, args: list[Value], kwargs: dict[str, Value]) -> bool:
    value: Value | None = None
    if cond.keyword is not None:
        value = kwargs.get(cond.keyword)
    if value is None and cond.position is not None and cond.position < len(args):
        value = args[cond.position]
    if value is None:
        return False
    if cond.given:
        return True
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
        if 0 <= index < len(actuals) and not summary.is_const and summary.shape != "call":
            return actuals[index]  # the helper hands its argument back unchanged (not a call's result)
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


def _condition_reads(expr: ir.Expr | None) -> list[tuple[str, ir.Expr]]:
    """Names and dotted paths a condition reads directly (call arguments, operands), each with
    the expression that reads it."""
    out: list[tuple[str, ir.Expr]] = []
    stack: list[ir.Expr | None] = [expr]
    while stack:
        node = stack.pop()
        path = _path(node)
        if path and node is not None:
            out.append((path, node))
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


def _paths_in(expr: ir.Expr) -> list[str]:
    """Names and dotted paths a condition reads directly (call arguments, operands)."""
    return [path for path, _ in _condition_reads(expr)]


def _path(expr: ir.Expr | None) -> str | None:
    if isinstance(expr, ir.Name):
        return expr.id
    if isinstance(expr, ir.Attr):
        base = _path(expr.obj)
        return f"{base}.{expr.attr}" if base else None
    return None


def _is_str(v: Value) -> bool:
    return (v.is_const and isinstance(v.const, str)) or v.shape == "str"


def _restrictive(pattern: str, whole: bool) -> bool:
    anchored = whole or pattern.endswith(("$", "\\Z"))
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


def _lead_facts(lead: str, rest: Value) -> tuple[tuple[str, object], ...]:
    """`lead + rest`: the starts `rest` is known not to have, as starts the whole cannot have."""
    return tuple(("not_prefix", lead + p) for k, p in rest.facts if k == "not_prefix" and isinstance(p, str))
