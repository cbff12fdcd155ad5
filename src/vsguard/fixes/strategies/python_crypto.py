"""Python hashing and randomness: password hashes, collision-resistant hashes, CSPRNG."""

from __future__ import annotations

from ast_grep_py import SgNode

from vsguard.fixes.edits import Edit
from vsguard.fixes.imports import python_from_import, python_import
from vsguard.fixes.registry import NoRewrite, Rewrite, Target
from vsguard.fixes.strategies._common import arguments, on_python_call

_MIGRATION = (
    "Existing stored hashes no longer match: verify logins with `PasswordHasher().verify(stored, password)` "
    "and re-hash each user's password at their next successful login (argon2-cffi must be installed)."
)


@on_python_call("password_hash")
def python_password_hash(t: Target, call: SgNode, func: SgNode) -> Rewrite | NoRewrite:
    data = [a for a in arguments(call) if a.kind() != "keyword_argument"]
    if func.text() == "hashlib.new":
        data = data[1:]
    if len(data) != 1:
        return NoRewrite("the password is fed to the hash object later; hash it with argon2 where it is read")
    attribute = call.parent()
    outer = attribute.parent() if attribute is not None else None
    name = attribute.field("attribute") if attribute is not None and attribute.kind() == "attribute" else None
    if name is None or name.text() not in ("hexdigest", "digest") or outer is None or outer.kind() != "call":
        return NoRewrite("the hash object is used beyond one digest; switch the whole routine to argon2")
    comparison = outer.parent()
    if comparison is not None and comparison.kind() == "comparison_operator":
        return NoRewrite(
            "this line compares password hashes; replace the check with "
            "`PasswordHasher().verify(stored, password)`"
        )
    edits = (
        Edit.replace(outer, f"PasswordHasher().hash({data[0].text()})"),
        *python_from_import(t.root, t.code, "argon2", "PasswordHasher"),
    )
    return Rewrite(
        edits,
        "The password is now hashed with argon2id (argon2-cffi's PasswordHasher), a slow salted "
        "password hash; "
        "the result is a self-describing string holding salt and parameters.",
        (_MIGRATION,),
    )


@on_python_call("strong_hash")
def python_strong_hash(t: Target, call: SgNode, func: SgNode) -> Rewrite | NoRewrite:
    if func.text() == "hashlib.new":
        args = arguments(call)
        name = args[0] if args else None
        if name is None or name.kind() != "string":
            return NoRewrite("the algorithm name is not a literal")
        quote = name.text()[0]
        edit = Edit.replace(name, f"{quote}sha256{quote}")
    else:
        edit = Edit.replace(func, "hashlib.sha256")
    return Rewrite(
        (edit,),
        "The hash is now SHA-256, which has no known collision attack.",
        (
            "Digests change, so values stored or compared elsewhere must be recomputed; if this is only a "
            "non-security checksum, `usedforsecurity=False` on the original call states that instead.",
        ),
    )


_SECRETS_EQUIVALENT = {"choice": "secrets.choice", "getrandbits": "secrets.randbits"}


@on_python_call("random_to_secrets")
def python_random(t: Target, call: SgNode, func: SgNode) -> Rewrite | NoRewrite:
    method = func.text().rsplit(".", 1)[-1]
    new = _SECRETS_EQUIVALENT.get(method, f"secrets.SystemRandom().{method}")
    return Rewrite(
        (Edit.replace(func, new), *python_import(t.root, t.code, "secrets")),
        f"`{func.text()}` now draws from the operating system's CSPRNG via `{new}`, with the same "
        "arguments and "
        "result range, so the value cannot be predicted from earlier outputs.",
    )
