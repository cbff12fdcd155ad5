"""C and C++ values formatted with %s into an LDAP filter or a MongoDB JSON query: each value is
first escaped into a buffer of its own by a helper added to the file (RFC 4515 escapes for LDAP,
JSON string escapes for bson), so values without special characters give the same text as before."""

from __future__ import annotations

import re
from collections.abc import Callable

from ast_grep_py import SgNode

from vsguard.fixes.edits import Edit, indentation_at
from vsguard.fixes.registry import NoRewrite, Rewrite, Target, register
from vsguard.fixes.strategies._common import arguments, enclosing
from vsguard.fixes.strategies._literals import decode
from vsguard.fixes.strategies.c_family import C, array_size, include_edit
from vsguard.fixes.strategies.c_input import conversions, formatting_call

_LDAP_HELPER = r"""static void ldap_escape_filter_value(const char *in, char *out, size_t size)
{
    size_t n = 0;
    for (; *in != '\0'; in++) {
        int special = *in == '*' || *in == '(' || *in == ')' || *in == '\\';
        if (n + (special ? 3 : 1) >= size)
            break;
        if (special)
            n += (size_t)snprintf(out + n, size - n, "\\%02x", (unsigned char)*in);
        else
            out[n++] = *in;
    }
    if (size > 0)
        out[n] = '\0';
}

"""

_JSON_HELPER = r"""static void str_escape_json(const char *in, char *out, size_t size)
{
    size_t n = 0;
    for (; *in != '\0'; in++) {
        unsigned char c = (unsigned char)*in;
        size_t need = (c == '"' || c == '\\') ? 2 : c < 0x20 ? 6 : 1;
        if (n + need >= size)
            break;
        if (c == '"' || c == '\\') {
            out[n++] = '\\';
            out[n++] = (char)c;
        } else if (c < 0x20) {
            n += (size_t)snprintf(out + n, size - n, "\\u%04x", c);
        } else {
            out[n++] = (char)c;
        }
    }
    if (size > 0)
        out[n] = '\0';
}

"""

_LUA_HELPER = r"""static void str_escape_lua(const char *in, char *out, size_t size)
{
    size_t n = 0;
    for (; *in != '\0'; in++) {
        char c = *in;
        int special = c == '\\' || c == '\'' || c == '"' || c == '\n' || c == '\r';
        if (n + (special ? 2 : 1) >= size)
            break;
        if (special) {
            out[n++] = '\\';
            out[n++] = c == '\n' ? 'n' : c == '\r' ? 'r' : c;
        } else {
            out[n++] = c;
        }
    }
    if (size > 0)
        out[n] = '\0';
}

"""

_XPATH_HELPER = r"""static void xpath_escape_literal(const char *in, char *out, size_t size)
{
    size_t n = 0;
    if (size == 0)
        return;
    if (strchr(in, '\'') == NULL || strchr(in, '"') == NULL) {
        char quote = strchr(in, '\'') == NULL ? '\'' : '"';
        snprintf(out, size, "%c%s%c", quote, in, quote);
        return;
    }
    n += (size_t)snprintf(out, size, "concat('");
    for (; *in != '\0' && n + 12 < size; in++) {
        if (*in == '\'')
            n += (size_t)snprintf(out + n, size - n, "', \"'\", '");
        else
            out[n++] = *in;
    }
    snprintf(out + n, size - n, "')");
}

"""

_SINKS = {  # function -> index of the query argument
    "ldap_search": 3,
    "ldap_search_s": 3,
    "ldap_search_st": 3,
    "ldap_search_ext": 3,
    "ldap_search_ext_s": 3,
    "bson_new_from_json": 0,
    "bson_init_from_json": 1,
    "xmlXPathEvalExpression": 0,
    "xmlXPathEval": 0,
    "xmlXPathCompile": 0,
    "luaL_dostring": 1,
    "luaL_loadstring": 1,
}


def _helper_edit(t: Target, function: SgNode, name: str, source: str) -> tuple[Edit, ...]:
    """The helper defined just before the first function of the file (unless it is there)."""
    if re.search(rf"\b{name}\s*\(\s*const char \*", t.code):
        return ()
    first = next((n for n in t.root.children() if n.kind() == "function_definition"), function)
    headers = ("stdio.h", "string.h") if "strchr(" in source else ("stdio.h",)
    return (Edit.insert(first.range().start.index, source), *(e for h in headers for e in include_edit(t, h)))


Position = Callable[[str, int, int], bool]  # (literal source, start and end of a %s) -> it fits


def _escape(
    t: Target, helper: str, source: str, in_value: Position, unquote: bool = False
) -> Rewrite | NoRewrite:
    """Escape every %s value of the query's format with `helper`; with `unquote`, the quotes around
    each %s are dropped from the format too (the helper then writes a whole quoted literal)."""
    func = t.node.field("function")
    args = arguments(t.node)
    function = enclosing(t.node, "function_definition")
    index = _SINKS.get(func.text() if func is not None else "")
    if function is None or index is None or len(args) <= index:
        return NoRewrite("the query argument could not be read")
    query = args[index]
    while query.kind() == "cast_expression" and query.field("value") is not None:
        query = query.field("value")  # type: ignore[assignment]
    if query.kind() != "identifier" or array_size(query, query.text()) is None:
        return NoRewrite("the query is not a local array formatted here")
    found = formatting_call(query, function)
    if isinstance(found, NoRewrite):
        return found
    call, fmt_index = found
    statement = call.parent()
    call_args = arguments(call)
    fmt = call_args[fmt_index]
    if fmt.kind() != "string_literal" or statement is None or statement.kind() != "expression_statement":
        return NoRewrite("the format is not a single string literal in a statement of its own")
    values = call_args[fmt_index + 1 :]
    text = fmt.text()
    escaped: list[SgNode] = []
    quotes: list[Edit] = []
    for conv in conversions(text):
        if conv.letter != "s":
            continue
        if conv.argument >= len(values) or conv.end - conv.start != 2:
            return NoRewrite("a %s conversion has a width or precision, or no argument")
        value = values[conv.argument]
        if not in_value(text, conv.start, conv.end):
            return NoRewrite("a %s value stands outside a value position, where escaping cannot make it safe")
        if value.kind() != "identifier" or re.search(rf"\b{value.text()}_escaped\b", function.text()):
            return NoRewrite("a formatted value is not a plain variable")
        escaped.append(value)
        if unquote:
            width = 1 if text[conv.start - 1] == "'" else 2
            base = fmt.range().start.index
            quotes.append(Edit(base + conv.start - width, base + conv.start, ""))
            quotes.append(Edit(base + conv.end, base + conv.end + width, ""))
    if not escaped:
        return NoRewrite("no %s value found in the format")
    indent = indentation_at(t.code, statement.range().start.index)
    lines = []
    for name in dict.fromkeys(v.text() for v in escaped):
        buffer = f"{name}_escaped"
        lines.append(
            f"char {buffer}[sizeof {query.text()}];\n{indent}{helper}({name}, {buffer}, sizeof {buffer});"
        )
    edits = [Edit.insert(statement.range().start.index, "".join(f"{line}\n{indent}" for line in lines))]
    edits += [Edit.replace(v, f"{v.text()}_escaped") for v in escaped] + quotes
    names = ", ".join(dict.fromkeys(v.text() for v in escaped))
    return Rewrite(
        (*edits, *_helper_edit(t, function, helper, source)),
        f"Each value ({names}) is escaped by {helper} into a buffer of its own before it is formatted, so "
        "its special characters are taken as text; the helper is added to the file.",
    )


@register("escape_ldap_filter", *C)
def c_ldap_escape(t: Target) -> Rewrite | NoRewrite:
    # a value follows `=` (or a `*` wildcard) inside a filter item
    return _escape(t, "ldap_escape_filter_value", _LDAP_HELPER, lambda s, a, _: s[a - 1 : a] in ("=", "*"))


@register("escape_json_string", *C)
def c_json_escape(t: Target) -> Rewrite | NoRewrite:
    # the value fills a JSON string: `\"%s\"` in the C literal
    return _escape(
        t, "str_escape_json", _JSON_HELPER, lambda s, a, b: s[a - 2 : a] == '\\"' and s[b : b + 2] == '\\"'
    )


def _in_lua_string(text: str, start: int, _: int) -> bool:
    """Whether offset `start` of the C literal `text` falls inside a Lua short string ('...' or
    "..."); comments and long brackets before it are not followed, so they count as outside."""
    lua = decode(text[1:start])
    quote = None
    i = 0
    while i < len(lua):
        ch = lua[i]
        if quote is not None:
            if ch == "\\":
                i += 1
            elif ch == quote:
                quote = None
        elif ch in "'\"":
            quote = ch
        elif lua.startswith(("--", "[["), i) or lua.startswith("[=", i):
            return False
        i += 1
    return quote is not None


@register("escape_lua_string", *C)
def c_lua_escape(t: Target) -> Rewrite | NoRewrite:
    func = t.node.field("function")
    if func is None or not func.text().startswith("luaL_"):
        return NoRewrite("only Lua chunks are rewritten; pass values to other interpreters as variables")
    return _escape(t, "str_escape_lua", _LUA_HELPER, _in_lua_string)


def _quoted(text: str, start: int, end: int) -> bool:
    """The %s sits alone between two equal quotes: '%s' or \\"%s\\" in the C source."""
    if text[start - 1 : start] == "'" and text[end : end + 1] == "'":
        return True
    return text[start - 2 : start] == '\\"' and text[end : end + 2] == '\\"'


@register("xpath_literal", *C)
def c_xpath_literal(t: Target) -> Rewrite | NoRewrite:
    return _escape(t, "xpath_escape_literal", _XPATH_HELPER, _quoted, unquote=True)
