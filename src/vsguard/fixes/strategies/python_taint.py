"""Python rewrites for data-flow findings: the untrusted value gets the sanitizer its sink needs."""

from __future__ import annotations

import re
from collections.abc import Callable

from ast_grep_py import SgNode

from vsguard.fixes.edits import Edit
from vsguard.fixes.imports import python_import
from vsguard.fixes.registry import NoRewrite, Rewrite, Strategy, Target, register
from vsguard.fixes.strategies._common import (
    append_arguments,
    arguments,
    call_with_callee,
    keyword,
    on_python_call,
)
from vsguard.fixes.strategies.flow import (
    BASENAME_NOTE,
    basename_explanation,
    sink_values,
    stringify_query_values,
    tainted_uses,
    wrap,
)
from vsguard.fixes.strategies.shell import python_os_system, python_shell
from vsguard.fixes.strings import Expr, Lit, Part, Unsupported, read_built, write_python

_TEMPLATE_SOURCE = re.compile(r"(^|\.)(render_template_string|Template|from_string)$")


@register("escape_html", "python")
def escape_html(t: Target) -> Rewrite | NoRewrite:
    call, _ = sink_values(t)
    func = call.field("function") if call is not None else None
    if func is not None and _TEMPLATE_SOURCE.search(func.text()):
        return NoRewrite(
            "the value is compiled as a template, where HTML escaping does not stop template code"
        )
    return _wrap(
        t,
        lambda s: f"html.escape(str({s}))",
        "html",
        "{values} is escaped with html.escape before it becomes part of the HTML, so markup in it is shown "
        "as text.",
        "Rendering through an auto-escaping template is the longer-term fix.",
    )


def _sanitizer(
    strategy: str, sanitize: str, module: str | None, explanation: str, note: str | None = None
) -> Strategy:
    """Register a rewrite that passes each untrusted value through the function `sanitize` of `module`."""

    def run(t: Target) -> Rewrite | NoRewrite:
        return _wrap(t, lambda s: f"{sanitize}({s})", module, explanation, note)

    return register(strategy, "python")(run)


escape_log = _sanitizer(
    "escape_log",
    "repr",
    None,
    "{values} is logged through repr(), which writes line breaks and control characters as escapes, so "
    "the value cannot forge extra log lines.",
)
escape_header = _sanitizer(
    "escape_header",
    "urllib.parse.quote",
    "urllib.parse",
    "{values} is percent-encoded with urllib.parse.quote, so CR/LF in it cannot start a new header.",
    "Receivers must percent-decode the header value.",
)
escape_regex = _sanitizer(
    "escape_regex",
    "re.escape",
    "re",
    "{values} is passed through re.escape, so it is matched as literal text and cannot inject regex "
    "syntax (or a catastrophic backtracking pattern).",
)
path_basename = _sanitizer(
    "path_basename", "os.path.basename", "os", basename_explanation("os.path.basename"), BASENAME_NOTE
)


@register("upload_secure_filename", "python")
def upload_secure_filename(t: Target) -> Rewrite | NoRewrite:
    """The client's file name goes through `secure_filename` where the save path reads it. A bare
    variable there holds the whole path already built; reducing that would drop its folder."""
    _, values = sink_values(t)
    if any(u.kind() == "identifier" for u in tainted_uses(t, values)):
        return NoRewrite(
            "the path was built earlier; pass the client's name through secure_filename where it is read"
        )
    return _wrap(
        t,
        lambda s: f"werkzeug.utils.secure_filename({s})",
        "werkzeug.utils",
        "{values} is reduced with werkzeug.utils.secure_filename, so `../`, absolute paths and leading "
        "dots cannot place the upload outside the folder or as a hidden configuration file.",
        "A name of only dots or symbols becomes empty and must be refused, and two clients sending the "
        "same name still overwrite each other's file; a generated name avoids both.",
    )


@register("escape_ldap_filter", "python")
def escape_ldap(t: Target) -> Rewrite | NoRewrite:
    uses_ldap3 = re.search(r"^\s*(import|from)\s+ldap3\b", t.code, re.M) is not None
    module = "ldap3.utils.conv" if uses_ldap3 else "ldap.filter"
    return _wrap(
        t,
        lambda s: f"{module}.escape_filter_chars({s})",
        module,
        "{values} is escaped with escape_filter_chars, so `*`, `(`, `)` and `\\` in it cannot change the "
        "LDAP filter.",
    )


@register("nosql_string", "python")
def nosql_string(t: Target) -> Rewrite | NoRewrite:
    return stringify_query_values(t, "str")


@register("template_context", "python")
def template_context(t: Target) -> Rewrite | NoRewrite:
    found = call_with_callee(t.node, "python")
    if found is None or not found[1].text().endswith("render_template_string"):
        return NoRewrite("the template is compiled here and rendered elsewhere; pass values as context there")
    call, _ = found
    args = arguments(call)
    if not args or args[0].kind() == "keyword_argument":
        return NoRewrite("the template source is not the first argument")
    built = read_built(args[0], "python")
    if not built.dynamic:
        return NoRewrite("the whole template comes from data; load templates from files instead")
    if any(isinstance(p, Lit) and re.search(r"\{[{%#]", p.text) for p in built.parts):
        return NoRewrite("the template text mixes its own Jinja syntax with interpolated values")
    names = [a.field("name") for a in args if a.kind() == "keyword_argument"]
    used = {n.text() for n in names if n is not None}
    parts: list[Lit | Expr] = []
    context: dict[str, str] = {}
    for part in built.parts:
        if isinstance(part, Lit):
            parts.append(part)
            continue
        name = part.source if part.source.isidentifier() else f"value{len(context) + 1}"
        if name in used:
            return NoRewrite(f"`{name}` is already passed to the template")
        context.setdefault(name, part.source)
        parts.append(Lit("{{ " + name + " }}"))
    source = write_python(parts, built.quote)
    extra = ", ".join(f"{k}={v}" for k, v in context.items())
    edits = (Edit.replace(args[0], source), append_arguments(t.code, call, extra))
    return Rewrite(
        edits,
        "The template text is now constant and the values are passed as template variables "
        f"({', '.join(context)}), so Jinja escapes them and never evaluates them as template code.",
    )


@on_python_call("command_to_argv")
def command_to_argv(t: Target, call: SgNode, func: SgNode) -> Rewrite | NoRewrite:
    name = func.text()
    target = Target(t.code, t.language, t.root, t.rule, t.finding, call)
    if name in ("os.system", "os.popen", "system"):
        return python_os_system(target)
    if keyword(call, "shell") is not None:
        return python_shell(target)
    return NoRewrite("the command runs without a shell already; validate the program and arguments instead")


_TOKEN_LIMIT = 1024


@on_python_call("llm_max_tokens")
def llm_max_tokens(t: Target, call: SgNode, func: SgNode) -> Rewrite | NoRewrite:
    name = func.text()
    if name.endswith(".responses.create"):
        arg = f"max_output_tokens={_TOKEN_LIMIT}"
    elif name.endswith("generate_content"):
        arg = f'generation_config={{"max_output_tokens": {_TOKEN_LIMIT}}}'
    else:
        arg = f"max_tokens={_TOKEN_LIMIT}"
    return Rewrite(
        (append_arguments(t.code, call, arg),),
        f"The model call now caps its answer ({arg}), so one request cannot run up an unbounded bill.",
        ("Tune the limit to the longest answer this endpoint needs, and rate-limit the endpoint per user.",),
    )


def _wrap(
    t: Target, wrapper: Callable[[str], str], module: str | None, explanation: str, note: str | None = None
) -> Rewrite | NoRewrite:
    extra = python_import(t.root, t.code, module) if module else ()
    root_name = module.split(".")[0] if module else None
    return wrap(t, wrapper, extra, explanation, note, needs_name=root_name)


_LXML_RESERVED = frozenset({"_path", "namespaces", "extensions", "smart_strings", "regexp"})


def _check_xpath_values(parts: tuple[Part, ...]) -> None:
    """Each value outside quotes must stand where XPath takes a value (after a comparison, or as a
    function argument); after `/` or `[` it would be a path step or a name."""
    text = ""
    quote = ""
    for part in parts:
        if isinstance(part, Lit):
            for ch in part.text:
                quote = ("" if ch == quote else quote) if quote else (ch if ch in "'\"" else "")
            text += part.text
        elif not part.constant and not quote and not re.search(r"(!?=|<=?|>=?|\(|,)\s*$", text):
            raise Unsupported(
                f"`{part.source}` stands where XPath expects a name or a path step, not a value"
            )


@register("xpath_variables", "python")
def xpath_variables(t: Target) -> Rewrite | NoRewrite:
    """lxml `.xpath(expr)` with values spliced in -> a constant expression with `$name` variables."""
    from vsguard.fixes.strategies.sql import NAMED, _query_expression, parameterize

    found = call_with_callee(t.node, "python")
    if found is None:
        return NoRewrite("the XPath call could not be read")
    call, func = found
    if func.kind() != "attribute" or not func.text().endswith(".xpath"):
        return NoRewrite("only lxml's .xpath() takes XPath variables in the same call")
    query = _query_expression(call, "python")
    if isinstance(query, NoRewrite):
        return query
    arg, expr, _ = query
    built = read_built(expr, "python")
    if not built.dynamic:
        return NoRewrite("the expression has no interpolated value")
    _check_xpath_values(built.parts)
    try:
        result = parameterize(built, NAMED, "python")
    except Unsupported as exc:  # the checks are SQL's; their wording is made to fit XPath
        raise Unsupported(str(exc).replace("SQL", "XPath")) from exc
    names = set(result.names)
    keywords = [k.field("name") for k in arguments(call) if k.kind() == "keyword_argument"]
    taken = {k.text() for k in keywords if k is not None}
    if names & (_LXML_RESERVED | taken):
        return NoRewrite("a variable name would clash with an argument the call already has")
    marker = re.compile(r":(" + "|".join(map(re.escape, sorted(names, key=len, reverse=True))) + r")\b")
    if any(isinstance(p, Lit) and marker.search(p.text) for p in built.parts):
        return NoRewrite("the expression's own text looks like one of the new variables")
    xpath = [Lit(marker.sub(r"$\1", p.text)) if isinstance(p, Lit) else p for p in result.sql]
    bound = ", ".join(f"{n}={v}" for n, v in zip(result.names, result.values, strict=True))
    return Rewrite(
        (
            Edit.replace(expr, write_python(xpath, built.quote)),
            Edit.insert(arg.range().end.index, ", " + bound),
        ),
        f"The XPath expression is now constant with `$` variables and the values "
        f"({', '.join(result.values)}) are passed as lxml XPath variables, so quotes in them cannot "
        "change the expression.",
    )
