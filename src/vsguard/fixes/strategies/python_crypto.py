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
    compared = _compared_calls(t.root, call)
    if compared:
        return NoRewrite(
            f"line {compared} compares against a freshly computed hash, which a salted hash never "
            "matches; hash with `PasswordHasher().hash(password)` and check logins with "
            "`PasswordHasher().verify(stored, password)` (it raises on a mismatch) in one change"
        )
    return Rewrite(
        edits,
        "The password is now hashed with argon2id (argon2-cffi's PasswordHasher), a slow salted "
        "password hash; "
        "the result is a self-describing string holding salt and parameters.",
        (_MIGRATION,),
        review="stored password hashes change format: existing records must be re-hashed at login",
    )


def _compared_calls(root: SgNode, hashed: SgNode) -> int | None:
    """The line of a comparison, anywhere in the file, against a call of the function whose
    return value is `hashed`: the value it compares would no longer be reproducible."""
    function = hashed.parent()
    while function is not None and function.kind() != "function_definition":
        function = function.parent()
    name = function.field("name") if function is not None else None
    if name is None:
        return None
    for comparison in root.find_all(kind="comparison_operator"):
        for operand in comparison.named_children():
            callee = operand.field("function") if operand.kind() == "call" else None
            if callee is not None and callee.text() in (name.text(), f"self.{name.text()}"):
                return comparison.range().start.line + 1
    return None


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
        review="the digests change, so values stored or exchanged with other programs no longer match",
    )


_SECRETS_EQUIVALENT = {"choice": "secrets.choice", "getrandbits": "secrets.randbits"}
# A float holds 53 random bits, short of the 128 a secret needs (ASVS 5.0.0 V7.2.3, V11.5.1).
_FLOAT_DRAWS = frozenset({"random", "uniform"})
_TEXT_WRAPPERS = frozenset({"str", "repr", "format"})
_SECRET_BITS = 128


@on_python_call("random_to_secrets")
def python_random(t: Target, call: SgNode, func: SgNode) -> Rewrite | NoRewrite:
    method = func.text().rsplit(".", 1)[-1]
    imports = python_import(t.root, t.code, "secrets")
    if method in _FLOAT_DRAWS:
        wrapper = _text_wrapper(call)
        if wrapper is None:
            return NoRewrite(
                "a random float carries about 53 bits, too few for a secret; make the value with "
                "`secrets.token_urlsafe(32)` (text) or `secrets.token_bytes(32)`"
            )
        return Rewrite(
            (Edit.replace(wrapper, "secrets.token_urlsafe(32)"), *imports),
            "The secret is now `secrets.token_urlsafe(32)`: 256 bits from the operating system's CSPRNG "
            "as URL-safe text, where the float it replaces carried about 53 predictable bits.",
        )
    new = _SECRETS_EQUIVALENT.get(method, f"secrets.SystemRandom().{method}")
    bits = _literal_bits(method, arguments(call))
    weak = bits is not None and bits < _SECRET_BITS
    return Rewrite(
        (Edit.replace(func, new), *imports),
        f"`{func.text()}` now draws from the operating system's CSPRNG via `{new}`, with the same "
        "arguments and result range, so the value cannot be predicted from earlier outputs.",
        review=f"the range gives only {bits} random bits; a secret needs {_SECRET_BITS}" if weak else None,
    )


def _text_wrapper(call: SgNode) -> SgNode | None:
    """`str(random.random())`: the call that turns the float into the secret's text."""
    args = call.parent()
    outer = args.parent() if args is not None and args.kind() == "argument_list" else None
    callee = outer.field("function") if outer is not None and outer.kind() == "call" else None
    if outer is None or callee is None or callee.text() not in _TEXT_WRAPPERS or len(arguments(outer)) != 1:
        return None
    return outer


def _literal_bits(method: str, args: list[SgNode]) -> int | None:
    """Random bits in a draw whose bounds are integer literals; None when they are not."""
    try:
        values = [int(a.text().replace("_", ""), 0) for a in args]
    except ValueError:
        return None
    if method == "getrandbits" and len(values) == 1:
        return values[0]
    if method in ("randint", "randrange") and values:
        low, high = (0, values[0]) if len(values) == 1 else (values[0], values[1])
        return max(0, high - low).bit_length()
    return None


@on_python_call("drop_none_algorithm")
def jwt_drop_none(_: Target, call: SgNode, func: SgNode) -> Rewrite | NoRewrite:
    """`jwt.decode(token, key, algorithms=["HS256", "none"])` -> the list without "none"."""
    args = arguments(call)
    names = {(a.field("name") or a).text(): a for a in args if a.kind() == "keyword_argument"}
    if "verify" in names or "options" in names:
        return NoRewrite(
            "signature checks are switched off; decode with the key and an explicit algorithm list"
        )
    positional = [a for a in args if a.kind() not in ("keyword_argument", "list_splat", "dictionary_splat")]
    key = names["key"].field("value") if "key" in names else (positional[1] if len(positional) > 1 else None)
    if key is None or key.text() in ("None", '""', "''"):
        return NoRewrite("no verification key is passed, so dropping `none` alone would fail every token")
    listed = names["algorithms"].field("value") if "algorithms" in names else None
    if listed is None or listed.kind() != "list":
        return NoRewrite("the algorithm list is not written in the call")
    items = [i for i in listed.named_children() if i.kind() != "comment"]
    if any(i.kind() != "string" for i in items):
        return NoRewrite("the algorithm list is not all literal names")
    keep = [i.text() for i in items if i.text()[1:-1].lower() != "none"]
    if not keep or len(keep) == len(items):
        return NoRewrite(
            "the list names no real algorithm besides `none`; choose the one the issuer signs with"
        )
    return Rewrite(
        (Edit.replace(listed, "[" + ", ".join(keep) + "]"),),
        f"`none` is removed from the accepted algorithms ({', '.join(keep)} remain), so an unsigned token is "
        "rejected while tokens signed with the key decode as before.",
    )
