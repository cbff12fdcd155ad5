"""jinja2_autoescape: a Jinja2 environment or template built without HTML escaping gets
`autoescape=select_autoescape()`, which escapes .html/.htm/.xml and string templates."""

from __future__ import annotations

import re

from ast_grep_py import SgNode

from vsguard.fixes.edits import Edit
from vsguard.fixes.imports import python_add_from_import
from vsguard.fixes.registry import NoRewrite, Rewrite, Target
from vsguard.fixes.strategies._common import append_arguments, arguments, has_splat, keyword, on_python_call

_ENVIRONMENT = re.compile(
    r"^(jinja2\.)?(sandbox\.)?(Environment|SandboxedEnvironment|ImmutableSandboxedEnvironment)$"
)
_TEMPLATE = re.compile(r"^(jinja2\.)?Template$")


@on_python_call("jinja2_autoescape")
def jinja2_autoescape(t: Target, call: SgNode, func: SgNode) -> Rewrite | NoRewrite:
    callee = func.text()
    template = bool(_TEMPLATE.match(callee))
    if not template and not _ENVIRONMENT.match(callee):
        return NoRewrite("the call is not a Jinja2 Environment or Template")
    if has_splat(call):
        return NoRewrite("`**options` may set autoescape already")
    positional = [a for a in arguments(call) if a.kind() != "keyword_argument"]
    if len(positional) > (1 if template else 0):  # autoescape has a position too; stay off it
        return NoRewrite("the options are passed by position")
    if callee.startswith("jinja2."):
        select, edits = "jinja2.select_autoescape()", []
    else:
        select, edits = (
            "select_autoescape()",
            [*python_add_from_import(t.root, t.code, "jinja2", "select_autoescape")],
        )
    given = keyword(call, "autoescape")
    value = given.field("value") if given is not None else None
    if value is not None and value.kind() != "false":
        return NoRewrite("autoescape is set to an expression this fix cannot read")
    edits.append(
        Edit.replace(value, select)
        if value is not None
        else append_arguments(t.code, call, f"autoescape={select}")
    )
    what = "template" if template else "environment"
    return Rewrite(
        tuple(edits),
        f"The {what} now escapes `{{{{ value }}}}` output for HTML (`autoescape=select_autoescape()`: "
        ".html, .htm and .xml templates and templates built from strings), so text with markup in it "
        "is shown, not run.",
        (
            "Mark trusted markup with `markupsafe.Markup(...)` or the `|safe` filter rather than turning "
            "escaping off again.",
        ),
        review=(
            "Values rendered into HTML, XML and string templates are now escaped: markup the code "
            "meant to insert raw (pre-rendered fragments) shows as text until it is wrapped in "
            "`Markup(...)`, and a plain-text template built from a string is HTML-escaped too."
        ),
    )
