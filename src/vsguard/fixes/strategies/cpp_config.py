"""C++ configuration rewrites: cookies marked Secure (Crow, Drogon, raw Set-Cookie headers) and the
`none` algorithm dropped from a jwt-cpp verifier that allows a real one."""

from __future__ import annotations

import re

from vsguard.fixes.edits import Edit, indentation_at
from vsguard.fixes.registry import NoRewrite, Rewrite, Target, register
from vsguard.fixes.strategies._common import arguments
from vsguard.fixes.strategies.cpp_web import CPP, leaves

_SECURE = "The cookie is now marked Secure, so the browser only sends it over HTTPS."


@register("cookie_flags", CPP)
def cpp_cookie(t: Target) -> Rewrite | NoRewrite:
    node = t.node
    func = node.field("function") if node.kind() == "call_expression" else None
    args = arguments(node) if func is not None else []
    if func is not None and func.text().endswith(".set_cookie"):  # Crow returns the cookie to chain on
        return Rewrite((Edit.insert(node.range().end.index, ".secure()"),), _SECURE)
    if func is not None and func.text().endswith(".setSecure") and args:
        return Rewrite((Edit.replace(args[0], "true"),), _SECURE)
    if func is not None and len(args) == 2:  # a Set-Cookie header written by hand
        value = args[1]
        last = leaves(value)[-1]
        if last.kind() == "string_literal" and last.text().endswith('"'):
            return Rewrite((Edit.insert(last.range().end.index - 1, "; Secure"),), _SECURE)
        if len(leaves(value)) > 1 and any(leaf.kind() != "string_literal" for leaf in leaves(value)):
            return Rewrite((Edit.insert(value.range().end.index, ' + "; Secure"'),), _SECURE)
        return Rewrite(
            (Edit.replace(value, f'std::string({value.text()}) + "; Secure"'),),
            _SECURE,
        )
    init = node.find(kind="init_declarator") if node.kind() == "declaration" else None
    name = init.field("declarator") if init is not None else None
    block = node.parent()
    if name is None or block is None or block.kind() != "compound_statement" or name.kind() != "identifier":
        return NoRewrite("unrecognised cookie construction")
    indent = indentation_at(t.code, node.range().start.index)
    return Rewrite(
        (Edit.insert(node.range().end.index, f"\n{indent}{name.text()}.setSecure(true);"),),
        f"`{name.text()}` is now marked Secure right after it is made, so the browser only sends it "
        "over HTTPS.",
    )


_NONE = re.compile(r"^jwt::algorithm::none\s*(\{\s*\}|\(\s*\))$")


@register("drop_none_algorithm", CPP)
def cpp_jwt_none(t: Target) -> Rewrite | NoRewrite:
    func = t.node.field("function")
    receiver = func.field("argument") if func is not None else None
    args = arguments(t.node)
    if receiver is None or len(args) != 1 or not _NONE.match(args[0].text()):
        return NoRewrite(
            "the token is decoded without a verifier; verify it with jwt::verify() and a key first"
        )
    chain = t.node
    while (parent := chain.parent()) is not None and parent.kind() in ("field_expression", "call_expression"):
        chain = parent
    others = [
        c
        for c in chain.find_all(kind="call_expression")
        if (f := c.field("function")) is not None
        and f.text().endswith(".allow_algorithm")
        and c != t.node
        and not any(_NONE.match(a.text()) for a in arguments(c))
    ]
    if not others:
        return NoRewrite("`none` is the only algorithm allowed; add the real one with its key instead")
    return Rewrite(
        (Edit(receiver.range().end.index, t.node.range().end.index, ""),),
        "The verifier no longer allows the `none` algorithm, so unsigned tokens are refused; tokens signed "
        "with the allowed algorithm verify as before.",
    )
