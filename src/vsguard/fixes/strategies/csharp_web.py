"""C# request-data rewrites: file names reduced to their last element, redirects kept local, and
log messages turned into message templates."""

from __future__ import annotations

import re

from ast_grep_py import SgNode

from vsguard.fixes.edits import Edit
from vsguard.fixes.registry import NoRewrite, Rewrite, Target, register
from vsguard.fixes.strategies._common import enclosing
from vsguard.fixes.strategies._literals import csharp_built, escape_double
from vsguard.fixes.strategies.csharp import CS, cs_arguments, cs_sink_argument
from vsguard.fixes.strategies.csharp_query import _pieces
from vsguard.fixes.strings import Expr, Lit

_SIMPLE = re.compile(r"^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$")


def _value(argument: SgNode) -> SgNode:
    return argument.named_children()[-1] if argument.kind() == "argument" else argument


def _path_api(t: Target) -> str:
    return "Path" if re.search(r"^using System\.IO;", t.code, re.M) else "System.IO.Path"


_REQUEST = re.compile(
    r"^((HttpContext|httpContext|context|ctx|http)\.)?Request\.(Query|Form|Headers|RouteValues)\b"
)
_HANDLERS = ("method_declaration", "local_function_statement", "lambda_expression", "constructor_declaration")


def _parameter(ident: SgNode) -> bool:
    scope = enclosing(ident, *_HANDLERS)
    params = scope.field("parameters") if scope is not None else None
    found = params.find_all(kind="parameter") if params is not None else []
    return any((name := p.field("name")) is not None and name.text() == ident.text() for p in found)


def _local_value(ident: SgNode) -> SgNode | None:
    """The initial value of the local `ident`, when that is its only assignment in the method."""
    scope = enclosing(ident, *_HANDLERS)
    if scope is None:
        return None
    found = [
        d
        for d in scope.find_all(kind="variable_declarator")
        if (n := d.field("name")) and n.text() == ident.text()
    ]
    assigned = [
        a
        for a in scope.find_all(kind="assignment_expression")
        if (left := a.field("left")) and left.text() == ident.text()
    ]
    return found[0].named_children()[-1] if len(found) == 1 and not assigned else None


def _request_values(node: SgNode) -> list[SgNode]:
    """The parts of a path expression that hold the request value as it came: a parameter, a read
    of Request.Query/Form/..., or a local holding one. (A local holding a path built from one is not
    followed: the check would sit where the rule does not look.)"""
    if node.kind() == "identifier":
        value = _local_value(node)
        raw = _parameter(node) or (value is not None and _REQUEST.match(value.text()) is not None)
        return [node] if raw else []
    if _REQUEST.match(node.text()):
        return [node]
    if node.kind() == "invocation_expression" and re.match(
        r"^(System\.IO\.)?Path\.(Combine|Join)\(", node.text()
    ):
        return [v for a in cs_arguments(node)[1:] for v in _request_values(_value(a))]
    if node.kind() in ("binary_expression", "interpolated_string_expression"):
        return [v for p in _pieces(node) for v in _request_values(_interpolated(p))]
    return []


def _interpolated(piece: SgNode) -> SgNode:
    inner = [c for c in piece.named_children() if c.kind() != "interpolation_brace"]
    return inner[0] if piece.kind() == "interpolation" and len(inner) == 1 else piece


@register("path_basename", CS)
def cs_path_name(t: Target) -> Rewrite | NoRewrite:
    value = _value(cs_sink_argument(t) or t.node)
    found = _request_values(value)
    if not found:
        return NoRewrite("the request value inside the path could not be told apart from the folder")
    names = ", ".join(f"`{v.text()}`" for v in found)
    return Rewrite(
        tuple(Edit.replace(v, f"{_path_api(t)}.GetFileName({v.text()})") for v in found),
        f"The request value {names} is reduced to its last path element with Path.GetFileName, so `../` "
        "segments or an absolute path can no longer reach files outside the folder.",
        (
            "A name that named a sub-folder now resolves in the folder itself; check the full path against "
            "the base folder instead if sub-folders are meant to work.",
        ),
    )


_REDIRECT = re.compile(r"^((this|base)\.)?Redirect(Permanent)?(PreserveMethod)?$")


@register("local_redirect", CS)
def cs_local_redirect(t: Target) -> Rewrite | NoRewrite:
    argument = cs_sink_argument(t) or t.node
    value = _value(argument)
    call = enclosing(argument, "invocation_expression")
    func = call.field("function") if call is not None else None
    if call is None or func is None or not _REDIRECT.match(func.text()):
        return NoRewrite("only a controller's or page model's own Redirect has an Url helper in sight")
    owner = enclosing(call, "class_declaration")
    bases = owner.find(kind="base_list") if owner is not None else None
    if bases is None or not re.search(r"\b(Controller|ControllerBase|PageModel)\b", bases.text()):
        return NoRewrite("the class is not a controller or page model, so `Url.IsLocalUrl` is not available")
    if not _SIMPLE.match(value.text()):
        return NoRewrite("the target is computed in the call; store it in a variable and check it")
    v = value.text()
    return Rewrite(
        (Edit.replace(value, f'Url.IsLocalUrl({v}) ? {v} : "/"'),),
        f"The redirect follows `{v}` only when Url.IsLocalUrl accepts it (a path on this site, not `//host` "
        "or `/\\host`); anything else goes to the home page.",
        ("Pick the fallback page that suits this action instead of `/` if needed.",),
    )


_LOGGER = re.compile(
    r"^(Log(Trace|Debug|Information|Warning|Error|Critical)|Verbose|Debug|Information|Warning|Error|Fatal|Info|Warn|Trace)$"
)
_MEL = re.compile(r"^Log(Trace|Debug|Information|Warning|Error|Critical)$")


def _templating_logger(t: Target, method: str) -> bool:
    """Whether the logger reads message templates: Microsoft.Extensions.Logging, Serilog or NLog
    (log4net, which shares method names, does not)."""
    if re.search(r"^using log4net\b", t.code, re.M):
        return False
    if _MEL.match(method):
        return True
    return re.search(r"^using (Serilog|NLog|Microsoft\.Extensions\.Logging)\b", t.code, re.M) is not None


def _placeholder(source: str, taken: set[str]) -> str:
    base = source.rsplit(".", 1)[-1]
    base = base[:1].upper() + base[1:]
    name, n = base, 2
    while name in taken:
        name, n = f"{base}{n}", n + 1
    taken.add(name)
    return name


@register("log_template", CS)
def cs_log_template(t: Target) -> Rewrite | NoRewrite:
    argument = cs_sink_argument(t) or t.node
    call = enclosing(argument, "invocation_expression")
    func = call.field("function") if call is not None else None
    name = func.field("name") if func is not None else None
    if call is None or name is None or not _LOGGER.match(name.text()):
        return NoRewrite("unrecognised logging call")
    if not _templating_logger(t, name.text()):
        return NoRewrite("this logger may not read message templates (log4net); strip CR and LF instead")
    if cs_arguments(call)[-1] != argument:
        return NoRewrite("the message already has template arguments after it")
    built = csharp_built(_value(argument))
    text: list[str] = []
    values: list[str] = []
    taken: set[str] = set()
    for part in built.parts:
        if isinstance(part, Lit):
            text.append(escape_double(part.text.replace("{", "{{").replace("}", "}}")))
        elif isinstance(part, Expr) and _SIMPLE.match(part.source):
            text.append("{" + _placeholder(part.source, taken) + "}")
            values.append(part.source)
        else:
            return NoRewrite("a value in the message is computed; give it a variable first")
    template = '"' + "".join(text) + '"'
    return Rewrite(
        (Edit.replace(_value(argument), ", ".join([template, *values])),),
        "The message is now a constant template and the values are passed as its arguments "
        f"({', '.join(values)}), so the logger keeps them apart from the message text.",
        (
            "A provider that writes plain text still prints the value; strip CR and LF there if it can "
            "hold them.",
        ),
    )
