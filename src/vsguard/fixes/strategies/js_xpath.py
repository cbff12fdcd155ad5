"""XPath built from request data (npm `xpath`): each quoted untrusted piece becomes an XPath
variable, bound through `xpath.parse(expr).evaluate({ node, variables })`.

A variable's value is always a string to the XPath engine, so quotes in it cannot end the literal:
the expression itself is now constant. Only values that sat inside a quoted XPath string literal are
rewritten (there `'abc'` and `$v` with the value `abc` compare alike); other spots are guidance.
"""

from __future__ import annotations

import re

from ast_grep_py import SgNode

from vsguard.fixes.edits import Edit
from vsguard.fixes.imports import js_binding_for
from vsguard.fixes.registry import NoRewrite, Rewrite, Target, register
from vsguard.fixes.strategies._common import arguments
from vsguard.fixes.strategies.flow import sink_values, tainted_uses
from vsguard.fixes.strategies.js_injection import operands, variable_name

JS = ("javascript",)
# `xpath.select(e, node)` picks its result type as `evaluate` does; `select1` wants a node set
_METHODS = {"select": "evaluate", "select1": "select1"}
_XPATH_NAME = re.compile(r"[A-Za-z_][\w.-]*$")

Piece = tuple[str, str | SgNode]  # ("text", raw literal text) or ("use", the untrusted expression)


def _pieces(expr: SgNode, uses: list[SgNode]) -> tuple[list[Piece], str] | None:
    """The expression as literal text and untrusted pieces, with the JS quote to write it back in."""
    at = {u.range().start.index: u for u in uses}

    def use_of(node: SgNode) -> SgNode | None:
        found = at.get(node.range().start.index)
        return found if found is not None and found.text() == node.text() else None

    pieces: list[Piece] = []
    if expr.kind() == "template_string":
        text, start, cursor = expr.text(), expr.range().start.index, 1
        for sub in (c for c in expr.named_children() if c.kind() == "template_substitution"):
            inner = [c for c in sub.named_children() if c.kind() != "comment"]
            use = use_of(inner[0]) if len(inner) == 1 else None
            if use is None:
                return None
            pieces.append(("text", text[cursor : sub.range().start.index - start]))
            pieces.append(("use", use))
            cursor = sub.range().end.index - start
        pieces.append(("text", text[cursor:-1]))
        return pieces, "`"
    parts = operands(expr)
    if parts is None:
        return None
    quote = None
    for part in parts:
        if part.kind() == "string":
            if quote is not None and part.text()[0] != quote:
                return None
            quote = part.text()[0]
            pieces.append(("text", part.text()[1:-1]))
        elif (use := use_of(part)) is not None:
            pieces.append(("use", use))
        else:
            return None
    return (pieces, quote) if quote is not None else None


def _strip_quote(text: str, at_end: bool) -> tuple[str, str] | None:
    """(text without the XPath quote next to the untrusted piece, that quote)."""
    for q in ("'", '"'):
        for written in (q, "\\" + q):
            if at_end and text.endswith(written) and not text.endswith("\\" + written):
                return text[: -len(written)], q
            if not at_end and text.startswith(written):
                return text[len(written) :], q
    return None


@register("xpath_variables", *JS)
def js_xpath_variables(t: Target) -> Rewrite | NoRewrite:
    call, _ = sink_values(t)
    func = call.field("function") if call is not None else None
    if call is None or func is None or func.kind() != "member_expression":
        return NoRewrite(
            "bind the value as an XPath variable: `xpath.parse(expr).evaluate({ node, variables })`"
        )
    module, prop = func.field("object"), func.field("property")
    method = _METHODS.get(prop.text()) if prop is not None else None
    bound = module is not None and module.text() in ("xpath", js_binding_for(t.root, "xpath"))
    args = arguments(call)
    if method is None or not bound or len(args) != 2 or module is None:
        return NoRewrite(
            "bind the value as an XPath variable: `xpath.parse(expr).evaluate({ node, variables })`"
        )
    expr, node = args
    found = _pieces(expr, tainted_uses(t, [expr]))
    if found is None:
        return NoRewrite(
            "the expression mixes the value with other run-time pieces; bind it as a variable by hand"
        )
    pieces, quote = found
    out: list[str] = []
    names: dict[str, str] = {}
    taken: set[str] = set()
    for i, (kind, item) in enumerate(pieces):
        if kind == "text":
            out.append(str(item))
            continue
        assert isinstance(item, SgNode)
        before = pieces[i - 1][1] if i > 0 and pieces[i - 1][0] == "text" else None
        after = pieces[i + 1][1] if i + 1 < len(pieces) and pieces[i + 1][0] == "text" else None
        left = _strip_quote(out.pop(), True) if isinstance(before, str) and out else None
        right = _strip_quote(after, False) if isinstance(after, str) else None
        if left is None or right is None or left[1] != right[1]:
            return NoRewrite("the value is not inside a quoted XPath string; validate it or bind it by hand")
        name = names.get(item.text()) or variable_name(item, taken)
        if not _XPATH_NAME.match(name):
            return NoRewrite("no XPath variable name could be made for the value")
        names[item.text()] = name
        out.append(left[0] + "$" + name)
        pieces[i + 1] = ("text", right[0])
    literal = f"{quote}{''.join(out)}{quote}"
    if method == "select1" and not "".join(out).lstrip().startswith("/"):
        return NoRewrite("select1 is kept for location paths only; bind the value as a variable by hand")
    variables = ", ".join(f"{n}: {e}" for e, n in names.items())
    rewritten = (
        f"{module.text()}.parse({literal}).{method}({{ node: {node.text()}, variables: {{ {variables} }} }})"
    )
    shown = ", ".join(f"`{e}`" for e in names)
    return Rewrite(
        (Edit.replace(call, rewritten),),
        f"The XPath expression is now constant and {shown} is bound as an XPath variable, so quotes in it "
        "are matched as text instead of ending the string literal.",
    )
