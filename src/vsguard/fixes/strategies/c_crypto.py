"""C and C++ crypto and parser rewrites: RSA/DSA key sizes, SHA-256 for MD5/SHA-1 where the output
buffer is known to fit, arc4random for rand(), libxml2/expat entity options off, and client
passwords read from the environment."""

from __future__ import annotations

import re

from ast_grep_py import SgNode

from vsguard.fixes.edits import Edit
from vsguard.fixes.registry import NoRewrite, Rewrite, Target, register
from vsguard.fixes.strategies._common import arguments, enclosing, larger_key, operands
from vsguard.fixes.strategies.c_family import C, array_size, include_edit

_SHORT_KEY = re.compile(r"^(\d{1,3}|1\d{3}|20[0-3]\d|204[0-7])[uUlL]*$")


def _is_cpp(t: Target) -> bool:
    return t.language == "cpp"


def _std(t: Target, header: str, cpp_header: str) -> tuple[str, tuple[Edit, ...]]:
    """(`std::` in C++ or nothing, the include the name needs)."""
    return ("std::", include_edit(t, cpp_header)) if _is_cpp(t) else ("", include_edit(t, header))


@register("strong_key_size", *C)
def c_key_size(t: Target) -> Rewrite | NoRewrite:
    return larger_key([a for a in arguments(t.node) if _SHORT_KEY.match(a.text())])


# --------------------------------------------------------------------------- digests

_EVP_WEAK = {"EVP_md4": "EVP_sha256", "EVP_md5": "EVP_sha256", "EVP_sha1": "EVP_sha256"}
_ONE_SHOT = {"MD4": "MD4_DIGEST_LENGTH", "MD5": "MD5_DIGEST_LENGTH", "SHA1": "SHA_DIGEST_LENGTH"}
_WIDE_ENOUGH = re.compile(
    r"^(EVP_MAX_MD_SIZE|SHA256_DIGEST_LENGTH|SHA384_DIGEST_LENGTH|SHA512_DIGEST_LENGTH|\d+)$"
)
_DIGEST_REVIEW = "digests change from the old algorithm's, so stored or compared values must be recomputed"


def _final_buffers_fit(function: SgNode) -> bool:
    """Every EVP_DigestFinal in the function writes to a local array of at least 32 bytes."""
    finals = [
        c
        for c in function.find_all(kind="call_expression")
        if (f := c.field("function")) is not None and re.match(r"^EVP_DigestFinal(_ex)?$", f.text())
    ]
    for call in finals:
        args = arguments(call)
        out = args[1] if len(args) >= 2 else None
        size = array_size(call, out.text()) if out is not None and out.kind() == "identifier" else None
        if size is None or not _WIDE_ENOUGH.match(size) or (size.isdigit() and int(size) < 32):
            return False
    return bool(finals)


@register("strong_hash", *C)
def c_strong_hash(t: Target) -> Rewrite | NoRewrite:
    func = t.node.field("function")
    name = func.text() if func is not None else ""
    function = enclosing(t.node, "function_definition")
    if function is None:
        return NoRewrite("the digest is not made inside a function")
    if name in _EVP_WEAK:
        if not _final_buffers_fit(function):
            return NoRewrite(
                "the digest is not finished here into an EVP_MAX_MD_SIZE buffer, so a longer SHA-256 "
                "digest might not fit where it is written"
            )
        assert func is not None
        return Rewrite(
            (Edit.replace(func, _EVP_WEAK[name]),),
            f"{name}() becomes EVP_sha256(): SHA-256 has no known collision attack, and the output buffer "
            "already holds EVP_MAX_MD_SIZE bytes.",
            review=_DIGEST_REVIEW,
        )
    if name in _ONE_SHOT:
        return _one_shot(t, function, name)
    return NoRewrite("only EVP_md5/EVP_sha1 and the MD5/SHA1 one-shot calls are rewritten")


def _one_shot(t: Target, function: SgNode, name: str) -> Rewrite | NoRewrite:
    args = arguments(t.node)
    length = _ONE_SHOT[name]
    out = args[2] if len(args) == 3 else None
    if (
        out is None
        or out.kind() != "identifier"
        or array_size(t.node, out.text()) not in (length, "16", "20")
    ):
        return NoRewrite(f"the output is not a local array sized {length}, so it cannot be widened here")
    decl = next(
        d
        for d in function.find_all(kind="array_declarator")
        if (n := d.field("declarator")) is not None and n.text() == out.text()
    )
    size = decl.field("size")
    assert size is not None
    uses = [i for i in function.find_all(kind="identifier") if i.text() == length and i != size]
    if any(c.kind() == "array_declarator" and c != decl for u in uses for c in [u.parent() or u]):
        return NoRewrite(f"another buffer is sized {length}; widen the digest buffers by hand")
    func = t.node.field("function")
    assert func is not None
    edits = [Edit.replace(func, "SHA256"), Edit.replace(size, "SHA256_DIGEST_LENGTH")]
    edits += [Edit.replace(u, "SHA256_DIGEST_LENGTH") for u in uses]
    return Rewrite(
        (*edits, *include_edit(t, "openssl/sha.h")),
        f"{name}() becomes SHA256(), and `{out.text()}` and the loops over it use SHA256_DIGEST_LENGTH, so "
        "the 32-byte digest fits.",
        review=_DIGEST_REVIEW,
    )


# --------------------------------------------------------------------------- random numbers


@register("random_to_arc4random", *C)
def c_random(t: Target) -> Rewrite | NoRewrite:
    func = t.node.field("function")
    name = (func.text() if func is not None else "").removeprefix("std::")
    if name not in ("rand", "random", "rand_r"):
        return NoRewrite(f"`{name}` returns a floating or 48-bit value; fill the secret with getrandom()")
    _, includes = _std(t, "stdlib.h", "cstdlib")  # arc4random is a POSIX name, never in std::
    parent = t.node.parent()
    op = parent.field("operator") if parent is not None and parent.kind() == "binary_expression" else None
    bound = parent.field("right") if parent is not None else None
    if (
        parent is not None
        and op is not None
        and op.text() == "%"
        and parent.field("left") == t.node
        and bound
    ):
        cast = "" if re.fullmatch(r"\d+[uU][lL]*", bound.text()) else "(int)"  # keep `%`'s result type
        new = f"{cast}arc4random_uniform({bound.text()})"
        edit, how = Edit.replace(parent, new), f"arc4random_uniform({bound.text()})"
    else:
        new = "(int)(arc4random() % ((unsigned)RAND_MAX + 1))"
        edit, how = Edit.replace(t.node, new), "arc4random(), kept in rand()'s range"
    return Rewrite(
        (edit, *includes),
        f"The value now comes from {how}, which draws from the operating system's CSPRNG and cannot be "
        "predicted from earlier outputs or the seed.",
        ("Any srand() seeding is now unused; remove it.",),
        review="arc4random needs glibc 2.36 or later, a BSD, macOS or musl 1.2.5; link with libbsd elsewhere",
    )


# --------------------------------------------------------------------------- XML entities

_ENTITY_FLAGS = re.compile(r"^XML_PARSE_(NOENT|DTDLOAD)$")


@register("xml_entities_off", *C)
def c_xxe(t: Target) -> Rewrite | NoRewrite:
    node = t.node
    if node.kind() == "assignment_expression":
        right = node.field("right")
        assert right is not None
        return Rewrite((Edit.replace(right, "0"),), "The external DTD subset is no longer loaded by default.")
    func = node.field("function")
    name = func.text() if func is not None else ""
    args = arguments(node)
    if name == "xmlSubstituteEntitiesDefault" and args:
        return Rewrite((Edit.replace(args[0], "0"),), "Entities are no longer substituted by default.")
    if name == "XML_SetParamEntityParsing" and len(args) == 2:
        return Rewrite(
            (Edit.replace(args[1], "XML_PARAM_ENTITY_PARSING_NEVER"),),
            "expat no longer parses parameter entities or the external DTD subset.",
        )
    options = next((a for a in args if any(_ENTITY_FLAGS.match(o.text()) for o in operands(a, "|"))), None)
    if options is None:
        return NoRewrite("the entity options could not be found in the arguments")
    kept = [o.text() for o in operands(options, "|") if not _ENTITY_FLAGS.match(o.text())]
    if "XML_PARSE_NONET" not in kept:
        kept.append("XML_PARSE_NONET")
    return Rewrite(
        (Edit.replace(options, " | ".join(kept)),),
        "The parser no longer substitutes entities or loads external DTDs (XML_PARSE_NOENT and "
        "XML_PARSE_DTDLOAD removed) and does not touch the network (XML_PARSE_NONET), so a document cannot "
        "pull in local files or URLs.",
        ("Documents that use entities defined in their own DTD keep them as entity references.",),
    )


# --------------------------------------------------------------------------- passwords

_PASSWORD_SLOT = {  # function -> (argument index, environment variable)
    "mysql_real_connect": (3, "MYSQL_PASSWORD"),
    "PQsetdbLogin": (6, "PGPASSWORD"),
    "ldap_simple_bind_s": (2, "LDAP_BIND_PASSWORD"),
    "ldap_simple_bind": (2, "LDAP_BIND_PASSWORD"),
    "ldap_bind_s": (2, "LDAP_BIND_PASSWORD"),
}
_CURL_SLOT = {
    "CURLOPT_PASSWORD": "HTTP_PASSWORD",
    "CURLOPT_USERPWD": "HTTP_USERPWD",
    "CURLOPT_PROXYPASSWORD": "PROXY_PASSWORD",
    "CURLOPT_PROXYUSERPWD": "PROXY_USERPWD",
    "CURLOPT_KEYPASSWD": "KEY_PASSWORD",
}


@register("secret_to_env", *C)
def c_password_env(t: Target) -> Rewrite | NoRewrite:
    func = t.node.field("function")
    name = func.text() if func is not None else ""
    args = arguments(t.node)
    if name == "curl_easy_setopt" and len(args) == 3 and args[1].text() in _CURL_SLOT:
        index, env = 2, _CURL_SLOT[args[1].text()]
    elif name in _PASSWORD_SLOT and len(args) > _PASSWORD_SLOT[name][0]:
        index, env = _PASSWORD_SLOT[name]
    else:
        return NoRewrite("the password sits inside a connection string; remove it there and set PGPASSWORD")
    prefix, includes = _std(t, "stdlib.h", "cstdlib")
    return Rewrite(
        (Edit.replace(args[index], f'{prefix}getenv("{env}")'), *includes),
        f"The password is now read from the environment variable {env} at run time instead of being "
        "compiled into the program.",
        (
            f"Set {env} from the deployment's secret store, and rotate the old password: it is in the "
            "repository history and in every built binary.",
        ),
        review=f"the program now needs {env} in its environment; without it the login has no password",
    )
