"""C++ web handler rewrites (cpp-httplib, Crow, Drogon): request values reduced to a file name or
HTML-escaped where they are used, and header, redirect and CORS calls guarded by a check.

Only values the handler takes from the request are touched (a request accessor, a local assigned
from one, a Crow route's string parameter), so text the program builds itself keeps its meaning.
"""

from __future__ import annotations

import re

from ast_grep_py import SgNode

from vsguard.fixes.edits import Edit, indentation_at
from vsguard.fixes.registry import NoRewrite, Rewrite, Target, register
from vsguard.fixes.strategies._common import arguments, enclosing, operands
from vsguard.fixes.strategies.c_family import include_edit

CPP = "cpp"
_REQUEST = re.compile(
    r"^(?i:\w*req(uest)?)\s*(\.|->)\s*(get_param_value|get_header_value|getParameter|getOptionalParameter"
    r"|getHeader|getCookie|getBody|getQuery|param|query|url_params\s*\.\s*get|body|matches|path_params"
    r"|url_params|target)\b"
)
_HANDLERS = ("lambda_expression", "function_definition")


def _declared(name: str, scope: SgNode) -> SgNode | None:
    """The value a local `name` is initialised with in `scope`."""
    for decl in scope.find_all(kind="init_declarator"):
        target, value = decl.field("declarator"), decl.field("value")
        if target is not None and value is not None and target.text().lstrip("&* ") == name:
            return value
    return None


def _route_parameter(ident: SgNode, scope: SgNode) -> bool:
    """A `std::string` parameter of a Crow route handler (the route's `<string>` part)."""
    route = enclosing(scope, "call_expression")
    if (
        scope.kind() != "lambda_expression"
        or route is None
        or not re.match(r"CROW_(BP_)?ROUTE\(", route.text())
    ):
        return False
    for param in scope.find_all(kind="parameter_declaration"):
        kind, name = param.field("type"), param.field("declarator")
        if kind is not None and name is not None and name.text().lstrip("&* ") == ident.text():
            return re.fullmatch(r"(std::)?string", kind.text()) is not None
    return False


_C_STRING = re.compile(r"url_params\s*\.\s*get\b")  # Crow's query accessor returns `char *` (or null)


def is_request_value(node: SgNode) -> bool:
    """A `std::string` from the request: an accessor, a local initialised from one, or a Crow
    route's string parameter."""
    if node.kind() in ("call_expression", "field_expression", "subscript_expression"):
        return _REQUEST.match(node.text()) is not None and not _C_STRING.search(node.text())
    if node.kind() != "identifier":
        return False
    scope = enclosing(node, *_HANDLERS)
    if scope is None:
        return False
    value = _declared(node.text(), scope)
    if value is not None:
        text = value.text()
        return (
            value.kind() != "binary_expression"
            and _REQUEST.match(text) is not None
            and not _C_STRING.search(text)
        )
    return _route_parameter(node, scope)


def leaves(node: SgNode) -> list[SgNode]:
    """The operands of a `+` chain (the node itself when it is not one)."""
    return operands(node, "+")


def _request_leaves(node: SgNode) -> list[SgNode]:
    return [leaf for leaf in leaves(node) if is_request_value(leaf)]


def _fs(t: Target) -> str:
    return "fs" if re.search(r"^namespace fs = std::filesystem;", t.code, re.M) else "std::filesystem"


def _file_name(t: Target, value: SgNode) -> Edit:
    return Edit.replace(value, f"{_fs(t)}::path({value.text()}).filename().string()")


@register("upload_file_name", CPP)
def cpp_upload_name(t: Target) -> Rewrite | NoRewrite:
    return Rewrite(
        (_file_name(t, t.node), *include_edit(t, "filesystem")),
        f"The client's file name `{t.node.text()}` is reduced to its last element with "
        "std::filesystem::path::filename(), so `../` segments or an absolute path can no longer leave the "
        "upload folder.",
        ("Prefer a generated name (a UUID) with an extension from an allowlist.",),
    )


_C_FILE_API = re.compile(r"^(std::)?(fopen|open|remove|unlink)$")


def _path_argument(node: SgNode) -> SgNode | None:
    """The path given to a stream declaration or a file call (for `std::ofstream out(path);`, which
    parses as a function declaration, the local behind `path`)."""
    if node.kind() == "call_expression":
        args = arguments(node)
        return args[0] if args else None
    init = node.find(kind="init_declarator")
    if init is not None:
        value = init.field("value")
        items = [c for c in value.named_children() if c.kind() != "comment"] if value is not None else []
        return items[0] if items else None
    param = node.find(kind="parameter_declaration")
    scope = enclosing(node, *_HANDLERS)
    return _declared(param.text(), scope) if param is not None and scope is not None else None


@register("path_basename", CPP)
def cpp_path_name(t: Target) -> Rewrite | NoRewrite:
    path = _path_argument(t.node)
    if path is None:
        return NoRewrite("the path argument could not be read")
    if path.kind() == "identifier" and not is_request_value(path):
        scope = enclosing(path, *_HANDLERS)
        built = _declared(path.text(), scope) if scope is not None else None
        path = built if built is not None else path
    found = _request_leaves(path)
    if not found:
        return NoRewrite("the request value inside the path could not be told apart from the folder")
    func = t.node.field("function") if t.node.kind() == "call_expression" else None
    if func is not None and _C_FILE_API.match(func.text()) and found[0] == path:
        return NoRewrite("the C file API takes a `const char *`; reduce the name first and pass `.c_str()`")
    names = ", ".join(f"`{leaf.text()}`" for leaf in found)
    return Rewrite(
        (*(_file_name(t, leaf) for leaf in found), *include_edit(t, "filesystem")),
        f"The request value {names} is reduced to its last path element with "
        "std::filesystem::path::filename(), so `../` segments or an absolute path can no longer reach files "
        "outside the folder.",
        (
            "A name that named a sub-folder now resolves in the folder itself; canonicalize and compare with "
            "the base folder instead if sub-folders are meant to work.",
        ),
    )


# --------------------------------------------------------------------------- guarded statements


def _statement(t: Target) -> SgNode | None:
    parent = t.node.parent()
    return parent if parent is not None and parent.kind() == "expression_statement" else None


def _guard(t: Target, statement: SgNode, condition: str, otherwise: str | None = None) -> Edit:
    indent = indentation_at(t.code, statement.range().start.index)
    text = f"if ({condition}) {{\n{indent}    {statement.text()}\n{indent}}}"
    if otherwise is not None:
        text += f" else {{\n{indent}    {otherwise}\n{indent}}}"
    return Edit.replace(statement, text)


@register("header_without_newlines", CPP)
def cpp_header_guard(t: Target) -> Rewrite | NoRewrite:
    statement = _statement(t)
    args = arguments(t.node)
    if statement is None or len(args) < 2:
        return NoRewrite("the header call is part of a larger expression")
    found = _request_leaves(args[1])
    if not found or any(leaf.kind() != "identifier" for leaf in found):
        return NoRewrite("the request value is read in the call; store it in a variable and check it")
    names = sorted({leaf.text() for leaf in found})
    condition = " && ".join(f'{n}.find_first_of("\\r\\n") == std::string::npos' for n in names)
    return Rewrite(
        (_guard(t, statement, condition),),
        f"The header is only set when {', '.join(names)} holds no CR or LF, so request data can no longer "
        "add headers or split the response; ordinary values are sent as before.",
    )


@register("local_redirect", CPP)
def cpp_local_redirect(t: Target) -> Rewrite | NoRewrite:
    statement = _statement(t)
    args = arguments(t.node)
    func = t.node.field("function")
    if statement is None or len(args) != 1 or func is None or func.kind() != "field_expression":
        return NoRewrite("only `res.set_redirect(url);` / `res.redirect(url);` statements are rewritten")
    target = args[0]
    if target.kind() != "identifier" or not is_request_value(target):
        return NoRewrite("the target is computed in the call; store it in a variable and check it")
    v = target.text()
    condition = f'{v}.rfind("/", 0) == 0 && {v}.rfind("//", 0) != 0 && {v}.rfind("/\\\\", 0) != 0'
    fallback = statement.text().replace(target.text(), '"/"', 1) if statement.text().count(v) == 1 else None
    if fallback is None:
        return NoRewrite("the redirect statement names the target more than once")
    return Rewrite(
        (_guard(t, statement, condition, fallback),),
        f"The redirect follows `{v}` only when it is a path on this site (one leading `/`, not `//host` or "
        "`/\\host`); anything else goes to the home page.",
        ("Pick the fallback page that suits this handler instead of `/` if needed.",),
    )


@register("cors_from_env", CPP)
def cpp_cors(t: Target) -> Rewrite | NoRewrite:
    statement = _statement(t)
    args = arguments(t.node)
    if statement is None or len(args) != 2:
        return NoRewrite("the header call is part of a larger expression")
    origin = args[1]
    if origin.kind() != "identifier":
        return NoRewrite("the origin is read in the call; store it in a variable and compare it")
    condition = (
        f'const char *allowed = std::getenv("CORS_ALLOWED_ORIGIN"); allowed && {origin.text()} == allowed'
    )
    return Rewrite(
        (_guard(t, statement, condition), *include_edit(t, "cstdlib")),
        f"`{origin.text()}` is echoed only when it equals the trusted origin in CORS_ALLOWED_ORIGIN, so "
        "other sites can no longer read the responses.",
        ("Send `Vary: Origin` with the header so caches keep the answers apart.",),
        review="cross-origin callers now need CORS_ALLOWED_ORIGIN set to their origin in the environment",
    )


# --------------------------------------------------------------------------- HTML escaping

_ESCAPER = "html_escape"
_ESCAPER_SOURCE = """static std::string html_escape(const std::string &text)
{
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\\'': out += "&#39;"; break;
        default: out += c;
        }
    }
    return out;
}

"""
_PREAMBLE = ("preproc_include", "preproc_def", "comment", "namespace_alias_definition", "using_declaration")


def _escaper_edits(t: Target) -> tuple[Edit, ...]:
    """The escaping helper, defined once before the file's first definition (unless it exists)."""
    if re.search(rf"\b{_ESCAPER}\s*\(\s*const\s+std::string\s*&", t.code):
        return ()
    first = next((n for n in t.root.children() if n.kind() not in _PREAMBLE), None)
    at = first.range().start.index if first is not None else len(t.code)
    return (Edit.insert(at, _ESCAPER_SOURCE), *include_edit(t, "string"))


@register("escape_html_output", CPP)
def cpp_escape_html(t: Target) -> Rewrite | NoRewrite:
    args = arguments(t.node)
    if not args:
        return NoRewrite("the body could not be read")
    found = _request_leaves(args[0])
    if not found:
        return NoRewrite("the request value inside the body could not be told apart from the markup")
    names = ", ".join(f"`{leaf.text()}`" for leaf in found)
    return Rewrite(
        (*(Edit.replace(leaf, f"{_ESCAPER}({leaf.text()})") for leaf in found), *_escaper_edits(t)),
        f"The request value {names} is HTML-escaped (& < > \" ') before it goes into the page, so markup "
        "in it is shown as text; the page's own markup is unchanged.",
    )
