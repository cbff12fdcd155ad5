"""Record classes: the part of `dataclasses` vsguard uses, cheap to define.

Defining a dataclass compiles half a dozen methods from source text, and `dataclasses` imports
`inspect`. vsguard defines about ninety such classes on the way to a one-file scan, which made a
fifth of the run of every hook call. A record gets the same behaviour for the options used here
(`frozen`, `slots`, `kw_only`, `eq`, `order`; fields with `default`, `default_factory`, `repr`,
`compare`), but compiles only `__init__`, on the class's first instantiation (a class never built
costs nothing), and shares closures for `__repr__`, `__eq__`, `__hash__`, ordering and the frozen
guards. Type checkers see a dataclass (`dataclass_transform`).
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from typing import Any, TypeVar, dataclass_transform, overload

T = TypeVar("T")


class FrozenInstanceError(AttributeError):
    """An attempt to assign to or delete a field of a frozen record."""


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


class Field:
    """One declared field: its default or default factory, and whether repr and eq read it."""

    __slots__ = ("compare", "default", "default_factory", "kw_only", "name", "repr")

    def __init__(
        self, default: Any, default_factory: Any, repr: bool, compare: bool, kw_only: bool | None
    ) -> None:
        self.name = ""
        self.default = default
        self.default_factory = default_factory
        self.repr = repr
        self.compare = compare
        self.kw_only = kw_only


@overload
def field(*, default: T, repr: bool = True, compare: bool = True, kw_only: bool | None = None) -> T: ...
@overload
def field(
    *, default_factory: Callable[[], T], repr: bool = True, compare: bool = True, kw_only: bool | None = None
) -> T: ...
@overload
def field(*, repr: bool = True, compare: bool = True, kw_only: bool | None = None) -> Any: ...
def field(
    *,
    default: Any = MISSING,
    default_factory: Any = MISSING,
    repr: bool = True,
    compare: bool = True,
    kw_only: bool | None = None,
) -> Any:
    """A field with options, as `dataclasses.field`."""
    if default is not MISSING and default_factory is not MISSING:
        raise ValueError("cannot specify both default and default_factory")
    return Field(default, default_factory, repr, compare, kw_only)


@overload
@dataclass_transform(field_specifiers=(field,))
def record(cls: type[T], /) -> type[T]: ...
@overload
@dataclass_transform(field_specifiers=(field,))
def record(
    *,
    frozen: bool = False,
    slots: bool = False,
    kw_only: bool = False,
    eq: bool = True,
    order: bool = False,
) -> Callable[[type[T]], type[T]]: ...
@dataclass_transform(field_specifiers=(field,))
def record(
    cls: type[T] | None = None,
    /,
    *,
    frozen: bool = False,
    slots: bool = False,
    kw_only: bool = False,
    eq: bool = True,
    order: bool = False,
) -> type[T] | Callable[[type[T]], type[T]]:
    """Make `cls` a record (used as `@record` or `@record(frozen=True, ...)`)."""

    def wrap(c: type[T]) -> type[T]:
        return _build(c, frozen=frozen, slots=slots, kw_only=kw_only, eq=eq, order=order)

    return wrap if cls is None else wrap(cls)


def fields(obj: object) -> tuple[Field, ...]:
    """The fields of a record class or instance, in order."""
    found: dict[str, Field] | None = getattr(obj, "__record_fields__", None)
    if found is None:
        raise TypeError(f"{obj!r} is not a record")
    return tuple(found.values())


def replace(obj: T, /, **changes: Any) -> T:
    """A copy of the record `obj` with some fields changed."""
    for f in fields(obj):
        if f.name not in changes:
            changes[f.name] = getattr(obj, f.name)
    return type(obj)(**changes)


def _is_class_var(annotation: object) -> bool:
    if isinstance(annotation, str):
        return annotation.startswith(("ClassVar", "typing.ClassVar"))
    return getattr(annotation, "__origin__", None) is not None and "ClassVar" in repr(annotation)


def _own_annotations(cls: type) -> dict[str, object]:
    # the class's own, not inherited ones; `inspect.get_annotations` would import inspect
    found: dict[str, object] = cls.__dict__.get("__annotations__", {})  # noqa: RUF063
    return found


def _collect(cls: type, kw_only: bool) -> dict[str, Field]:
    found: dict[str, Field] = {}
    for base in reversed(cls.__mro__[1:]):
        found.update(getattr(base, "__record_fields__", {}))
    for name, annotation in _own_annotations(cls).items():
        if _is_class_var(annotation):
            continue
        value = cls.__dict__.get(name, MISSING)
        f = value if isinstance(value, Field) else Field(value, MISSING, True, True, None)
        f.name = name
        if f.kw_only is None:
            f.kw_only = kw_only
        found[name] = f
    return found


def _with_slots(cls: type, names: list[str]) -> type:
    inherited = {s for base in cls.__mro__[1:-1] for s in getattr(base, "__slots__", ())}
    body = dict(cls.__dict__)
    body["__slots__"] = tuple(n for n in names if n not in inherited)
    for n in names:
        body.pop(n, None)
    body.pop("__dict__", None)
    body.pop("__weakref__", None)
    new = type(cls)(cls.__name__, cls.__bases__, body)
    new.__qualname__ = cls.__qualname__
    return new


def _build(cls: type[T], *, frozen: bool, slots: bool, kw_only: bool, eq: bool, order: bool) -> type[T]:
    found = _collect(cls, kw_only)
    own = [n for n in _own_annotations(cls) if n in found]
    if slots:
        cls = _with_slots(cls, own)
    else:
        for name in own:  # as dataclasses: a plain default stays a class attribute
            f = found[name]
            if f.default is MISSING:
                if isinstance(cls.__dict__.get(name), Field):
                    delattr(cls, name)
            else:
                setattr(cls, name, f.default)
    methods: dict[str, object] = {
        "__record_fields__": found,
        "__match_args__": tuple(n for n, f in found.items() if not f.kw_only),
        "__init__": _lazy_init(cls, found, frozen),
        "__repr__": _repr(tuple(n for n, f in found.items() if f.repr)),
        "__get_pydantic_core_schema__": classmethod(_pydantic_schema),
    }
    key = _key(tuple(n for n, f in found.items() if f.compare))
    if eq:
        methods["__eq__"] = _eq(key)
        methods["__hash__"] = _hash(key) if frozen else None
    if order:
        methods.update({name: _compare(key, test) for name, test in _ORDER.items()})
    if frozen:
        methods["__setattr__"] = _frozen_set
        methods["__delattr__"] = _frozen_del
        if slots:
            methods["__reduce__"] = _reduce(_key(tuple(found)))
    for name, value in methods.items():
        setattr(cls, name, value)
    return cls


def _pydantic_schema(cls: type, source: object, handler: Any) -> Any:
    from vsguard.records_pydantic import core_schema_for  # pydantic only where it is asked for

    return core_schema_for(cls, handler)


def _key(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    if not names:
        return lambda _: ()
    if len(names) == 1:
        get = attrgetter(names[0])
        return lambda obj: (get(obj),)
    return attrgetter(*names)


def _lazy_init(cls: type, found: dict[str, Field], frozen: bool) -> Callable[..., None]:
    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        real = _compile_init(cls, found, frozen)
        setattr(cls, "__init__", real)  # noqa: B010 - replaces this placeholder on the class
        real(self, *args, **kwargs)

    return __init__


_HAS_FACTORY = object()


def _compile_init(cls: type, found: dict[str, Field], frozen: bool) -> Callable[..., None]:
    scope: dict[str, Any] = {"__set": object.__setattr__, "__factory": _HAS_FACTORY}
    positional: list[str] = []
    keywords: list[str] = []
    body: list[str] = []
    for name, f in found.items():
        param = name
        if f.default_factory is not MISSING:
            scope[f"__f_{name}"] = f.default_factory
            param = f"{name}=__factory"
            value = f"__f_{name}() if {name} is __factory else {name}"
        else:
            if f.default is not MISSING:
                scope[f"__d_{name}"] = f.default
                param = f"{name}=__d_{name}"
            value = name
        (keywords if f.kw_only else positional).append(param)
        body.append(f"    __set(self, {name!r}, {value})" if frozen else f"    self.{name} = {value}")
    params = ", ".join(["self", *positional, *(["*", *keywords] if keywords else [])])
    source = f"def __init__({params}) -> None:\n" + ("\n".join(body) or "    pass") + "\n"
    exec(source, scope)
    init: Callable[..., None] = scope["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    return init


def _repr(names: tuple[str, ...]) -> Callable[[Any], str]:
    def __repr__(self: Any) -> str:
        shown = ", ".join(f"{n}={getattr(self, n)!r}" for n in names)
        return f"{type(self).__qualname__}({shown})"

    return __repr__


def _eq(key: Callable[[Any], tuple[Any, ...]]) -> Callable[[Any, object], bool]:
    def __eq__(self: Any, other: object) -> bool:
        if other.__class__ is self.__class__:
            return bool(key(self) == key(other))
        return NotImplemented

    return __eq__


def _hash(key: Callable[[Any], tuple[Any, ...]]) -> Callable[[Any], int]:
    def __hash__(self: Any) -> int:
        return hash(key(self))

    return __hash__


_ORDER: dict[str, Callable[[Any, Any], bool]] = {
    "__lt__": lambda a, b: bool(a < b),
    "__le__": lambda a, b: bool(a <= b),
    "__gt__": lambda a, b: bool(a > b),
    "__ge__": lambda a, b: bool(a >= b),
}


def _compare(
    key: Callable[[Any], tuple[Any, ...]], test: Callable[[Any, Any], bool]
) -> Callable[[Any, object], bool]:
    def compare(self: Any, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented  # type: ignore[no-any-return]
        return test(key(self), key(other))

    return compare


def _frozen_set(self: object, name: str, value: object) -> None:
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _frozen_del(self: object, name: str) -> None:
    raise FrozenInstanceError(f"cannot delete field {name!r}")


def _rebuild(cls: type[T], values: tuple[Any, ...]) -> T:
    obj = object.__new__(cls)
    for f, value in zip(fields(cls), values, strict=True):
        object.__setattr__(obj, f.name, value)
    return obj


def _reduce(values: Callable[[Any], tuple[Any, ...]]) -> Callable[[Any], tuple[Any, ...]]:
    # a frozen slotted record has no __dict__ to restore and refuses setattr: rebuild it
    def __reduce__(self: Any) -> tuple[Any, ...]:
        return (_rebuild, (type(self), values(self)))

    return __reduce__
