"""JavaScript/TypeScript rewrites for data-flow findings: the untrusted value gets its sanitizer."""

from __future__ import annotations

from vsguard.fixes.imports import js_import_default
from vsguard.fixes.registry import NoRewrite, Rewrite, Target, register
from vsguard.fixes.strategies.flow import sink_values, wrap

JS = ("javascript",)


@register("path_basename", *JS)
def js_path_basename(t: Target) -> Rewrite | NoRewrite:
    name, imports = js_import_default(t.root, t.code, "path", "path")
    return wrap(
        t,
        lambda s: f"{name}.basename({s})",
        imports,
        "{values} is reduced to its final file name with path.basename, so `../` and absolute paths cannot "
        "leave the intended folder.",
        "Join the name to a fixed base folder; file names only (no sub-folders) are accepted now.",
        needs_name=name,
    )


@register("escape_html_output", *JS)
def js_escape_html(t: Target) -> Rewrite | NoRewrite:
    call, _ = sink_values(t)
    if call is None:
        return NoRewrite("the response body is set directly; escape the value where it is built")
    name, imports = js_import_default(t.root, t.code, "escape-html", "escapeHtml")
    return wrap(
        t,
        lambda s: f"{name}({s})",
        imports,
        "{values} is escaped with escape-html before it is written into the HTML response, so markup in it "
        "is shown as text.",
        "escape-html ships with Express; declare it in package.json. A templating engine with auto-escaping "
        "is the longer-term fix.",
        needs_name=name,
    )


@register("nosql_string", *JS)
def js_nosql_string(t: Target) -> Rewrite | NoRewrite:
    return wrap(
        t,
        lambda s: f"String({s})",
        (),
        '{values} is converted with String(), so a JSON object such as {{"$ne": null}} sent by the client '
        "becomes a plain string and cannot act as a query operator.",
        only_pair_values=True,
    )
