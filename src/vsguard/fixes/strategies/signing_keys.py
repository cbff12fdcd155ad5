"""signing_key_to_env: a literal JWT or HMAC key argument is read from the environment instead.

`jwt.encode(payload, "literal")`, `jwt.sign(payload, "literal")`, `hmac.new(b"literal", ...)` and
`crypto.createHmac(alg, "literal")` take the key from JWT_SECRET (HMAC_KEY for an HMAC). Tokens
signed with the old key stop verifying once the variable holds a new one, so it needs review.
"""

from __future__ import annotations

import ast
import re

from ast_grep_py import SgNode

from vsguard.fixes.edits import Edit
from vsguard.fixes.imports import python_import
from vsguard.fixes.registry import NoRewrite, Rewrite, Target, register
from vsguard.fixes.strategies._common import arguments, call_of, is_js, keyword

_PY_JWT = re.compile(r"^(jwt|jose\.jwt|PyJWT)\.(encode|decode)$|^jwt\.PyJWT\(\)\.(encode|decode)$")
_PY_HMAC = re.compile(r"^hmac\.(new|digest)$")
_JS_HMAC = re.compile(r"^crypto\.createHmac$")
_JS_JWT_METHOD = re.compile(r"^(sign|verify)$")


def _python_key(call: SgNode) -> tuple[SgNode | None, str]:
    """(the key argument, the variable it moves to) of a PyJWT/jose or hmac call."""
    func = call.field("function")
    callee = func.text() if func is not None else ""
    positional = [a for a in arguments(call) if a.kind() not in ("keyword_argument", "dictionary_splat")]
    if _PY_HMAC.match(callee):
        if positional:
            return positional[0], "HMAC_KEY"
        named = keyword(call, "key")
        return (named.field("value") if named is not None else None), "HMAC_KEY"
    if _PY_JWT.match(callee):
        if len(positional) >= 2:
            return positional[1], "JWT_SECRET"
        named = keyword(call, "key")
        return (named.field("value") if named is not None else None), "JWT_SECRET"
    return None, ""


def _js_key(call: SgNode) -> tuple[SgNode | None, str, str]:
    """(the key argument, its variable, the callee family) of a jsonwebtoken or createHmac call."""
    func = call.field("function")
    args = arguments(call)
    if func is None or len(args) < 2:
        return None, "", ""
    if _JS_HMAC.match(func.text()):
        return args[1], "HMAC_KEY", func.text()
    prop, obj = func.field("property"), func.field("object")
    if (
        func.kind() == "member_expression"
        and prop is not None
        and obj is not None
        and _JS_JWT_METHOD.match(prop.text())
    ):
        return args[1], "JWT_SECRET", obj.text()
    return None, "", ""


def _python_value(lit: SgNode) -> str | bytes | None:
    """The constant a plain (non-f) Python string or bytes literal stands for, else None."""
    if lit.kind() not in ("string", "concatenated_string") or lit.find(kind="interpolation") is not None:
        return None
    try:
        value = ast.literal_eval(lit.text())
    except (ValueError, SyntaxError):
        return None
    return value if isinstance(value, str | bytes) else None


def _js_value(lit: SgNode) -> str | None:
    plain_template = lit.kind() == "template_string" and lit.find(kind="template_substitution") is None
    return lit.text()[1:-1] if lit.kind() == "string" or plain_template else None


def _other_python_keys(t: Target, variable: str) -> set[str | bytes]:
    keys: set[str | bytes] = set()
    for call in t.root.find_all(kind="call"):
        arg, name = _python_key(call)
        value = _python_value(arg) if arg is not None and name == variable else None
        if value is not None:
            keys.add(value)
    return keys


def _other_js_keys(t: Target, variable: str, family: str) -> set[str]:
    keys: set[str] = set()
    for call in t.root.find_all(kind="call_expression"):
        arg, name, owner = _js_key(call)
        value = _js_value(arg) if arg is not None and (name, owner) == (variable, family) else None
        if value is not None:
            keys.add(value)
    return keys


def _rewrite(edits: tuple[Edit, ...], variable: str) -> Rewrite:
    return Rewrite(
        edits,
        f"The key is now read from the environment variable {variable} at run time instead of being "
        "written in the source, where anyone who reads it can sign tokens the service accepts.",
        (
            f"Set {variable} to a new random key of at least 32 bytes (e.g. `secrets.token_urlsafe(32)`) "
            "in the deployment's secret store; the old key is in the repository history and is leaked.",
        ),
        review=(
            f"Tokens and MACs made with the old literal key stop verifying once {variable} holds a new "
            "key: set it before deploying, and expect sessions signed with the old key to end."
        ),
    )


_SEVERAL = "the file signs with more than one literal key; give each its own variable by hand"


@register("signing_key_to_env", "python", "javascript")
def signing_key_to_env(t: Target) -> Rewrite | NoRewrite:
    call = call_of(t.node, t.language)
    if call is None:
        return NoRewrite("the signing call could not be read")
    if t.language == "python":
        lit, variable = _python_key(call)
        value = _python_value(lit) if lit is not None else None
        if lit is None or value is None:
            return NoRewrite("the key is not a plain string literal argument")
        if len(_other_python_keys(t, variable)) > 1:
            return NoRewrite(_SEVERAL)
        read = f'os.environ["{variable}"]'
        if isinstance(value, bytes):
            try:
                value.decode("utf-8")
            except UnicodeDecodeError:
                return NoRewrite("the key is raw bytes that an environment variable cannot hold as text")
            read += ".encode()"
        return _rewrite((Edit.replace(lit, read), *python_import(t.root, t.code, "os")), variable)
    if not is_js(t.language):
        return NoRewrite("no environment rewrite for this language")
    lit, variable, family = _js_key(call)
    if lit is None or _js_value(lit) is None:
        return NoRewrite("the key is not a plain string literal argument")
    if len(_other_js_keys(t, variable, family)) > 1:
        return NoRewrite(_SEVERAL)
    return _rewrite((Edit.replace(lit, f"process.env.{variable}"),), variable)
