"""PHP template rewrites: values spliced into Blade or Twig source move into the template's data."""

from __future__ import annotations

import re

from ast_grep_py import SgNode

from vsguard.fixes.edits import Edit
from vsguard.fixes.registry import NoRewrite, Rewrite, Target, register
from vsguard.fixes.strategies._items import unique_name
from vsguard.fixes.strategies.php import PHP
from vsguard.fixes.strategies.php_sql import _first_quote, php_parts, write_php
from vsguard.fixes.strategies.php_web import call_args
from vsguard.fixes.strings import Expr, Lit, Part, Unsupported, merge

_NAMED = re.compile(
    r"""^\$_(?:GET|POST|REQUEST)\[\s*'(\w+)'\s*\]$|->(?:input|query|get|post)\(\s*'(\w+)'\s*\)$|^\$(\w+)$"""
)


def _data_name(source: str, taken: set[str]) -> str:
    """The key the value gets in the template data: the request field's name when it has one."""
    m = _NAMED.search(source)
    base = next((g for g in m.groups() if g), "value") if m else "value"
    return unique_name(base, taken)


def _data_array(call: SgNode, at: int) -> tuple[SgNode | None, set[str]] | NoRewrite:
    """The literal data array passed at position `at` (None when there is none) and its keys."""
    found = call_args(call)
    args = found[1] if found is not None else []
    if len(args) <= at:
        return None, set()
    array = args[at]
    if array.kind() != "array_creation_expression":
        return NoRewrite("the template data is not a literal array; add the values to it by hand")
    keys = set(
        re.findall(r"^['\"](\w+)['\"]\s*=>", "\n".join(e.text() for e in array.named_children()), re.M)
    )
    return array, keys


@register("template_context", PHP)
def php_template_data(t: Target) -> Rewrite | NoRewrite:
    node = t.node
    name = node.field("name")
    method = name.text() if name is not None else ""
    if node.kind() == "scoped_call_expression" and method == "render":
        syntax, data_call, at = "{{{{ ${} }}}}", node, 1
    elif method == "createTemplate" and (parent := node.parent()) is not None:
        render = parent if parent.kind() == "member_call_expression" else None
        render_name = render.field("name") if render is not None else None
        if render is None or render_name is None or render_name.text() != "render":
            return NoRewrite("the template is rendered elsewhere; pass the value in the render() data")
        syntax, data_call, at = "{{{{ {} }}}}", render, 0
    else:
        return NoRewrite("the template source comes from data; render a template file instead")
    found = call_args(node)
    source = found[1][0] if found is not None and found[1] else None
    data = _data_array(data_call, at)
    if source is None or isinstance(data, NoRewrite):
        return data if isinstance(data, NoRewrite) else NoRewrite("the template could not be read")
    array, taken = data
    try:
        parts = php_parts(source)
    except Unsupported as why:
        return NoRewrite(str(why))
    if not any(isinstance(p, Lit) for p in parts):
        return NoRewrite("the whole template comes from data; render a template file instead")
    out: list[Part] = []
    bound = []
    for part in parts:
        if isinstance(part, Expr):
            key = _data_name(part.source, taken)
            bound.append(f"'{key}' => {part.source}")
            out.append(Lit(syntax.format(key)))
        else:
            out.append(part)
    edits = [Edit.replace(source, write_php(merge(out), _first_quote(source)))]
    if array is None:
        found_data = call_args(data_call)
        last = found_data[1][-1] if found_data is not None and found_data[1] else None
        if last is None:
            arglist = next((c for c in data_call.children() if c.kind() == "arguments"), None)
            if arglist is None:
                return NoRewrite("the render call could not be read")
            edits.append(Edit.insert(arglist.range().end.index - 1, f"[{', '.join(bound)}]"))
        else:
            edits.append(Edit.insert(last.range().end.index, f", [{', '.join(bound)}]"))
    else:
        elements = [e for e in array.named_children() if e.kind() == "array_element_initializer"]
        if elements:
            edits.append(Edit.insert(elements[-1].range().end.index, ", " + ", ".join(bound)))
        else:
            edits.append(Edit.replace(array, f"[{', '.join(bound)}]"))
    return Rewrite(
        tuple(edits),
        "The template source is now constant and the values reach it as template data printed with "
        "{{ }}, so they are escaped as text and never run as template code.",
        ("Values are HTML-escaped now; markup that used to pass through raw is shown as text.",),
    )
