"""Rust data-layer rewrites: LDAP filter values escaped with ldap3's ldap_escape, and a MongoDB
`$where` equality test turned into an ordinary field match."""

from __future__ import annotations

import re

from vsguard.fixes.edits import Edit
from vsguard.fixes.registry import NoRewrite, Rewrite, Target, register
from vsguard.fixes.strategies._common import arguments, enclosing
from vsguard.fixes.strategies._literals import rust_format, write_rust
from vsguard.fixes.strategies._rust import (
    field_types,
    format_macro,
    format_values,
    request_names,
    rewrite_format,
)
from vsguard.fixes.strategies._xpath import explanation, quote_value
from vsguard.fixes.strings import Unsupported

RUST = "rust"
_TEXT_TYPES = re.compile(r"^&?('\w+\s+)?(str|String)$")


def _string_parameters(t: Target) -> set[str]:
    func = enclosing(t.node, "function_item")
    params = func.field("parameters") if func is not None else None
    names = set()
    for param in params.find_all(kind="parameter") if params is not None else []:
        pattern, kind = param.field("pattern"), param.field("type")
        if pattern is not None and kind is not None and _TEXT_TYPES.match(kind.text()):
            names.add(pattern.text())
    return names


@register("escape_ldap_filter", RUST)
def rust_escape_ldap(t: Target) -> Rewrite | NoRewrite:
    args = arguments(t.node)
    macro = format_macro(args[2]) if len(args) > 2 else None
    if macro is None:
        return NoRewrite("the filter is built elsewhere; escape each value where it is formatted in")
    known = _string_parameters(t) | request_names(t.node)
    values = format_values(macro)
    if values is None:
        return NoRewrite("the filter's format string could not be read")
    unknown = [v for v in values if v not in known and "ldap_escape" not in v]
    if unknown:
        return NoRewrite(f"`{unknown[0]}` may hold filter syntax rather than a value; escape values by hand")
    imported = re.search(r"use ldap3::(\{[^}]*\bldap_escape\b[^}]*\}|ldap_escape);", t.code) is not None
    escape = "ldap_escape" if imported else "ldap3::ldap_escape"
    rebuilt = rewrite_format(macro, lambda s: f"{escape}({s})", lambda s: s in known)
    if rebuilt is None or not rebuilt[1]:
        return NoRewrite("no value in the filter could be located")
    shown = ", ".join(f"`{w}`" for w in rebuilt[1])
    return Rewrite(
        (rebuilt[0],),
        f"{shown} is escaped with {escape}, so `*`, `(`, `)`, `\\` and NUL in it are matched as text and "
        "cannot change the filter.",
    )


_WHERE = re.compile(
    r'"\$where"\s*:\s*format!\s*\(\s*"this\.(?P<field>[A-Za-z_]\w*)\s*===?\s*'
    r"(?P<q>'|\\\")\{(?P<name>[a-z_]\w*)?\}(?P=q)\"\s*(?:,\s*(?P<arg>[A-Za-z_][\w.]*)\s*)?\)"
)


@register("nosql_string", RUST)
def rust_mongo_where(t: Target) -> Rewrite | NoRewrite:
    tree = t.node.find(kind="token_tree")
    found = _WHERE.search(tree.text()) if tree is not None else None
    value = (found.group("name") or found.group("arg")) if found is not None else None
    if (
        tree is None
        or found is None
        or value is None
        or bool(found.group("name")) == bool(found.group("arg"))
    ):
        return NoRewrite(
            "the $where script is more than one equality test; express it with query operators instead"
        )
    start = tree.range().start.index + found.start()
    field = found.group("field")
    if re.search(rf'"{field}"\s*:', tree.text()):
        return NoRewrite(f"the query already matches `{field}`; merge the two conditions by hand")
    return Rewrite(
        (Edit(start, start + len(found.group(0)), f'"{field}": {value}'),),
        f'The JavaScript `$where` test on `{field}` is now the ordinary field match `"{field}": {value}`, '
        "so the value is compared as data and can no longer add script to the query.",
        review="the match is now exact: JavaScript's `==` also matched a number stored as the same text, "
        "which the field match does not",
    )


# Each quote in the value closes the literal; concat() joins the pieces around a double-quoted "'",
# so any text is matched as itself (XPath 1.0 literals have no escapes).
_QUOTE_SPLIT = r"""{value}.replace('\'', "', \"'\", '")"""


@register("xpath_literal", RUST)
def rust_xpath_literal(t: Target) -> Rewrite | NoRewrite:
    args = arguments(t.node)
    func = t.node.field("function")
    index = 0 if func is not None and func.kind() == "field_expression" else 1
    macro = format_macro(args[index]) if len(args) > index else None
    if macro is None:
        return NoRewrite("the expression is built elsewhere; pass the value where it is formatted in")
    try:
        parts = list(rust_format(macro).parts)
    except Unsupported as why:
        return NoRewrite(str(why))
    params, types = _string_parameters(t), field_types(t.root)

    def is_text(source: str) -> bool:
        return source in params or bool(_TEXT_TYPES.match(types.get(source.rsplit(".", 1)[-1], "")))

    quoted = quote_value(parts, lambda v: _QUOTE_SPLIT.format(value=v), is_text)
    if isinstance(quoted, NoRewrite):
        return quoted
    return Rewrite((Edit.replace(macro, write_rust(quoted.parts)),), explanation(quoted.value))
