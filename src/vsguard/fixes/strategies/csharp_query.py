"""C# LDAP filters and XPath expressions built from values: each value goes through an escaping
helper added to the class (RFC 4515 escapes for LDAP, a quoted XPath literal for XPath), so values
without special characters give the same query as before; MongoDB JSON filters built from values
become BsonDocuments that hold the values as elements."""

from __future__ import annotations

import re

from ast_grep_py import SgNode

from vsguard.fixes.edits import Edit, indentation_at
from vsguard.fixes.registry import NoRewrite, Rewrite, Target, register
from vsguard.fixes.strategies._common import enclosing, operands
from vsguard.fixes.strategies._literals import csharp_built, escape_double, write_concatenation
from vsguard.fixes.strategies.csharp import CS, cs_arguments, cs_string_parameters
from vsguard.fixes.strings import Built, Expr, Lit, Part, merge

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


# --------------------------------------------------------------------------- MongoDB JSON filters

_HOLE = "\x00"
_JSON_ESCAPES = {'"': '"', "'": "'", "\\": "\\", "/": "/", "n": "\n", "t": "\t", "r": "\r"}
_JSON_TOKEN = re.compile(
    r"""\s*(?:(?P<punct>[{}:,])|(?P<str>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|(?P<word>[A-Za-z_$][\w$]*)"""
    r"""|(?P<num>-?\d+(?:\.\d+)?)|(?P<hole>\x00\d+\x00))"""
)


def _json_tokens(text: str) -> list[tuple[str, str]] | None:
    tokens, at = [], 0
    while at < len(text.rstrip()):
        m = _JSON_TOKEN.match(text, at)
        if m is None or m.lastgroup is None:
            return None
        tokens.append((m.lastgroup, m.group(m.lastgroup)))
        at = m.end()
    return tokens


def _json_string(token: str, values: list[str], strings: set[str]) -> str | None:
    """A quoted JSON string as a C# expression: literal text joined with the values it holds (a
    value of unknown type alone is interpolated, so the element stays a string)."""
    parts: list[Part] = []
    body, i = token[1:-1], 0
    while i < len(body):
        ch = body[i]
        if ch == "\\":
            if body[i + 1 : i + 2] not in _JSON_ESCAPES:
                return None
            parts.append(Lit(_JSON_ESCAPES[body[i + 1]]))
            i += 2
        elif ch == _HOLE:
            end = body.index(_HOLE, i + 1)
            parts.append(Expr(values[int(body[i + 1 : end])], False))
            i = end + 1
        else:
            parts.append(Lit(ch))
            i += 1
    merged = list(merge(parts))
    if len(merged) == 1 and isinstance(merged[0], Expr) and merged[0].source not in strings:
        return '$"{' + merged[0].source + '}"'
    return write_concatenation(merged)


def _bson_document(built: Built, strings: set[str]) -> str | None:
    """`new BsonDocument { { "key", value }, ... }` for a flat JSON object whose values are strings,
    numbers, true/false/null, or strings that hold the values; None for anything else."""
    values = [p.source for p in built.parts if isinstance(p, Expr)]
    text, n = "", 0
    for p in built.parts:
        if isinstance(p, Lit):
            text += p.text
        else:
            text, n = text + f"{_HOLE}{n}{_HOLE}", n + 1
    tokens = _json_tokens(text)
    if not tokens or tokens[0] != ("punct", "{") or tokens[-1] != ("punct", "}"):
        return None
    items, body = [], tokens[1:-1]
    while body:
        if len(body) < 3 or body[1] != ("punct", ":"):
            return None
        (key_kind, key), _, (kind, value) = body[:3]
        name = key[1:-1] if key_kind == "str" else key
        if key_kind not in ("str", "word") or name.startswith("$") or _HOLE in name:
            return None
        if kind == "str":
            written = _json_string(value, values, strings)
        elif kind == "num" or (kind == "word" and value in ("true", "false")):
            written = value
        elif kind == "word" and value == "null":
            written = "BsonNull.Value"
        else:
            return None
        if written is None:
            return None
        items.append(f'{{ "{escape_double(name)}", {written} }}')
        body = body[3:]
        if body and body[0] == ("punct", ","):
            body = body[1:]
        elif body:
            return None
    return "new BsonDocument { " + ", ".join(items) + " }" if items else None


_COLLECTION_CALL = re.compile(
    r"^(Find|FindAsync|FindSync|CountDocuments|CountDocumentsAsync|DeleteOne|DeleteOneAsync"
    r"|DeleteMany|DeleteManyAsync|FindOneAndDelete|FindOneAndDeleteAsync)$"
)


@register("bson_document", CS)
def cs_bson_document(t: Target) -> Rewrite | NoRewrite:
    call = t.node if t.node.kind() == "invocation_expression" else None
    func = call.field("function") if call is not None else None
    name = func.field("name") if func is not None and func.kind() == "member_access_expression" else None
    args = cs_arguments(call) if call is not None else []
    if call is None or func is None or name is None or len(args) < 1:
        return NoRewrite(
            "only BsonDocument.Parse and collection filters given as one JSON string are rewritten"
        )
    parse = re.match(r"^(MongoDB\.Bson\.)?BsonDocument\.Parse$", func.text()) is not None
    if not parse and not (_COLLECTION_CALL.match(name.text()) and len(args) == 1):
        return NoRewrite("the JSON is an update, a pipeline or JavaScript; build it with Builders<T> instead")
    query = args[0].named_children()[-1]
    document = _bson_document(csharp_built(query), cs_string_parameters(t.node))
    if document is None:
        return NoRewrite("the JSON is not one flat object of plain values; build it with Builders<T>.Filter")
    target = call if parse else query
    return Rewrite(
        (Edit.replace(target, document),),
        "The filter is now built as a BsonDocument with the values as its elements, so quotes or operators "
        "in a value stay part of that value; values without them give the same filter as before.",
    )
