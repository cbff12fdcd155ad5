"""The strength of what a rewrite produces: random secrets and password hashes, checked against ASVS.

Only the text a rewrite inserts is read (a few lines per rewrite, never the file): the parameters
vsguard itself writes must be readable and strong enough, or the rewrite is not verified.

- Secrets and session tokens (ASVS 5.0.0 V7.2.3 / V11.5.1): at least 128 bits from a CSPRNG.
- Password hashes (V11.4.2, and V11.4.4 for keys derived from passwords): Argon2id, bcrypt, scrypt
  or PBKDF2 with cost parameters at the current guidance: Argon2id m >= 19 MiB with t >= 2 (or an
  equivalent pair), bcrypt cost >= 10, scrypt N >= 2^17 with r = 8 and p = 1 (or an equivalent
  pair), PBKDF2 iterations of 600,000 with HMAC-SHA256, 210,000 with SHA-512, 1,300,000 with SHA-1.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from vsguard.fixes.hash_costs import calls
from vsguard.fixes.password_apis import CHECKS

# --------------------------------------------------------------------------- random secrets

_MIN_TOKEN_BYTES = 16
_TOKEN_CALL = re.compile(r"\bsecrets\.token_(?:bytes|hex|urlsafe)\(\s*(?P<n>\d+)?\s*\)")
_FLOAT_DRAW = re.compile(r"\bSystemRandom\(\)\.(?:random|uniform)\b")
# JavaScript: bytes drawn and turned into a token's text (Node's randomBytes, a Web Crypto fill);
# a nonce or an IV drawn the same way is not a secret and keeps its own size.
_JS_BYTES = re.compile(r"\brandomBytes\(\s*(?P<n>\d+)\s*\)\s*\.toString\(")
_JS_FILL = re.compile(
    r"\bArray\.from\(\s*crypto\.getRandomValues\(\s*new\s+(?P<kind>Uint8|Uint16|Uint32|BigUint64)Array"
    r"\(\s*(?P<n>\d+)\s*\)"
)
_WIDTH = {"Uint8": 8, "Uint16": 16, "Uint32": 32, "BigUint64": 64}


def _token_problems(text: str) -> list[str]:
    problems = []
    for m in _TOKEN_CALL.finditer(text):
        if m.group("n") is not None and int(m.group("n")) < _MIN_TOKEN_BYTES:
            problems.append(f"`{m.group(0)}` has fewer than 128 random bits")
    if _FLOAT_DRAW.search(text):
        problems.append("a random float holds about 53 bits, less than the 128 a secret needs")
    for m in _JS_BYTES.finditer(text):
        if int(m.group("n")) < _MIN_TOKEN_BYTES:
            problems.append(f"`randomBytes({m.group('n')})` has fewer than 128 random bits")
    for m in _JS_FILL.finditer(text):
        bits = _WIDTH[m.group("kind")] * int(m.group("n"))
        if bits < _MIN_TOKEN_BYTES * 8:
            problems.append(
                f"a token from {m.group('n')} {m.group('kind')} values has {bits} random bits, fewer than 128"
            )
    return problems


def password_hash_problems(text: str, language: str) -> list[str]:
    """Password hashes `text` sets up whose parameters are weaker than ASVS 5.0.0 V11.4 asks."""
    problems: list[str] = []
    for name, languages, judge in CHECKS:
        if language not in languages:
            continue
        for call in calls(text, name):
            problem = judge(call, f"`{call.callee}(...)`", text)
            if problem:
                problems.append(problem)
    return problems


def strength_problems(inserted: Iterable[str], language: str) -> list[str]:
    """Secrets and password hashes a rewrite produces that are weaker than ASVS asks."""
    problems: list[str] = []
    for text in inserted:
        problems += _token_problems(text)
        problems += password_hash_problems(text, language)
    return problems
