"""PHP web-configuration rewrites: debug display, CSRF exemptions, cookie flags, CORS origins,
local redirects, XML entity expansion and the JWT `none` algorithm."""

from __future__ import annotations

import re

from ast_grep_py import SgNode

from vsguard.fixes.edits import Edit
from vsguard.fixes.registry import NoRewrite, Rewrite, Target, register
from vsguard.fixes.strategies._common import enclosing
from vsguard.fixes.strategies._items import remove_item
from vsguard.fixes.strategies.php import PHP, _args

_CALLS = (
    "function_call_expression",
    "member_call_expression",
    "scoped_call_expression",
    "object_creation_expression",
)


def element_parts(element: SgNode) -> tuple[SgNode, SgNode] | None:
    """(key, value) of a `'key' => value` array element."""
    parts = [c for c in element.named_children() if c.kind() != "comment"]
    return (parts[0], parts[1]) if len(parts) == 2 else None


def call_args(node: SgNode) -> tuple[SgNode, list[SgNode]] | None:
    """The call (of any PHP call kind) around `node` and its argument values."""
    call = enclosing(node, *_CALLS)
    if call is None:
        return None
    if call.kind() == "object_creation_expression":  # `new X(...)` has no arguments field
        arglist = next((c for c in call.children() if c.kind() == "arguments"), None)
        values = (
            [a.named_children()[-1] for a in arglist.named_children() if a.kind() == "argument"]
            if arglist
            else []
        )
        return call, values
    return call, _args(call)


def remove_element(code: str, element: SgNode) -> Edit:
    """Delete one array element with the comma that separates it from a neighbour."""
    array = element.parent()
    siblings = [c for c in array.named_children() if c.kind() == "array_element_initializer"] if array else []
    return remove_item(code, siblings, element)


# --------------------------------------------------------------------------- debug display

_DEBUG_FROM_ENV = "filter_var(getenv('APP_DEBUG'), FILTER_VALIDATE_BOOLEAN)"


@register("debug_from_env", PHP)
def php_debug(t: Target) -> Rewrite | NoRewrite:
    node = t.node
    if node.kind() == "array_element_initializer" and (parts := element_parts(node)):
        key, value = parts
        env = re.match(r"^env\(\s*(['\"]\w+['\"])\s*,\s*true\s*\)$", value.text(), re.I)
        if env:
            new = f"env({env.group(1)}, false)"
            why = (
                f"{key.text()} now defaults to off: debug output appears only when {env.group(1)} enables it."
            )
        else:
            new = _DEBUG_FROM_ENV
            why = f"{key.text()} is now read from APP_DEBUG and is off unless that variable is set to true."
        return Rewrite((Edit.replace(value, new),), why, ("Never set APP_DEBUG on a public server.",))
    found = call_args(node)
    if found is None or len(found[1]) != 2:
        return NoRewrite("the setting could not be read")
    call, (name, value) = found
    func = call.field("function")
    if func is not None and func.text() == "ini_set":
        return Rewrite(
            (Edit.replace(value, "'0'"),),
            f"{name.text()} is switched off, so errors go to the log instead of the visitor's page.",
            ("Keep log_errors on so the errors are still recorded.",),
        )
    return Rewrite(
        (Edit.replace(value, "false"),),
        f"{name.text()} is defined as false, so debug output is not shown to visitors.",
    )


# --------------------------------------------------------------------------- CSRF


@register("enable_csrf", PHP)
def php_csrf(t: Target) -> Rewrite | NoRewrite:
    node = t.node
    if node.kind() == "array_element_initializer" and (parts := element_parts(node)):
        return Rewrite(
            (Edit.replace(parts[1], "true"),),
            "csrf_protection is switched back on, so the form checks its CSRF token on submit.",
        )
    wildcards = [
        e
        for e in node.find_all(kind="array_element_initializer")
        if re.fullmatch(r"['\"]/?\*['\"]", e.text())
    ]
    if len(wildcards) != 1:
        return NoRewrite("the exemption list could not be read")
    return Rewrite(
        (remove_element(t.code, wildcards[0]),),
        "The `*` exemption is removed, so every route checks the CSRF token again.",
        ("List by exact path only the routes that authenticate another way (signed webhooks).",),
    )


# --------------------------------------------------------------------------- cookies

_AFTER_EXPIRES = ("''", "''", "true", "true")  # path, domain, secure, httponly


@register("cookie_flags", PHP)
def php_cookie(t: Target) -> Rewrite | NoRewrite:
    found = call_args(t.node)
    if found is None:
        return NoRewrite("the call could not be read")
    call, args = found
    explanation = (
        "The cookie is now sent with secure and httponly: only over HTTPS, and never to page scripts."
    )
    if len(args) >= 3 and args[2].kind() == "array_creation_expression":
        return _cookie_options(t, args[2], explanation)
    if len(args) < 2 or any(a.kind() == "variadic_unpacking" for a in args) or _named_arguments(call):
        return NoRewrite("the call uses named or unpacked arguments; pass secure: true, httponly: true")
    if len(args) == 2:
        return Rewrite(
            (Edit.insert(args[1].range().end.index, ", ['secure' => true, 'httponly' => true]"),),
            explanation,
        )
    edits = []
    for at in (5, 6):
        if at < len(args) and not re.fullmatch(r"(?i)true|1", args[at].text()):
            if not re.fullmatch(r"(?i)false|0|null|''|\"\"", args[at].text()):
                return NoRewrite("a flag is set from a value vsguard cannot change safely")
            edits.append(Edit.replace(args[at], "true"))
    if len(args) < 7:
        missing = _AFTER_EXPIRES[len(args) - 3 :]
        edits.append(Edit.insert(args[-1].range().end.index, "".join(f", {m}" for m in missing)))
    return Rewrite(tuple(edits), explanation)


def _named_arguments(call: SgNode) -> bool:
    """`f(name: value)`: PHP 8 named arguments, after which no positional one may follow."""
    arglist = call.field("arguments")
    return arglist is not None and any(
        len(a.named_children()) > 1 for a in arglist.named_children() if a.kind() == "argument"
    )


def _cookie_options(t: Target, array: SgNode, explanation: str) -> Rewrite | NoRewrite:
    elements = [e for e in array.named_children() if e.kind() == "array_element_initializer"]
    edits = []
    for flag in ("secure", "httponly"):
        entry = next((e for e in elements if re.match(rf"^['\"]{flag}['\"]\s*=>", e.text(), re.I)), None)
        parts = element_parts(entry) if entry is not None else None
        if entry is None:
            if not elements:
                edits.append(Edit.replace(array, "['secure' => true, 'httponly' => true]"))
                break
            edits.append(Edit.insert(elements[-1].range().end.index, f", '{flag}' => true"))
        elif parts is None or not re.fullmatch(r"(?i)true|1|false|0", parts[1].text()):
            return NoRewrite(f"{flag} is set from a value vsguard cannot change safely")
        elif not re.fullmatch(r"(?i)true|1", parts[1].text()):
            edits.append(Edit.replace(parts[1], "true"))
    return Rewrite(tuple(edits), explanation)


# --------------------------------------------------------------------------- CORS

# `allowed_origins` with `supports_credentials` is Laravel's config/cors.php, which reads env()
_CORS_ORIGINS = "array_filter(explode(',', (string) env('CORS_ALLOWED_ORIGINS', '')))"


@register("cors_from_env", PHP)
def php_cors(t: Target) -> Rewrite | NoRewrite:
    parts = element_parts(t.node) if t.node.kind() == "array_element_initializer" else None
    if parts is None:
        return NoRewrite("the header is sent directly; echo the Origin only after checking it against a list")
    return Rewrite(
        (Edit.replace(parts[1], _CORS_ORIGINS),),
        "allowed_origins is now the list in CORS_ALLOWED_ORIGINS instead of every site, so credentialed "
        "cross-origin requests are answered only for origins you trust.",
        ("Set CORS_ALLOWED_ORIGINS to a comma-separated list such as https://app.example.com.",),
        review="cross-origin callers not listed in CORS_ALLOWED_ORIGINS are refused",
    )


# --------------------------------------------------------------------------- redirects


@register("local_redirect", PHP)
def php_redirect(t: Target) -> Rewrite | NoRewrite:
    found = call_args(t.node)
    if found is None or not found[1]:
        return NoRewrite("the call could not be read")
    call, args = found
    func = call.field("function")
    if func is not None and func.text() == "wp_redirect":
        return Rewrite(
            (Edit.replace(func, "wp_safe_redirect"),),
            "wp_redirect becomes wp_safe_redirect, which sends visitors only to this site (or hosts "
            "allowed with the allowed_redirect_hosts filter).",
        )
    target = args[0]
    if func is not None and func.text() == "header":
        from vsguard.fixes.strategies.php_sql import php_parts

        parts = php_parts(target)
        head = parts[0].text if parts and hasattr(parts[0], "text") else ""
        m = re.match(r"^(?i:\s*location\s*:\s*)$", head)
        if len(parts) != 2 or m is None or not hasattr(parts[1], "source"):
            return NoRewrite("the Location header is not a fixed prefix followed by one value")
        value = parts[1].source
        quote = "'" if target.text().startswith("'") else '"'
        new = f"{quote}{head}/{quote} . ltrim({value}, '/\\\\')"
    else:
        value = target.text()
        new = f"'/' . ltrim({value}, '/\\\\')"
    return Rewrite(
        (Edit.replace(target, new),),
        f"The destination is now a path on this site: leading slashes and backslashes are stripped from "
        f"`{value}` and one `/` is put in front, so `//evil.example` or `https://evil.example` cannot "
        "send the visitor to another host.",
        ("Pass only paths (such as /account) in the redirect parameter.",),
    )


# --------------------------------------------------------------------------- XML

_ENTITY_FLAGS = re.compile(r"^LIBXML_(NOENT|DTDLOAD)$")


@register("harden_xml_parser", PHP)
def php_xxe(t: Target) -> Rewrite | NoRewrite:
    node = t.node
    if node.kind() == "member_access_expression":
        assign = node.parent()
        right = assign.field("right") if assign is not None else None
        if right is None:
            return NoRewrite("the assignment could not be read")
        return Rewrite(
            (Edit.replace(right, "false"),),
            f"{node.text()} is switched off, so entities in the document are no longer expanded or loaded.",
        )
    found = call_args(node)
    if found is None:
        return NoRewrite("the call could not be read")
    call, args = found
    name = call.field("name")
    if name is not None and name.text() == "setParserProperty" and len(args) == 2:
        return Rewrite(
            (Edit.replace(args[1], "false"),),
            f"{args[0].text()} is switched off, so the reader no longer expands or loads entities.",
        )
    for arg in args:
        flags = [n for n in arg.find_all(kind="name") if _ENTITY_FLAGS.match(n.text())]
        if not flags:
            continue
        kept = [p.strip() for p in arg.text().split("|") if not _ENTITY_FLAGS.match(p.strip())]
        if any(not re.fullmatch(r"LIBXML_\w+|0", p) for p in kept):
            return NoRewrite("the parser flags are not a plain `|` list of constants")
        return Rewrite(
            (Edit.replace(arg, " | ".join(kept) if kept else "0"),),
            f"{' and '.join(f.text() for f in flags)} is dropped from the parser flags, so the parser no "
            "longer substitutes entities or loads external DTDs.",
        )
    return NoRewrite("the entity flag could not be located")


# --------------------------------------------------------------------------- JWT


@register("drop_none_algorithm", PHP)
def php_jwt(t: Target) -> Rewrite | NoRewrite:
    nones = [
        e
        for e in t.node.find_all(kind="array_element_initializer")
        if re.fullmatch(r"(?i)['\"]none['\"]", e.text())
    ]
    if len(nones) != 1:
        return NoRewrite("the token's claims are read without verification; use JWT::decode with a Key")
    array = nones[0].parent()
    others = [c for c in array.named_children() if c.kind() == "array_element_initializer"] if array else []
    if len(others) < 2:
        return NoRewrite("`none` is the only algorithm allowed; name the algorithm the issuer signs with")
    return Rewrite(
        (remove_element(t.code, nones[0]),),
        "`none` is removed from the accepted algorithms, so an unsigned token is rejected.",
    )


# --------------------------------------------------------------------------- mass assignment

_PLAIN_REQUEST = re.compile(r"^\\?(Illuminate\\Http\\)?Request$|RequestInterface$")


def _form_request_parameter(call: SgNode, variable: str) -> str | None:
    """The class of `variable` when it is a parameter typed as a form request (`StoreUserRequest`)."""
    method = enclosing(call, "method_declaration", "function_definition")
    for param in method.find_all(kind="simple_parameter") if method is not None else []:
        name, kind = param.field("name"), param.field("type")
        if name is not None and kind is not None and name.text() == variable:
            type_name = kind.text().lstrip("?")
            if type_name.endswith("Request") and not _PLAIN_REQUEST.search(type_name):
                return type_name
    return None


@register("validated_input", PHP)
def php_mass_assignment(t: Target) -> Rewrite | NoRewrite:
    reads = [
        m
        for m in t.node.find_all(kind="member_call_expression")
        if re.fullmatch(r"(\$\w+)->all\(\)", m.text())
    ]
    if len(reads) != 1:
        return NoRewrite("list the fields the model may take: $request->only([...]) and $fillable")
    variable = reads[0].text()[: -len("->all()")]
    form = _form_request_parameter(t.node, variable)
    if form is None:
        return NoRewrite("not a form request; pass $request->only([...]) with the allowed fields")
    return Rewrite(
        (Edit.replace(reads[0], f"{variable}->validated()"),),
        f"{variable} is typed {form}, a form request, so ->validated() returns only the fields its rules() "
        "accept; a client can no longer set columns the form does not validate.",
        ("Fields that rules() does not name are dropped now; add a rule for each one the model must take.",),
        review="fields without a validation rule no longer reach the model",
    )
