"""Constant folding for the taint core, bounded so that no input makes it slow.

A folded result too large to be worth knowing (an integer of more than `MAX_INT_BITS` bits, a
string or bytes of more than `MAX_TEXT` characters) is not computed: the value is then simply not
constant (`NO_CONST`). Sizes are estimated before an operation that can grow its operands
(`*`, `**`, `<<`, string repetition), so `x = x * x` twenty times costs nothing.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable
from typing import Any, TypeGuard

from vsguard.engine.taint.values import NO_CONST

MAX_INT_BITS = 1024  # about 308 decimal digits
MAX_TEXT = 4096  # characters (or bytes) of a folded string


def fits(value: object) -> bool:
    """Small enough to keep as a folded constant."""
    if isinstance(value, int):
        return value.bit_length() <= MAX_INT_BITS
    if isinstance(value, str | bytes):
        return len(value) <= MAX_TEXT
    return True


def _bits(value: object) -> int:
    return value.bit_length() if isinstance(value, int) else 0


def _grows_too_much(op: str, a: object, b: object) -> bool:
    """Would `a op b` (both numbers) exceed the bounds? Decided from the operands' sizes alone."""
    if op == "*":
        return _bits(a) + _bits(b) > MAX_INT_BITS
    if op == "**":
        if not isinstance(b, int) or b <= 0:
            return False  # a float or a fraction: bounded (overflow raises)
        if isinstance(a, float):
            return False
        return isinstance(a, int) and abs(a) > 1 and b * _bits(a) > MAX_INT_BITS
    if op == "<<":
        return isinstance(b, int) and _bits(a) + b > MAX_INT_BITS
    return False


def _is_number(v: object) -> TypeGuard[int | float]:
    return isinstance(v, int | float) and not isinstance(v, bool)


_ARITHMETIC: dict[str, Callable[[object, object], object]] = {
    "+": operator.add,
    "-": operator.sub,
    "*": operator.mul,
    "/": operator.truediv,
    "//": operator.floordiv,
    "%": operator.mod,
    "**": operator.pow,
    "<<": operator.lshift,
}


def fold_binary(op: str, a: object, b: object) -> object:
    """`a op b` for two constants, or `NO_CONST` when it is not folded (unknown or too large)."""
    numeric = _is_number(a) and _is_number(b)
    try:
        if op == "+" and isinstance(a, str) and isinstance(b, str):
            return a + b if len(a) + len(b) <= MAX_TEXT else NO_CONST
        if not numeric:
            return NO_CONST
        if op == "<<" and not (isinstance(a, int) and isinstance(b, int)):
            return NO_CONST
        if _grows_too_much(op, a, b):
            return NO_CONST
        fn = _ARITHMETIC.get(op)
        if fn is None:
            return NO_CONST
        result = fn(a, b)
        return result if fits(result) else NO_CONST
    except Exception:  # division by zero, overflow, negative shift
        return NO_CONST


def fold_unary(op: str, value: object) -> object:
    try:
        if op == "not":
            return not value
        if op == "-" and _is_number(value):
            return -value
        if op == "+" and _is_number(value):
            return value
    except Exception:
        return NO_CONST
    return NO_CONST


def fold_compare(op: str, a: object, b: object) -> object:
    try:
        table: dict[str, Callable[[], object]] = {
            "==": lambda: a == b,
            "!=": lambda: a != b,
            "<": lambda: a < b,  # type: ignore[operator]
            "<=": lambda: a <= b,  # type: ignore[operator]
            ">": lambda: a > b,  # type: ignore[operator]
            ">=": lambda: a >= b,  # type: ignore[operator]
            "is": lambda: a is b if a is None or b is None or isinstance(a, bool) else a == b,
            "is not": lambda: not (a is b if a is None or b is None or isinstance(a, bool) else a == b),
            "in": lambda: a in b,  # type: ignore[operator]
            "not in": lambda: a not in b,  # type: ignore[operator]
        }
        fn = table.get(op)
        return bool(fn()) if fn else NO_CONST
    except Exception:
        return NO_CONST


def fold_conversion(qual: str, values: list[object]) -> object:
    """`int(c)`, `float(c)`, `bool(c)`, `len(c)` of one constant."""
    if qual in ("int", "float", "bool", "len") and len(values) == 1:
        # Applied to a constant of any type: one it does not accept raises, and is not folded.
        convert: dict[str, Callable[[Any], object]] = {
            "int": int,
            "float": float,
            "bool": bool,
            "len": len,
        }
        try:
            result = convert[qual](values[0])
        except Exception:
            return NO_CONST
        return result if fits(result) else NO_CONST
    return NO_CONST


def fold_format(parts: Iterable[object]) -> object:
    """The text of constants placed one after another (an f-string, a template), if small enough."""
    pieces: list[str] = []
    length = 0
    for part in parts:
        if isinstance(part, int) and not fits(part):
            return NO_CONST
        try:
            text = str(part)
        except Exception:  # an integer beyond Python's digit limit, a broken __str__
            return NO_CONST
        length += len(text)
        if length > MAX_TEXT:
            return NO_CONST
        pieces.append(text)
    return "".join(pieces)


def truthy(value: object) -> bool:
    try:
        return bool(value)
    except Exception:
        return True
