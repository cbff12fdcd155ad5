"""C# LDAP filters and XPath expressions built from values: each value goes through an escaping
helper added to the class (RFC 4515 escapes for LDAP, a quoted XPath literal for XPath), so values
without special characters give the same query as before."""

from __future__ import annotations

import re

from ast_grep_py import SgNode

from vsguard.fixes.edits import Edit, indentation_at
from vsguard.fixes.registry import NoRewrite, Rewrite, Target, register
from vsguard.fixes.strategies._common import enclosing, operands
from vsguard.fixes.strategies.csharp import CS

_LDAP_HELPER = """private static string LdapFilterEscape(string value)
{
    var escaped = new System.Text.StringBuilder(value.Length);
    foreach (var c in value)
    {
        if (c == '\\\\' || c == '*' || c == '(' || c == ')' || c == '\\0')
            escaped.Append('\\\\').Append(((int)c).ToString("x2"));
        else
            escaped.Append(c);
    }
    return escaped.ToString();
}"""

_XPATH_HELPER = """private static string XPathQuote(string value)
{
    if (!value.Contains('\\''))
        return "'" + value + "'";
    if (!value.Contains('"'))
        return "\\"" + value + "\\"";
    return "concat('" + value.Replace("'", "', \\"'\\", '") + "')";
}"""

_STRINGS = ("string_literal", "interpolated_string_expression", "verbatim_string_literal")


def _pieces(node: SgNode) -> list[SgNode]:
    """The literal runs and value expressions of a `+` chain or interpolated string, in order."""
    if node.kind() == "interpolated_string_expression":
        return [
            c for c in node.children() if c.kind() in ("string_content", "interpolation", "escape_sequence")
        ]
    joined = operands(node, "+")
    return [node] if joined == [node] else [p for part in joined for p in _pieces(part)]


def _value(piece: SgNode) -> SgNode | None:
    """The expression a piece inserts (None for literal text)."""
    if piece.kind() == "interpolation":
        inner = [c for c in piece.named_children() if c.kind() != "interpolation_brace"]
        return inner[0] if len(inner) == 1 else None
    return None if piece.kind() in (*_STRINGS, "string_content", "escape_sequence") else piece


def _query(t: Target) -> SgNode | None:
    """The outermost built string in the finding: literal text joined with at least one value."""
    candidates = [
        n
        for kind in ("binary_expression", "interpolated_string_expression")
        for n in t.node.find_all(kind=kind)
        if any(p.kind() in (*_STRINGS, "string_content") for p in _pieces(n))
        and any(_value(p) is not None for p in _pieces(n))
    ]
    outer = [n for n in candidates if not any(o != n and _inside(n, o) for o in candidates)]
    return outer[0] if len(outer) == 1 else None


def _inside(a: SgNode, b: SgNode) -> bool:
    return b.range().start.index <= a.range().start.index and a.range().end.index <= b.range().end.index


def _helper_edit(t: Target, name: str, source: str) -> tuple[Edit, ...] | NoRewrite:
    """The helper method added at the end of the enclosing class (none when the class has it)."""
    owner = enclosing(t.node, "class_declaration", "struct_declaration", "record_declaration")
    body = owner.field("body") if owner is not None else None
    if owner is None or body is None:
        return NoRewrite(
            "the query is not built inside a class, so there is no place for the escaping helper"
        )
    if re.search(rf"\b{name}\s*\(\s*string\s+\w+\s*\)", owner.text()):
        return ()
    members = [m for m in body.named_children() if m.kind() != "comment"]
    close = body.range().end.index - 1
    indent = indentation_at(t.code, members[0].range().start.index) if members else "    "
    line_start = t.code.rfind("\n", 0, close) + 1
    if t.code[line_start:close].strip():
        return NoRewrite("the class is written on one line")
    method = "\n".join(indent + line if line else "" for line in source.split("\n"))
    return (Edit.insert(line_start, f"\n{method}\n" if members else f"{method}\n"),)


def _plain(value: SgNode) -> bool:
    """A variable or property holding one value (not a filter or query fragment built elsewhere)."""
    return re.fullmatch(r"[A-Za-z_][\w.]*", value.text()) is not None and not re.search(
        r"(?i)(filter|query|xpath|expr|clause)", value.text()
    )


@register("escape_ldap_filter", CS)
def cs_ldap_escape(t: Target) -> Rewrite | NoRewrite:
    query = _query(t)
    if query is None:
        return NoRewrite("the filter is not one string joined with values")
    values = [v for p in _pieces(query) if (v := _value(p)) is not None]
    if not all(_plain(v) for v in values):
        return NoRewrite(
            "a value in the filter is computed or is itself a filter; escape it where it is read"
        )
    helper = _helper_edit(t, "LdapFilterEscape", _LDAP_HELPER)
    if isinstance(helper, NoRewrite):
        return helper
    names = ", ".join(v.text() for v in values)
    return Rewrite(
        (*(Edit.replace(v, f"LdapFilterEscape({v.text()})") for v in values), *helper),
        f"Each value ({names}) is escaped for LDAP filters (RFC 4515: `*`, `(`, `)`, `\\` and NUL become "
        "`\\2a`, `\\28`, `\\29`, `\\5c`, `\\00`), so it can only match as text; the helper "
        "LdapFilterEscape is added to the class.",
    )


def _quote_at_end(piece: SgNode) -> tuple[int, int] | None:
    """The range of the quote that closes a literal run before a value (`'` or `\\"`)."""
    text, end = piece.text(), piece.range().end.index
    if piece.kind() == "string_literal":
        text, end = text[:-1], end - 1
    elif piece.kind() != "string_content":
        return None
    if text.endswith("'"):
        return end - 1, end
    if text.endswith('\\"'):
        return end - 2, end
    return None


def _quote_at_start(piece: SgNode, closing: str) -> tuple[int, int] | None:
    text, start = piece.text(), piece.range().start.index
    if piece.kind() == "string_literal":
        text, start = text[1:], start + 1
    elif piece.kind() != "string_content":
        return None
    return (start, start + len(closing)) if text.startswith(closing) else None


@register("xpath_quote", CS)
def cs_xpath_quote(t: Target) -> Rewrite | NoRewrite:
    query = _query(t)
    if query is None:
        return NoRewrite("the XPath is not one string joined with values")
    pieces = _pieces(query)
    edits: list[Edit] = []
    names = []
    for i, piece in enumerate(pieces):
        value = _value(piece)
        if value is None:
            continue
        before = _quote_at_end(pieces[i - 1]) if i > 0 else None
        closing = t.code[before[0] : before[1]] if before else ""
        after = _quote_at_start(pieces[i + 1], closing) if before and i + 1 < len(pieces) else None
        if before is None or after is None or not _plain(value):
            return NoRewrite("a value is not a plain variable inside quotes in the XPath")
        edits += [Edit(*before, ""), Edit(*after, ""), Edit.replace(value, f"XPathQuote({value.text()})")]
        names.append(value.text())
    helper = _helper_edit(t, "XPathQuote", _XPATH_HELPER)
    if isinstance(helper, NoRewrite):
        return helper
    return Rewrite(
        (*edits, *helper),
        f"Each value ({', '.join(names)}) is now written as a quoted XPath literal by XPathQuote (with "
        "concat() when it holds both quote kinds), so a quote in it can no longer end the string and add "
        "its own XPath; the helper is added to the class.",
    )
