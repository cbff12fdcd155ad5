"""The small, language-neutral program form the taint core analyses.

An adapter lowers a grammar's tree into these nodes; the core never sees grammar node kinds.
Every node keeps `node`, the tree node it came from, for locations and the code shown in traces.
Anything an adapter cannot express becomes `Opaque` (its sub-expressions are still evaluated,
so calls inside it are checked and taint flows through it conservatively).
"""

from __future__ import annotations

from typing import Any

from vsguard.records import field, record

# --------------------------------------------------------------------------- expressions


@record(slots=True)
class Expr:
    """An expression; `node` is the tree node it was lowered from."""

    node: Any = field(repr=False)


@record(slots=True)
class Const(Expr):
    """A constant: a literal, or a name the adapter knows to be fixed."""

    value: object = None


@record(slots=True)
class Name(Expr):
    """A plain name read."""

    id: str = ""


@record(slots=True)
class Attr(Expr):
    """`obj.attr`."""

    obj: Expr | None = None
    attr: str = ""


@record(slots=True)
class Index(Expr):
    """`obj[key]`."""

    obj: Expr | None = None
    key: Expr | None = None


@record(slots=True)
class Call(Expr):
    """A call with its positional, keyword and unpacked arguments."""

    func: Expr | None = None
    args: tuple[Expr, ...] = ()
    kwargs: tuple[tuple[str, Expr], ...] = ()
    star_args: tuple[Expr, ...] = ()  # *xs
    star_kwargs: tuple[Expr, ...] = ()  # **mapping


@record(slots=True)
class Format(Expr):
    """A string assembled from parts at run time (f-string, template literal)."""

    parts: tuple[Expr, ...] = ()


@record(slots=True)
class BinOp(Expr):
    """`left op right`."""

    op: str = ""
    left: Expr | None = None
    right: Expr | None = None


@record(slots=True)
class UnaryOp(Expr):
    """`op operand`."""

    op: str = ""  # "not", "-", "+", "~"
    operand: Expr | None = None


@record(slots=True)
class Compare(Expr):
    """`a < b <= c`: operands and the operators between them ("==", "in", "not in", "is not", ...)."""

    operands: tuple[Expr, ...] = ()
    ops: tuple[str, ...] = ()


@record(slots=True)
class BoolOp(Expr):
    """`a and b`, `a or b`: the value is one of the operands."""

    op: str = ""  # "and" | "or"
    values: tuple[Expr, ...] = ()


@record(slots=True)
class IfExp(Expr):
    """`body if test else orelse`."""

    test: Expr | None = None
    body: Expr | None = None
    orelse: Expr | None = None


@record(slots=True)
class Seq(Expr):
    """A list, tuple or set display."""

    kind: str = "list"  # list | tuple | set
    elts: tuple[Expr, ...] = ()


@record(slots=True)
class DictLit(Expr):
    """A dict (or object) literal."""

    items: tuple[tuple[Expr | None, Expr], ...] = ()  # key None: `**spread`


@record(slots=True)
class Await(Expr):
    """`await value`: the value flows through."""

    value: Expr | None = None


@record(slots=True)
class Comp(Expr):
    """A comprehension: `elt` (and `key` for dicts) evaluated with each target bound to an element."""

    generators: tuple[tuple[Expr, Expr], ...] = ()  # (target, iterable)
    conditions: tuple[Expr, ...] = ()
    elt: Expr | None = None
    key: Expr | None = None
    kind: str = "list"


@record(slots=True)
class Opaque(Expr):
    """Comprehensions, lambdas and anything else: value depends on all parts, never constant."""

    parts: tuple[Expr, ...] = ()


# --------------------------------------------------------------------------- assignment targets


@record(slots=True)
class Unpack(Expr):
    """`a, *b = ...` as a target; `starred` is the index of the starred element or -1."""

    elts: tuple[Expr, ...] = ()
    starred: int = -1


# --------------------------------------------------------------------------- statements


@record(slots=True)
class Stmt:
    """A statement; `node` is the tree node it was lowered from."""

    node: Any = field(repr=False)


@record(slots=True)
class Assign(Stmt):
    """`targets = value`."""

    targets: tuple[Expr, ...] = ()  # Name | Attr | Index | Unpack; `a = b = v` has two
    value: Expr | None = None


@record(slots=True)
class AugAssign(Stmt):
    """`target op= value`."""

    target: Expr | None = None
    op: str = "+"
    value: Expr | None = None


@record(slots=True)
class ExprStmt(Stmt):
    """An expression evaluated for its effects."""

    value: Expr | None = None


@record(slots=True)
class Return(Stmt):
    """`return value`."""

    value: Expr | None = None


@record(slots=True)
class Raise(Stmt):
    """`raise value` (or `throw`)."""

    value: Expr | None = None


@record(slots=True)
class If(Stmt):
    """`if test: body else: orelse`."""

    test: Expr | None = None
    body: list[Stmt] = field(default_factory=list)
    orelse: list[Stmt] = field(default_factory=list)


@record(slots=True)
class Loop(Stmt):
    """`for target in iter` (iter set) or `while test` (test set)."""

    target: Expr | None = None
    iter: Expr | None = None
    test: Expr | None = None
    body: list[Stmt] = field(default_factory=list)
    orelse: list[Stmt] = field(default_factory=list)


@record(slots=True)
class Handler:
    """One `except` (or `catch`) clause: the name it binds and its body."""

    name: str | None
    body: list[Stmt]


@record(slots=True)
class Try(Stmt):
    """`try` with its handlers, `else` and `finally` blocks."""

    body: list[Stmt] = field(default_factory=list)
    handlers: list[Handler] = field(default_factory=list)
    orelse: list[Stmt] = field(default_factory=list)
    final: list[Stmt] = field(default_factory=list)


@record(slots=True)
class With(Stmt):
    """`with value as target, ...: body`."""

    items: tuple[tuple[Expr, Expr | None], ...] = ()
    body: list[Stmt] = field(default_factory=list)


@record(slots=True)
class Case:
    """One `case` of a `match` statement."""

    captures: tuple[str, ...]  # names bound from (parts of) the subject
    literal: Expr | None  # the whole pattern is this constant: the case runs only on equality
    guard: Expr | None
    body: list[Stmt]
    irrefutable: bool = False  # `case _:` / `case name:` without a guard


@record(slots=True)
class Match(Stmt):
    """`match subject:` with its cases."""

    subject: Expr | None = None
    cases: list[Case] = field(default_factory=list)


@record(slots=True)
class Param:
    """A function parameter."""

    name: str
    default: Expr | None = None
    annotation: str = ""
    star: str = ""  # "", "*" or "**"


@record(slots=True)
class FunctionDef(Stmt):
    """A function or method definition."""

    name: str = ""
    params: tuple[Param, ...] = ()
    body: list[Stmt] = field(default_factory=list)
    decorators: tuple[Expr, ...] = ()
    is_method: bool = False
    owner_bases: tuple[str, ...] = ()  # source text of the enclosing class's bases, for methods
    # An adapter may defer lowering the body until the core needs it: a callable returning it.
    lazy_body: Any = field(default=None, repr=False)

    def get_body(self) -> list[Stmt]:
        """The body, lowering it now if the adapter deferred it (nested defs then join the module)."""
        if self.lazy_body is not None:
            lower, self.lazy_body = self.lazy_body, None
            self.body = lower()
        return self.body


@record(slots=True)
class ClassDef(Stmt):
    """A class definition."""

    name: str = ""
    bases: tuple[Expr, ...] = ()
    body: list[Stmt] = field(default_factory=list)


@record(slots=True)
class Import(Stmt):
    """Binds `alias` to the dotted `target` (`import a.b as c`, `from a import b`).

    `level` > 0 for relative imports (`from .helpers import clean`: module "helpers", level 1).
    """

    bindings: tuple[tuple[str, str], ...] = ()  # (local name, qualified target)
    module: str = ""
    level: int = 0


@record(slots=True)
class Assert(Stmt):
    """`assert test`: code after it runs only where the test held."""

    test: Expr | None = None


@record(slots=True)
class Other(Stmt):
    """A statement with no data-flow meaning of its own; its expressions are still evaluated."""

    exprs: tuple[Expr, ...] = ()
    terminates: bool = False  # e.g. `continue`/`break` end the block for flow purposes


@record(slots=True)
class Module:
    """A lowered file: its statements and every function defined in it."""

    body: list[Stmt]
    functions: list[FunctionDef] = field(default_factory=list)  # every def, nested ones included
    too_deep: list[int] = field(default_factory=list)  # lines where nesting was cut (see adapter)
