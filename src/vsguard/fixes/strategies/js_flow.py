"""JavaScript/TypeScript rewrites for data-flow findings: the untrusted value gets its sanitizer."""

from __future__ import annotations

from vsguard.fixes.imports import js_import_default
from vsguard.fixes.registry import NoRewrite, Rewrite, Target, register
from vsguard.fixes.strategies.flow import (
    BASENAME_NOTE,
    basename_explanation,
    sink_values,
    stringify_query_values,
    wrap,
)

JS = ("javascript",)


def _wrap_imported(
    t: Target, module: str, local: str, member: str, explanation: str, note: str
) -> Rewrite | NoRewrite:
    """Wrap each untrusted value in `<default export of module><member>(...)`, importing it if needed."""
    name, imports = js_import_default(t.root, t.code, module, local)
    return wrap(t, lambda s: f"{name}{member}({s})", imports, explanation, note, needs_name=name)


@register("path_basename", *JS)
def js_path_basename(t: Target) -> Rewrite | NoRewrite:
    return _wrap_imported(
        t, "path", "path", ".basename", basename_explanation("path.basename"), BASENAME_NOTE
    )


@register("escape_html_output", *JS)
def js_escape_html(t: Target) -> Rewrite | NoRewrite:
    call, _ = sink_values(t)
    if call is None:
        return NoRewrite("the response body is set directly; escape the value where it is built")
    return _wrap_imported(
        t,
        "escape-html",
        "escapeHtml",
        "",
        "{values} is escaped with escape-html before it is written into the HTML response, so markup in it "
        "is shown as text.",
        "escape-html ships with Express; declare it in package.json. A templating engine with auto-escaping "
        "is the longer-term fix.",
    )


@register("nosql_string", *JS)
def js_nosql_string(t: Target) -> Rewrite | NoRewrite:
    return stringify_query_values(t, "String")
