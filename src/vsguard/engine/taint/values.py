"""Abstract values: what the analysis knows about a run-time value at one program point.

A `Taint` is one reason the value may not be constant: a real source (request data, argv, an LLM
reply), an unknown input (a parameter, an unresolved call), or, while summarising a helper, one of
its parameters. Each taint remembers the steps it went through, whether it was spliced into a
built string, and the vulnerability classes a sanitizer has cleared it for.
"""

from __future__ import annotations

from typing import TypedDict, Unpack

from vsguard.records import record

SOURCE = "source"
UNKNOWN = "unknown"
PARAM = "param"
ALL_CLASSES = "*"
# classes whose danger is how a value was made, not what text it holds
KEPT_BY_SAFE_TYPE = frozenset({"weak_random"})

_MAX_STEPS = 12
_MAX_TAINTS = 6


class _NoConst:
    __slots__ = ()

    def __repr__(self) -> str:
        return "NO_CONST"


NO_CONST = _NoConst()


@record(frozen=True, slots=True)
class Step:
    """One step a tainted value took (the line and code, for traces)."""

    line: int  # 1-based
    code: str


@record(frozen=True, slots=True)
class Taint:
    """Where a tainted value came from and how it got here."""

    kind: str  # SOURCE | UNKNOWN | PARAM
    label: str  # what the source is, or the parameter index for PARAM
    origin: Step | None = None
    steps: tuple[Step, ...] = ()
    built: bool = False
    cleared: frozenset[str] = frozenset()

    def clears(self, vuln_class: str) -> bool:
        if vuln_class in self.cleared:
            return True
        # "every class" means a value of a safe type (a number, a checked digit string): no
        # attacker text is left, but a number drawn from a predictable generator stays predictable
        return ALL_CLASSES in self.cleared and vuln_class not in KEPT_BY_SAFE_TYPE

    def through(self, step: Step | None) -> Taint:
        if step is None or (self.steps and self.steps[-1] == step) or self.origin == step:
            return self
        if len(self.steps) >= _MAX_STEPS:
            return self
        return self.evolve(steps=(*self.steps, step))

    def evolve(
        self,
        *,
        steps: tuple[Step, ...] | None = None,
        built: bool | None = None,
        cleared: frozenset[str] | None = None,
    ) -> Taint:
        """A copy with some fields changed (much cheaper than `dataclasses.replace`)."""
        return Taint(
            self.kind,
            self.label,
            self.origin,
            self.steps if steps is None else steps,
            self.built if built is None else built,
            self.cleared if cleared is None else cleared,
        )


class _ValueChanges(TypedDict, total=False):
    """The fields `Value.evolve` may change, with their types."""

    taints: frozenset[Taint]
    const: object
    qual: str | None
    elems: tuple[tuple[object, Value], ...] | None
    shape: str | None
    prefix: str | None
    facts: tuple[tuple[str, object], ...]


@record(frozen=True, slots=True)
class Value:
    """What the interpreter knows of a value: its taints, constant, shape and facts."""

    taints: frozenset[Taint] = frozenset()
    const: object = NO_CONST  # the exact value when known at analysis time
    qual: str | None = None  # dotted name for modules, functions, attributes of them: "subprocess.run"
    elems: tuple[tuple[object, Value], ...] | None = None  # container slots with constant keys
    shape: str | None = None  # "str" | "container" | "number"
    prefix: str | None = None  # constant leading text of a string built at run time
    facts: tuple[tuple[str, object], ...] = ()  # constant keyword arguments of the call that made it

    @property
    def is_const(self) -> bool:
        return self.const is not NO_CONST

    def with_taints(self, taints: frozenset[Taint]) -> Value:
        return self.evolve(taints=_cap(taints))

    def evolve(self, **changes: Unpack[_ValueChanges]) -> Value:
        """A copy with the named fields changed (much cheaper than `dataclasses.replace`)."""
        return Value(
            changes.get("taints", self.taints),
            changes.get("const", self.const),
            changes.get("qual", self.qual),
            changes.get("elems", self.elems),
            changes.get("shape", self.shape),
            changes.get("prefix", self.prefix),
            changes.get("facts", self.facts),
        )

    def elem(self, key: object) -> Value | None:
        if self.elems is None:
            return None
        for k, v in self.elems:
            if k == key and type(k) is type(key):
                return v
        return None

    def fact(self, name: str) -> object:
        for k, v in self.facts:
            if k == name:
                return v
        return NO_CONST


EMPTY = Value()


def taint_order(t: Taint) -> tuple[object, ...]:
    """A total order on taints by content. Sets of taints iterate in hash order, which changes
    from run to run; ties broken with this key keep findings and traces reproducible."""
    origin = (t.origin.line, t.origin.code) if t.origin is not None else (0, "")
    steps = tuple((s.line, s.code) for s in t.steps)
    return (origin, t.label, t.kind, steps, t.built, tuple(sorted(t.cleared)))


def _cap(taints: frozenset[Taint]) -> frozenset[Taint]:
    if len(taints) <= _MAX_TAINTS:
        return taints
    # Keep real sources first: they decide confidence and carry the trace worth showing.
    ordered = sorted(taints, key=lambda t: (t.kind != SOURCE, t.built is False, len(t.steps), taint_order(t)))
    return frozenset(ordered[:_MAX_TAINTS])


def const(value: object) -> Value:
    shape = (
        "str" if isinstance(value, (str, bytes)) else "number" if isinstance(value, (int, float)) else None
    )
    return Value(const=value, shape=shape)


def unknown(label: str, origin: Step | None = None) -> Value:
    return Value(taints=frozenset({Taint(UNKNOWN, label, origin)}))


def join(a: Value, b: Value) -> Value:
    if a is b or a == b:
        return a
    same_const = a.is_const and b.is_const and a.const == b.const and type(a.const) is type(b.const)
    return Value(
        taints=_cap(a.taints | b.taints),
        const=a.const if same_const else NO_CONST,
        qual=a.qual if a.qual == b.qual else None,
        elems=_join_elems(a.elems, b.elems),
        shape=a.shape if a.shape == b.shape else None,
        prefix=_common_prefix(a, b),
        facts=a.facts if a.facts == b.facts else (),
    )


def join_all(values: list[Value]) -> Value:
    if not values:
        return EMPTY
    out = values[0]
    for v in values[1:]:
        out = join(out, v)
    return out


def _join_elems(
    a: tuple[tuple[object, Value], ...] | None, b: tuple[tuple[object, Value], ...] | None
) -> tuple[tuple[object, Value], ...] | None:
    if a is None or b is None:
        return None
    keys_b = dict(b)
    joined = [(k, join(v, keys_b[k])) for k, v in a if k in keys_b]
    return tuple(joined) if len(joined) == len(a) == len(b) else None


# Longest constant leading text kept for a value built at run time: enough for any safe-prefix
# check (a scheme, a host, a path), and short enough that joins and checks of it stay cheap.
MAX_PREFIX = 1024


def _leading_text(v: Value) -> str | None:
    if v.is_const and isinstance(v.const, str):
        return v.const[:MAX_PREFIX]
    return v.prefix[:MAX_PREFIX] if v.prefix is not None else None


def _common_prefix(a: Value, b: Value) -> str | None:
    pa, pb = _leading_text(a), _leading_text(b)
    if pa is None or pb is None:
        return None
    if pa.startswith(pb) or pb.startswith(pa):
        return (pa if len(pa) <= len(pb) else pb) or None
    # Binary search on the length of the shared start: slices compare in C, not char by char.
    low, high = 0, min(len(pa), len(pb))
    while low < high:
        middle = (low + high + 1) // 2
        if pa[:middle] == pb[:middle]:
            low = middle
        else:
            high = middle - 1
    return pa[:low] or None


def leading_text(v: Value) -> str | None:
    return _leading_text(v)


def clear(v: Value, classes: frozenset[str], step: Step | None) -> Value:
    """The value after a sanitizer or validation for `classes`."""
    if not v.taints:
        return v
    return v.with_taints(frozenset(t.evolve(cleared=t.cleared | classes).through(step) for t in v.taints))


def mark_built(taints: frozenset[Taint]) -> frozenset[Taint]:
    return frozenset(t if t.built else t.evolve(built=True) for t in taints)


def through(taints: frozenset[Taint], step: Step | None) -> frozenset[Taint]:
    if step is None:
        return taints
    return frozenset(t.through(step) for t in taints)
