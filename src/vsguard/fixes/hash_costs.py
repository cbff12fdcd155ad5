"""Reading the cost parameters a password hash call is given, and the ASVS 5.0.0 V11.4.2 minimums.

Calls are read from the few lines a rewrite inserts, as text: arguments split at top-level commas,
keyword arguments and option objects (`{k: v}`, `['k' => v]`) taken apart, and integer constants
(`600_000`, `2**17`, `1 << 17`, a library's named cost) evaluated without running anything.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable

from vsguard.records import record

# --------------------------------------------------------------------------- reading a call

_CLOSE = {"(": ")", "[": "]", "{": "}"}


def _split_args(text: str, start: int) -> tuple[list[str], int] | None:
    """The top-level comma-separated arguments of the bracket opening at `start`, and the index
    after its closing bracket; None when the bracket does not close in `text`."""
    stack = [_CLOSE[text[start]]]
    args: list[str] = []
    begin = i = start + 1
    while i < len(text):
        ch = text[i]
        if ch in "\"'`":
            end = i + 1
            while end < len(text) and text[end] != ch:
                end += 2 if text[end] == "\\" else 1
            i = end + 1
            continue
        if ch in _CLOSE:
            stack.append(_CLOSE[ch])
        elif ch in ")]}":
            if ch != stack.pop():
                return None
            if not stack:
                last = text[begin:i].strip()
                return ([*args, last] if last or args else args), i + 1
        elif ch == "," and len(stack) == 1:
            args.append(text[begin:i].strip())
            begin = i + 1
        i += 1
    return None


_KEYWORD = re.compile(r"^(?P<key>[A-Za-z_]\w*)\s*(?:=(?!=)|:(?!:))\s*(?P<value>.+)$", re.S)
_PAIR = re.compile(r"""^['"]?(?P<key>[A-Za-z_]\w*)['"]?\s*(?::|=>)\s*(?P<value>.+)$""", re.S)


@record(frozen=True)
class Call:
    """One call in inserted text: its callee as written, positional and keyword arguments."""

    callee: str
    positional: tuple[str, ...]
    keywords: dict[str, str]
    generic: str = ""  # Rust's `::<Sha256>` turbofish, when written

    def arg(self, index: int, *names: str) -> str | None:
        for name in names:
            if name in self.keywords:
                return self.keywords[name]
        return self.positional[index] if 0 <= index < len(self.positional) else None


def options(text: str | None) -> dict[str, str] | None:
    """`{k: v}`, `['k' => v]`, `array('k' => v)` or `[k: v]` as a dict; None for anything else."""
    if text is None:
        return None
    text = text.strip()
    if text.startswith("array("):
        text = text[5:]
    if not text or text[0] not in "{[(":
        return None
    parts = _split_args(text, 0)
    if parts is None:
        return None
    found: dict[str, str] = {}
    for part in parts[0]:
        m = _PAIR.match(part)
        if m is None:
            if part:
                return None
            continue
        found[m.group("key")] = m.group("value").strip()
    return found


def calls(text: str, name: str) -> list[Call]:
    """Every call of a function or method named `name` (any receiver, generic arguments allowed)."""
    found = []
    pattern = re.compile(
        rf"(?P<callee>(?:[\w$]+\s*(?:\.|::|->)\s*)*(?<![\w$]){re.escape(name)})\s*(?P<generic>::<[^>()]*>)?\s*\("
    )
    for m in pattern.finditer(text):
        parts = _split_args(text, m.end() - 1)
        if parts is None:
            continue
        positional: list[str] = []
        keywords: dict[str, str] = {}
        for arg in parts[0]:
            kw = _KEYWORD.match(arg)
            if kw is not None:
                keywords[kw.group("key")] = kw.group("value").strip()
            else:
                positional.append(arg)
        callee = re.sub(r"\s+", "", m.group("callee"))
        found.append(Call(callee, tuple(positional), keywords, m.group("generic") or ""))
    return found


# Named cost constants the libraries define, by their value.
_CONSTANTS = {
    "DefaultCost": 10,  # golang.org/x/crypto/bcrypt
    "MinCost": 4,
    "MaxCost": 31,
    "DEFAULT_COST": 12,  # the bcrypt crate
}
_NUMBER_NOISE = re.compile(r"(?<=\d)_(?=\d)|(?<=\d)(?:u32|u64|usize|i32|i64|L|l|UL|n)\b")


def number(text: str | None) -> int | None:
    """An integer constant expression (`600_000`, `2**17`, `1 << 17`, `19 * 1024`, a library's
    named cost), or None when the value is not a constant."""
    if text is None:
        return None
    text = text.strip()
    last = re.split(r"\.|::", text)[-1]
    if last in _CONSTANTS and re.fullmatch(r"[\w.:]+", text):
        return _CONSTANTS[last]
    try:
        tree = ast.parse(_NUMBER_NOISE.sub("", text), mode="eval")  # a syntax tree only; never run
    except (SyntaxError, ValueError):
        return None
    return _evaluate(tree.body)


_OPS: dict[type[ast.operator], Callable[[int, int], int]] = {
    ast.Add: lambda a, b: a + b,
    ast.Mult: lambda a, b: a * b,
    ast.LShift: lambda a, b: a << b if b < 64 else 0,
    ast.Pow: lambda a, b: a**b if b < 64 else 0,
}


def _evaluate(node: ast.expr) -> int | None:
    if isinstance(node, ast.Constant) and type(node.value) is int:
        return node.value
    if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
        left, right = _evaluate(node.left), _evaluate(node.right)
        if left is None or right is None:
            return None
        return _OPS[type(node.op)](left, right)
    return None


# --------------------------------------------------------------------------- password hashes

BCRYPT_MIN_COST = 10
# Argon2id memory (KiB) and passes that give the same resistance; the first is ASVS's example.
ARGON2_PAIRS = ((19456, 2), (47104, 1), (12288, 3), (9216, 4), (7168, 5))
# scrypt N with the least parallelism that makes it strong enough, all with r = 8.
SCRYPT_PAIRS = ((2**17, 1), (2**16, 2), (2**15, 3), (2**14, 5), (2**13, 10))
PBKDF2_ITERATIONS = {"sha1": 1_300_000, "sha256": 600_000, "sha512": 210_000}


def argon2_problem(memory: int | None, passes: int | None, what: str) -> str | None:
    if memory is None or passes is None:
        return f"{what}: its memory and time cost could not be read as constants"
    if any(memory >= m and passes >= t for m, t in ARGON2_PAIRS):
        return None
    return f"{what}: Argon2 with m={memory} KiB, t={passes} is below m=19456 KiB with t=2 (ASVS V11.4.2)"


def bcrypt_problem(cost: int | None, what: str) -> str | None:
    if cost is None:
        return f"{what}: its bcrypt cost could not be read as a constant"
    if cost < BCRYPT_MIN_COST:
        return f"{what}: bcrypt cost {cost} is below {BCRYPT_MIN_COST} (ASVS V11.4.2)"
    return None


def scrypt_problem(n: int | None, r: int | None, p: int | None, what: str) -> str | None:
    if n is None or r is None or p is None:
        return f"{what}: its scrypt N, r and p could not be read as constants"
    if r >= 8 and any(n >= big_n and p >= least_p for big_n, least_p in SCRYPT_PAIRS):
        return None
    return f"{what}: scrypt with N={n}, r={r}, p={p} is below N=2^17, r=8, p=1 (ASVS V11.4.2)"


def digest_name(text: str | None) -> str | None:
    """sha1 / sha256 / sha512 from a digest argument (`"sha256"`, `sha256.New`, `Sha256`,
    `HashAlgorithmName.SHA256`, `"PBKDF2WithHmacSHA512"`), None when it names none of them."""
    if text is None:
        return None
    m = re.search(r"sha-?(1|256|512)(?!\d)", text, re.I)
    return f"sha{m.group(1)}" if m else None


def pbkdf2_problem(iterations: int | None, digest: str | None, what: str) -> str | None:
    if digest not in PBKDF2_ITERATIONS:
        return f"{what}: PBKDF2 with an unknown or unsuitable digest ({digest or 'unnamed'})"
    if iterations is None:
        return f"{what}: its PBKDF2 iteration count could not be read as a constant"
    least = PBKDF2_ITERATIONS[digest]
    if iterations < least:
        return (
            f"{what}: PBKDF2-HMAC-{digest.upper()} with {iterations:,} iterations is below {least:,} "
            "(ASVS V11.4.2)"
        )
    return None
