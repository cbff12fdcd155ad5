"""Python configuration flaws with a one-token fix: unsafe YAML loading, TLS checks, debug, cookies."""

from __future__ import annotations

from ast_grep_py import SgNode

from vsguard.fixes.edits import Edit
from vsguard.fixes.imports import python_import
from vsguard.fixes.registry import NoRewrite, Rewrite, Target, register
from vsguard.fixes.strategies._common import (
    append_arguments,
    arguments,
    call_of,
    call_with_callee,
    enclosing,
    has_splat,
    keyword,
    on_python_call,
    remove_argument,
)


@on_python_call("yaml_safe_load")
def yaml_safe_load(t: Target, call: SgNode, func: SgNode) -> Rewrite | NoRewrite:
    many = func.text().endswith("load_all")
    args = arguments(call)
    data = [a for a in args if a.kind() != "keyword_argument"]
    extra = [a for a in args if a.kind() == "keyword_argument" and (a.field("name") or a).text() != "Loader"]
    if len(data) > 2 or extra or has_splat(call) or not data:
        return NoRewrite("the call passes options that safe_load does not take")
    new_func = "yaml.safe_load_all" if many else "yaml.safe_load"
    edits = (Edit(func.range().start.index, call.range().end.index, f"{new_func}({data[0].text()})"),)
    return Rewrite(
        edits,
        f"`{func.text()}` is replaced by `{new_func}`, which builds only plain types (dict, list, str, "
        "numbers) and ignores Python object tags.",
    )


@register("remove_verify_false", "python")
def python_tls(t: Target) -> Rewrite | NoRewrite:
    node = t.node
    text = node.text()
    if node.kind() == "keyword_argument":
        name = node.field("name")
        value = node.field("value")
        call = call_of(node, "python")
        if name is None or value is None or call is None:
            return NoRewrite("the argument could not be read")
        if name.text() == "verify":
            return Rewrite(
                (remove_argument(t.code, call, node),),
                "`verify=False` is removed, so certificates are checked again (the default). For a private "
                'CA pass its bundle: `verify="/path/to/ca.pem"`.',
            )
        return Rewrite(
            (Edit.replace(value, value.text().replace("CERT_NONE", "CERT_REQUIRED")),),
            "The certificate requirement is now CERT_REQUIRED, so the server's certificate is verified.",
        )
    if node.kind() == "call" and "_create_unverified_context" in text:
        func = node.field("function")
        assert func is not None
        return Rewrite(
            (
                Edit.replace(
                    func, func.text().replace("_create_unverified_context", "create_default_context")
                ),
            ),
            "The unverified SSL context is replaced by ssl.create_default_context(), which verifies "
            "certificates and host names.",
        )
    if node.kind() == "assignment":
        right = node.field("right")
        assert right is not None
        if right.text() == "False":
            return Rewrite(
                (Edit.replace(right, "True"),),
                "Host name checking is switched back on, so a valid certificate for another host is refused.",
            )
        return Rewrite(
            (Edit.replace(right, right.text().replace("CERT_NONE", "CERT_REQUIRED")),),
            "The context now requires and verifies the server certificate (CERT_REQUIRED).",
        )
    return NoRewrite("unrecognised form of disabled verification")


@register("debug_from_env", "python")
def python_debug(t: Target) -> Rewrite | NoRewrite:
    node = t.node
    imports = python_import(t.root, t.code, "os")
    if node.kind() == "call":
        arg = keyword(node, "debug")
        value = arg.field("value") if arg is not None else None
        if value is None:
            return NoRewrite("the debug argument could not be read")
        target, var = value, "FLASK_DEBUG"
    elif node.kind() == "assignment":
        right, left = node.field("right"), node.field("left")
        if right is None or left is None:
            return NoRewrite("the assignment could not be read")
        target = right
        var = "DEBUG" if left.text() == "DEBUG" else "FLASK_DEBUG"
    else:
        return NoRewrite("unrecognised form of the debug flag")
    new = f'os.environ.get("{var}") == "1"'
    return Rewrite(
        (Edit.replace(target, new), *imports),
        f"Debug mode now comes from the environment and is off unless {var}=1 is set, so production runs "
        "without the debugger.",
    )


_PY_COOKIE_FLAGS = (("secure", "True"), ("httponly", "True"), ("samesite", '"Lax"'))


@on_python_call("cookie_flags")
def python_cookie(t: Target, call: SgNode, _: SgNode) -> Rewrite | NoRewrite:
    if has_splat(call):
        return NoRewrite("cookie options come from **kwargs; set the flags where that dict is built")
    edits: list[Edit] = []
    missing: list[str] = []
    for name, good in _PY_COOKIE_FLAGS:
        arg = keyword(call, name)
        value = arg.field("value") if arg is not None else None
        if value is None:
            missing.append(f"{name}={good}")
        elif (value.text() == "None") if name == "samesite" else (value.text() != "True"):
            edits.append(Edit.replace(value, good))
    if missing:
        edits.append(append_arguments(t.code, call, ", ".join(missing)))
    if not edits:
        return NoRewrite("the cookie already has its flags")
    return Rewrite(
        tuple(edits),
        "The cookie is now set with secure=True (HTTPS only), httponly=True (hidden from scripts) and "
        'samesite="Lax" (not sent on cross-site subrequests).',
    )


_STRONG_CURVE = "SECP256R1"


@on_python_call("strong_key_size")
def python_key_size(t: Target, call: SgNode, func: SgNode) -> Rewrite | NoRewrite:
    name = func.text()
    if name.endswith(("SECP192R1", "SECT163K1", "SECT163R2", "SECP160R1", "SECT233K1", "SECT233R1")):
        curve = name.rsplit(".", 1)[-1]
        start = func.range().end.index - len(curve)
        return Rewrite(
            (Edit(start, func.range().end.index, _STRONG_CURVE),),
            f"The curve {curve} (under 128-bit strength) becomes {_STRONG_CURVE} (P-256).",
            ("Keys made with the old curve stay weak until they are rotated.",),
        )
    size = keyword(call, "key_size")
    value = size.field("value") if size is not None else None
    if value is None:
        args = [a for a in arguments(call) if a.kind() != "keyword_argument"]
        value = args[0] if args else None
    if value is None or not value.text().isdigit():
        return NoRewrite("the key size is not a literal number")
    return Rewrite(
        (Edit.replace(value, "3072"),),
        f"The key size grows from {value.text()} to 3072 bits, the size that keeps 128-bit strength.",
        ("Existing keys stay weak until they are rotated.",),
    )


@register("bind_from_env", "python")
def python_bind(t: Target) -> Rewrite | NoRewrite:
    node = t.node
    if node.kind() == "keyword_argument":
        value = node.field("value")
    else:
        call = call_of(node, "python")
        args = arguments(call) if call is not None else []
        value = args[0].named_children()[0] if args and args[0].kind() == "tuple" else None
    if value is None or value.kind() != "string":
        return NoRewrite("the address is not a literal")
    new = 'os.environ.get("HOST", "127.0.0.1")'
    return Rewrite(
        (Edit.replace(value, new), *python_import(t.root, t.code, "os")),
        "The server now listens on the loopback interface unless HOST is set, so it is not exposed on every "
        "network the machine is attached to.",
        ("Set HOST=0.0.0.0 where exposure is intended (e.g. inside a container behind a proxy).",),
    )


@register("enable_csrf", "python")
def python_csrf(t: Target) -> Rewrite | NoRewrite:
    node = t.node
    if node.kind() != "assignment":
        return NoRewrite(
            "the view is exempted on purpose or by mistake; protect it or give it token auth by hand"
        )
    right = node.field("right")
    if right is None or right.text() != "False":
        return NoRewrite("the setting is not a literal False")
    return Rewrite(
        (Edit.replace(right, "True"),),
        "CSRF protection is switched back on, so forms must carry a valid token.",
    )


@register("tempfile_mkstemp", "python")
def python_tempfile(t: Target) -> Rewrite | NoRewrite:
    found = call_with_callee(t.node, "python")
    if found is None or not found[1].text().endswith("mktemp"):
        return NoRewrite(
            "a fixed path in /tmp needs a per-run name; use tempfile.mkstemp() or a private folder"
        )
    call, _ = found
    assign = call.parent()
    statement = assign.parent() if assign is not None else None
    target = assign.field("left") if assign is not None and assign.kind() == "assignment" else None
    if (
        target is None
        or target.kind() != "identifier"
        or statement is None
        or statement.kind() != "expression_statement"
    ):
        return NoRewrite("the temporary name is not assigned to a plain variable")
    args = call.field("arguments")
    indent = t.code[t.code.rfind("\n", 0, statement.range().start.index) + 1 : statement.range().start.index]
    new = f"_fd, {target.text()} = tempfile.mkstemp{args.text() if args else '()'}\n{indent}os.close(_fd)"
    return Rewrite(
        (Edit.replace(statement, new), *python_import(t.root, t.code, "os")),
        "tempfile.mktemp only picked a name; tempfile.mkstemp creates the file atomically with owner-only "
        "permissions, so another user cannot claim or swap that path first.",
    )


_UNSAFE_PARSER_FLAGS = {
    "resolve_entities": "False",
    "no_network": "True",
    "load_dtd": "False",
    "huge_tree": "False",
}


@on_python_call("harden_xml_parser")
def python_xml(t: Target, call: SgNode, _: SgNode) -> Rewrite | NoRewrite:
    flag = keyword(call, "disable_entities")
    flag_value = flag.field("value") if flag is not None else None
    if flag_value is not None:
        return Rewrite(
            (Edit.replace(flag_value, "True"),),
            "xmltodict now refuses entity declarations (disable_entities=True, its default).",
        )
    parser = keyword(call, "parser")
    parser_value = parser.field("value") if parser is not None else None
    if parser_value is None:
        positional = [a for a in arguments(call) if a.kind() != "keyword_argument"]
        parser_value = positional[1] if len(positional) > 1 else None
    if parser_value is None:
        return NoRewrite("no parser object to harden")
    construction = parser_value
    if parser_value.kind() == "identifier":
        scope = enclosing(call, "function_definition", "module")
        assigns = [
            a
            for a in (scope.find_all(kind="assignment") if scope is not None else [])
            if (left := a.field("left")) is not None and left.text() == parser_value.text()
        ]
        built_from = assigns[0].field("right") if len(assigns) == 1 else None
        if built_from is None:
            return NoRewrite("the parser is built in more than one place")
        construction = built_from
    if construction.kind() != "call" or not (construction.field("function") or construction).text().endswith(
        "XMLParser"
    ):
        return NoRewrite("the parser is not built here with XMLParser(...)")
    edits = []
    for name, safe in _UNSAFE_PARSER_FLAGS.items():
        kw = keyword(construction, name)
        value = kw.field("value") if kw is not None else None
        if value is not None and value.text() != safe:
            edits.append(Edit.replace(value, safe))
    if keyword(construction, "resolve_entities") is None:
        edits.append(append_arguments(t.code, construction, "resolve_entities=False"))
    return Rewrite(
        tuple(edits),
        "The XML parser no longer resolves entities, loads DTDs or fetches from the network "
        "(resolve_entities=False, no_network=True, load_dtd=False), so a crafted document cannot read files "
        "or reach internal hosts.",
    )


_CORS_ORIGINS = '[o for o in os.environ.get("CORS_ORIGINS", "").split(",") if o]'


@register("cors_from_env", "python")
def python_cors(t: Target) -> Rewrite | NoRewrite:
    node = t.node
    note = ("Set CORS_ORIGINS to a comma-separated list of the sites that may call this API.",)
    if node.kind() == "assignment":
        right, left = node.field("right"), node.field("left")
        if right is None or left is None or right.text() != "True":
            return NoRewrite("the header is set directly; send only origins from an allow-list")
        return Rewrite(
            (Edit.replace(right, "False"),),
            f"{left.text()} is switched off, so only origins listed in CORS_ALLOWED_ORIGINS may "
            "read responses.",
        )
    call = call_of(node, "python")
    if call is None:
        return NoRewrite("the call could not be read")
    imports = python_import(t.root, t.code, "os")
    for name in ("origins", "allow_origins"):
        kw = keyword(call, name)
        value = kw.field("value") if kw is not None else None
        if value is not None:
            return Rewrite(
                (Edit.replace(value, _CORS_ORIGINS), *imports),
                "Cross-origin access is now limited to the origins listed in CORS_ORIGINS instead "
                "of every site.",
                note,
            )
    if keyword(call, "resources") is not None:
        return NoRewrite("per-resource CORS settings need their origins set by hand")
    return Rewrite(
        (append_arguments(t.code, call, f"origins={_CORS_ORIGINS}"), *imports),
        "Cross-origin access is now limited to the origins listed in CORS_ORIGINS instead of every site.",
        note,
    )
