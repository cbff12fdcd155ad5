"""Where each language's password hashing libraries take their cost parameters, and their defaults.

Each entry names a function, the languages it is read in, and a judge that returns a problem when
the call's parameters are weaker than ASVS 5.0.0 V11.4.2 asks (see `vsguard.fixes.hash_costs`).
Defaults are the libraries' own: argon2-cffi t=3 m=64 MiB, node-argon2 t=3 m=64 MiB, PHP's
argon2id t=4 m=64 MiB, bcrypt 10-12 depending on the library, and Node's scrypt N=2^14 (too weak).
"""

from __future__ import annotations

from collections.abc import Callable

from vsguard.fixes.hash_costs import (
    Call,
    argon2_problem,
    bcrypt_problem,
    digest_name,
    number,
    options,
    pbkdf2_problem,
    scrypt_problem,
)

Judge = Callable[[Call, str, str], str | None]  # (call, how to name it, all inserted text)
JS = ("javascript", "typescript", "tsx")
JVM = ("java", "kotlin")


def _not_argon2id(kind: str | None, what: str) -> str | None:
    if kind is not None and "id" not in kind.lower().rsplit(".", 1)[-1].rsplit("::", 1)[-1]:
        return f"{what}: `{kind}` is not Argon2id, the variant ASVS V11.4.2 names"
    return None


def _or(value: str | None, default: int) -> int | None:
    return default if value is None else number(value)


# --------------------------------------------------------------------------- Python


def _py_password_hasher(call: Call, what: str, _: str) -> str | None:
    kind = call.keywords.get("type") or (call.positional[6] if len(call.positional) > 6 else None)
    return _not_argon2id(kind, what) or argon2_problem(
        _or(call.arg(1, "memory_cost"), 65536), _or(call.arg(0, "time_cost"), 3), what
    )


def _py_hash_secret(call: Call, what: str, _: str) -> str | None:
    kind = call.arg(6, "type")
    if kind is None:
        return f"{what}: the Argon2 variant is not named"
    return _not_argon2id(kind, what) or argon2_problem(
        number(call.arg(3, "memory_cost")), number(call.arg(2, "time_cost")), what
    )


def _py_gensalt(call: Call, what: str, _: str) -> str | None:
    return bcrypt_problem(_or(call.arg(0, "rounds"), 12), what)


def _py_pbkdf2(call: Call, what: str, _: str) -> str | None:
    return pbkdf2_problem(number(call.arg(3, "iterations")), digest_name(call.arg(0, "hash_name")), what)


def _py_scrypt(call: Call, what: str, _: str) -> str | None:
    return scrypt_problem(
        number(call.arg(-1, "n")), number(call.arg(-1, "r")), number(call.arg(-1, "p")), what
    )


# --------------------------------------------------------------------------- JavaScript / TypeScript


def _js_hash(call: Call, what: str, _: str) -> str | None:
    receiver = call.callee.lower()
    if "bcrypt" in receiver:
        cost = call.arg(1)
        if cost is not None and "gensalt" in cost.lower():
            return None  # the salt call is judged on its own
        return bcrypt_problem(number(cost), what)
    if "argon2" in receiver:
        opts = options(call.arg(1)) if call.arg(1) is not None else {}
        if opts is None:
            return f"{what}: its options could not be read"
        return _not_argon2id(opts.get("type"), what) or argon2_problem(
            _or(opts.get("memoryCost"), 65536), _or(opts.get("timeCost"), 3), what
        )
    return None


def _js_gensalt(call: Call, what: str, _: str) -> str | None:
    return bcrypt_problem(_or(call.arg(0), 10), what)


def _js_pbkdf2(call: Call, what: str, _: str) -> str | None:
    if not call.callee.lower().startswith(("crypto.", "pbkdf2")):
        return None
    return pbkdf2_problem(number(call.arg(2)), digest_name(call.arg(4)), what)


def _js_scrypt(call: Call, what: str, _: str) -> str | None:
    last = call.arg(3)
    callback = last is None or last.startswith(("(", "function")) or "=>" in last
    opts = {} if callback else options(last)
    if opts is None:
        return f"{what}: its options could not be read"
    n = _or(opts.get("N", opts.get("cost")), 16384)
    r = _or(opts.get("r", opts.get("blockSize")), 8)
    p = _or(opts.get("p", opts.get("parallelization")), 1)
    return scrypt_problem(n, r, p, what)


# --------------------------------------------------------------------------- PHP, Ruby


def _php_password_hash(call: Call, what: str, _: str) -> str | None:
    algo = (call.arg(1) or "").strip()
    opts = options(call.arg(2)) if call.arg(2) is not None else {}
    if opts is None:
        return f"{what}: its options could not be read"
    if algo in ("PASSWORD_DEFAULT", "PASSWORD_BCRYPT", "'2y'", '"2y"'):
        return bcrypt_problem(_or(opts.get("cost"), 10), what)
    if algo == "PASSWORD_ARGON2ID":
        return argon2_problem(_or(opts.get("memory_cost"), 65536), _or(opts.get("time_cost"), 4), what)
    return f"{what}: `{algo}` is not bcrypt or Argon2id"


def _php_pbkdf2(call: Call, what: str, _: str) -> str | None:
    return pbkdf2_problem(number(call.arg(3)), digest_name(call.arg(0)), what)


def _rb_create(call: Call, what: str, _: str) -> str | None:
    if "BCrypt::Password" not in call.callee:
        return None
    return bcrypt_problem(_or(call.keywords.get("cost"), 12), what)


def _rb_pbkdf2(call: Call, what: str, _: str) -> str | None:
    if "KDF" in call.callee:
        return pbkdf2_problem(
            number(call.keywords.get("iterations")), digest_name(call.keywords.get("hash")), what
        )
    return pbkdf2_problem(number(call.arg(2)), digest_name(call.arg(4)), what)


# --------------------------------------------------------------------------- Go, Rust


def _go_bcrypt(call: Call, what: str, _: str) -> str | None:
    return bcrypt_problem(number(call.arg(1)), what)


def _go_idkey(call: Call, what: str, _: str) -> str | None:
    return argon2_problem(number(call.arg(3)), number(call.arg(2)), what)


def _go_key(call: Call, what: str, _: str) -> str | None:
    package = call.callee.split(".")[0]
    if package == "argon2":
        return f"{what}: argon2.Key is Argon2i; use argon2.IDKey (Argon2id)"
    if package == "pbkdf2":
        return pbkdf2_problem(number(call.arg(2)), digest_name(call.arg(4)), what)
    if package == "scrypt":
        return scrypt_problem(number(call.arg(2)), number(call.arg(3)), number(call.arg(4)), what)
    return None


def _rs_new(call: Call, what: str, text: str) -> str | None:
    if call.callee.endswith("Argon2::new"):
        return _not_argon2id(call.arg(0), what)
    if not call.callee.endswith("Params::new"):
        return None
    if "scrypt" in call.callee or ("scrypt" in text and "argon2" not in text):
        log_n = number(call.arg(0))
        return scrypt_problem(
            None if log_n is None else 2**log_n, number(call.arg(1)), number(call.arg(2)), what
        )
    return argon2_problem(number(call.arg(0)), number(call.arg(1)), what)


def _rs_bcrypt(call: Call, what: str, _: str) -> str | None:
    if not call.callee.startswith("bcrypt::"):
        return None
    return bcrypt_problem(number(call.arg(1)), what)


def _rs_pbkdf2(call: Call, what: str, _: str) -> str | None:
    return pbkdf2_problem(number(call.arg(2)), digest_name(call.generic), what)


# --------------------------------------------------------------------------- Java, Kotlin, C#


def _jvm_bcrypt(call: Call, what: str, _: str) -> str | None:
    first = call.arg(0)
    cost = call.arg(1) if first is not None and "BCryptVersion" in first else first
    return bcrypt_problem(_or(cost, 10), what)


def _jvm_argon2(call: Call, what: str, _: str) -> str | None:
    if not call.positional:  # the deprecated no-argument constructor: 4 MiB, t=3
        return argon2_problem(4096, 3, what)
    return argon2_problem(number(call.arg(3)), number(call.arg(4)), what)


def _jvm_pbkdf2_encoder(call: Call, what: str, _: str) -> str | None:
    return pbkdf2_problem(number(call.arg(2)), digest_name(call.arg(3)), what)


def _jvm_pbe_spec(call: Call, what: str, text: str) -> str | None:
    return pbkdf2_problem(number(call.arg(2)), digest_name(text), what)


def _cs_rfc2898(call: Call, what: str, _: str) -> str | None:
    digest = digest_name(call.arg(3)) if call.arg(3) is not None else "sha1"
    return pbkdf2_problem(_or(call.arg(2), 1000), digest, what)


def _cs_pbkdf2(call: Call, what: str, _: str) -> str | None:
    if "KeyDerivation" in call.callee:
        return pbkdf2_problem(number(call.arg(3, "iterationCount")), digest_name(call.arg(2, "prf")), what)
    return pbkdf2_problem(number(call.arg(2, "iterations")), digest_name(call.arg(3, "hashAlgorithm")), what)


def _cs_bcrypt(call: Call, what: str, _: str) -> str | None:
    if "BCrypt" not in call.callee:
        return None
    return bcrypt_problem(_or(call.arg(1, "workFactor"), 11), what)


CHECKS: tuple[tuple[str, tuple[str, ...], Judge], ...] = (
    ("PasswordHasher", ("python",), _py_password_hasher),
    ("hash_secret", ("python",), _py_hash_secret),
    ("hash_secret_raw", ("python",), _py_hash_secret),
    ("gensalt", ("python",), _py_gensalt),
    ("pbkdf2_hmac", ("python",), _py_pbkdf2),
    ("scrypt", ("python",), _py_scrypt),
    ("hash", JS, _js_hash),
    ("hashSync", JS, _js_hash),
    ("genSalt", JS, _js_gensalt),
    ("genSaltSync", JS, _js_gensalt),
    ("pbkdf2", JS, _js_pbkdf2),
    ("pbkdf2Sync", JS, _js_pbkdf2),
    ("scrypt", JS, _js_scrypt),
    ("scryptSync", JS, _js_scrypt),
    ("password_hash", ("php",), _php_password_hash),
    ("hash_pbkdf2", ("php",), _php_pbkdf2),
    ("create", ("ruby",), _rb_create),
    ("pbkdf2_hmac", ("ruby",), _rb_pbkdf2),
    ("GenerateFromPassword", ("go",), _go_bcrypt),
    ("IDKey", ("go",), _go_idkey),
    ("Key", ("go",), _go_key),
    ("new", ("rust",), _rs_new),
    ("hash", ("rust",), _rs_bcrypt),
    ("pbkdf2_hmac", ("rust",), _rs_pbkdf2),
    ("pbkdf2_hmac_array", ("rust",), _rs_pbkdf2),
    ("BCryptPasswordEncoder", JVM, _jvm_bcrypt),
    ("Argon2PasswordEncoder", JVM, _jvm_argon2),
    ("Pbkdf2PasswordEncoder", JVM, _jvm_pbkdf2_encoder),
    ("PBEKeySpec", JVM, _jvm_pbe_spec),
    ("Rfc2898DeriveBytes", ("csharp",), _cs_rfc2898),
    ("Pbkdf2", ("csharp",), _cs_pbkdf2),
    ("HashPassword", ("csharp",), _cs_bcrypt),
    ("EnhancedHashPassword", ("csharp",), _cs_bcrypt),
)
