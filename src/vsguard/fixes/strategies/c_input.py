"""C and C++ rewrites for formatted text: SQLite's own quoting (`'%q'`) for values formatted into SQL,
and log lines that stop each network value at its first line break."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ast_grep_py import SgNode

from vsguard.fixes.edits import Edit
from vsguard.fixes.registry import NoRewrite, Rewrite, Target, register
from vsguard.fixes.strategies._common import arguments, enclosing
from vsguard.fixes.strategies.c_family import C, array_size, include_edit
from vsguard.records import record

_CONVERSION = re.compile(r"%[-+ #0]*(\*|\d+)?(\.(\*|\d+))?(hh|h|ll|l|L|z|j|t|q)?([diouxXeEfFgGaAcspnqQ%])")


@record(frozen=True)
class Conversion:
    start: int  # offset of `%` inside the literal's text
    end: int
    letter: str
    argument: int  # index among the arguments after the format


def conversions(text: str) -> Iterator[Conversion]:
    """The printf conversions of a literal's source text, with the argument each one reads."""
    index = 0
    for m in _CONVERSION.finditer(text):
        if m.group(5) == "%":
            continue
        index += (m.group(1) == "*") + (m.group(3) == "*")
        yield Conversion(m.start(), m.end(), m.group(5), index)
        index += 1


# --------------------------------------------------------------------------- SQLite quoting

_SQLITE_SINK = re.compile(r"^sqlite3_(exec|prepare(_v2|_v3|16|16_v2)?)$")


def formatting_call(query: SgNode, function: SgNode) -> tuple[SgNode, int] | NoRewrite:
    """The one call that formats `query` in the function, and the index of its format argument."""
    found: list[tuple[SgNode, int]] = []
    for call in function.find_all(kind="call_expression"):
        func = call.field("function")
        args = arguments(call)
        name = func.text().removeprefix("std::") if func is not None else ""
        target = {"sprintf": 0, "snprintf": 0, "sqlite3_snprintf": 1, "strcat": 0, "strncat": 0}.get(name)
        if target is not None and len(args) > target and args[target].text() == query.text():
            found.append((call, {"sprintf": 1, "snprintf": 2, "sqlite3_snprintf": 2}.get(name, -1)))
        parent = call.parent()
        if (
            name == "sqlite3_mprintf"
            and parent is not None
            and parent.kind()
            in (
                "init_declarator",
                "assignment_expression",
            )
        ):
            left = parent.field("declarator") or parent.field("left")
            if left is not None and left.text().lstrip("* ") == query.text():
                found.append((call, 0))
    if len(found) != 1 or found[0][1] < 0:
        return NoRewrite("the SQL is built in several steps; prepare it with `?` and sqlite3_bind_text")
    return found[0]


@register("sqlite_quote", *C)
def c_sqlite_quote(t: Target) -> Rewrite | NoRewrite:
    func = t.node.field("function")
    args = arguments(t.node)
    function = enclosing(t.node, "function_definition")
    if func is None or not _SQLITE_SINK.match(func.text()) or len(args) < 2 or function is None:
        return NoRewrite("only SQLite has a quoting conversion to format values with")
    query = args[1]
    if query.kind() != "identifier":
        return NoRewrite("the SQL argument is not a plain variable")
    found = formatting_call(query, function)
    if isinstance(found, NoRewrite):
        return found
    call, fmt_index = found
    fmt = arguments(call)[fmt_index]
    if fmt.kind() != "string_literal":
        return NoRewrite("the SQL format is not a single string literal")
    edits: list[Edit] = []
    base = fmt.range().start.index
    text = fmt.text()
    for conv in conversions(text):
        if conv.letter != "s":
            continue
        if text[conv.start - 1 : conv.start] != "'" or text[conv.end : conv.end + 1] != "'":
            return NoRewrite("a %s value is not inside quotes, so it is SQL text rather than a string value")
        if conv.end - conv.start != 2:
            return NoRewrite("a %s conversion has a width or precision")
        edits.append(Edit(base + conv.end - 1, base + conv.end, "q"))
    name = call.field("function")
    assert name is not None
    bare = name.text().removeprefix("std::")
    if bare in ("sprintf", "snprintf"):
        parent = call.parent()
        if parent is None or parent.kind() != "expression_statement":
            return NoRewrite("the formatting call's result is used, and sqlite3_snprintf returns a pointer")
        call_args = arguments(call)
        if bare == "sprintf":
            if array_size(call, query.text()) is None:
                return NoRewrite(f"`{query.text()}` is not an array declared here, so its size is unknown")
            size = f"sizeof {query.text()}"
        else:
            size = call_args[1].text()
        edits.append(
            Edit(
                name.range().start.index,
                call_args[fmt_index].range().start.index,
                f"sqlite3_snprintf({size}, {query.text()}, ",
            )
        )
    return Rewrite(
        tuple(edits),
        "Each quoted %s becomes SQLite's %q, which doubles the quotes inside the value, so a value can no "
        "longer end the SQL string and add its own SQL; values without quotes give the same SQL as before.",
        ("Binding with `?` and sqlite3_bind_text is better still: the SQL text then never holds the value.",),
    )


# --------------------------------------------------------------------------- log lines

_SOURCE = re.compile(
    r"^(std::)?(getenv|secure_getenv)\(\s*\"(QUERY_STRING|PATH_INFO|PATH_TRANSLATED|REQUEST_URI|SCRIPT_NAME"
    r"|CONTENT_TYPE|HTTP_[A-Z_]+)\"\s*\)$|^(MHD_lookup_connection_value|evhttp_find_header|evhttp_request_get_uri"
    r"|evhttp_uri_get_query|evhttp_uri_get_path|mg_get_header)\("
)
_RECEIVE = re.compile(r"^(recv|recvfrom|SSL_read|SSL_read_ex|BIO_read|gnutls_record_recv|mbedtls_ssl_read)$")


def _from_network(value: SgNode, function: SgNode) -> bool:
    """A value received from the network or a CGI variable: the source call itself, a buffer a
    receive call fills, or a local assigned from a source call."""
    if _SOURCE.match(value.text()):
        return True
    if value.kind() != "identifier":
        return False
    name = value.text()
    for call in function.find_all(kind="call_expression"):
        func, args = call.field("function"), arguments(call)
        buffer = re.sub(r"^\([^)]*\)\s*", "", args[1].text()) if len(args) >= 2 else None
        if func is not None and _RECEIVE.match(func.text()) and buffer == name:
            return True
    for holder in (
        *function.find_all(kind="init_declarator"),
        *function.find_all(kind="assignment_expression"),
    ):
        left = holder.field("declarator") or holder.field("left")
        right = holder.field("value") or holder.field("right")
        if (
            left is not None
            and right is not None
            and left.text().lstrip("* ") == name
            and _SOURCE.match(right.text())
        ):
            return True
    return False


@register("log_line_cut", *C)
def c_log_cut(t: Target) -> Rewrite | NoRewrite:
    func = t.node.field("function")
    args = arguments(t.node)
    function = enclosing(t.node, "function_definition")
    name = func.text().removeprefix("std::") if func is not None else ""
    if name != "fprintf" or len(args) < 3 or function is None or args[1].kind() != "string_literal":
        return NoRewrite("only fprintf with a literal format is rewritten")
    fmt, values = args[1], args[2:]
    prefix = "std::" if t.language == "cpp" else ""
    edits: list[Edit] = []
    cut: list[str] = []
    for conv in conversions(fmt.text()):
        if conv.argument >= len(values):
            return NoRewrite("the format and the arguments do not line up")
        value = values[conv.argument]
        if not _from_network(value, function):
            continue
        if conv.letter != "s" or conv.end - conv.start != 2 or value.kind() != "identifier":
            return NoRewrite("a network value is printed with a width, precision or computed argument")
        at = fmt.range().start.index + conv.start + 1
        edits.append(Edit.insert(at, ".*"))
        edits.append(
            Edit.insert(value.range().start.index, f'(int){prefix}strcspn({value.text()}, "\\r\\n"), ')
        )
        cut.append(value.text())
    if not edits:
        return NoRewrite("no network value printed with %s was found")
    header = ("cstring",) if t.language == "cpp" else ("string.h",)
    return Rewrite(
        (*edits, *include_edit(t, header[0])),
        f"Each network value ({', '.join(cut)}) is printed up to its first CR or LF (`%.*s` with strcspn), "
        "so it can no longer start a forged log line; values without line breaks are logged as before.",
    )
