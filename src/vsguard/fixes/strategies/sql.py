"""parameterize_sql: turn SQL assembled from values into constant SQL text plus bound parameters.

Values interpolated outside quotes become placeholders; a quoted SQL literal that contains values
becomes one placeholder whose parameter is the literal's text (so `LIKE '%{term}%'` keeps its
wildcards). Identifiers (table or column names) cannot be parameters, so those are refused.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ast_grep_py import SgNode

from vsguard.fixes.edits import Edit
from vsguard.fixes.imports import js_required_modules
from vsguard.fixes.registry import NoRewrite, Rewrite, Target, register
from vsguard.fixes.strategies._common import (
    arguments,
    call_with_callee,
    insert_argument_after,
    single_use_binding,
)
from vsguard.fixes.strings import (
    Built,
    Expr,
    Lit,
    Part,
    Unsupported,
    as_value,
    merge,
    read_built,
    write_string,
)
from vsguard.records import record

QMARK, FORMAT, NUMERIC, NAMED = "qmark", "format", "numeric", "named"

# Text right before a value position; anything else (FROM, ORDER BY, SELECT list...) is an identifier.
_OPERATOR_TAIL = re.compile(
    r"(?:=|<|>|\blike|\bilike|\blimit|\boffset|\bthen|\belse|\bwhen|\bbetween|\bbetween\s+\S+\s+and"
    r"|[+\-*/]|\bis(?:\s+not)?)\s*$",
    re.I,
)
_LIST_OPENER = re.compile(r"\b(values|in)\s*$", re.I)
_IN_LIST_TAIL = re.compile(r"\bin\s*\(\s*$", re.I)


@record(frozen=True)
class Parameterized:
    sql: tuple[Part, ...]
    values: tuple[str, ...]  # source of each parameter, in placeholder order
    names: tuple[str, ...]


def _name_for(source: str, used: set[str], index: int) -> str:
    base = (
        re.sub(r"\W+", "_", source.split("(")[0]).strip("_").lower()
        if re.fullmatch(r"[\w.]+", source)
        else ""
    )
    base = base.rsplit("_", 1)[-1] if base.count("_") > 2 else base
    if not base or not base[0].isalpha():
        base = f"p{index}"
    name = base
    n = 2
    while name in used:
        name = f"{base}_{n}"
        n += 1
    used.add(name)
    return name


def _value_position(before: str) -> bool:
    """Whether SQL text ending in `before` is followed by a value (not a name or a clause)."""
    if (
        before
        and (before[-1].isalnum() or before[-1] in "_.")
        and not re.search(r"\b(like|ilike|limit|offset|then|else|when|between|and|is|not)$", before, re.I)
    ):
        return False
    if _OPERATOR_TAIL.search(before):
        return True
    stripped = before.rstrip()
    if not stripped.endswith(("(", ",")):
        return False
    depth = 0
    for pos in range(len(stripped) - 1, -1, -1):
        ch = stripped[pos]
        if ch == ")":
            depth += 1
        elif ch == "(":
            if depth == 0:
                return bool(_LIST_OPENER.search(stripped[:pos]))
            depth -= 1
    return False


def parameterize(
    built: Built, style: str, language: str, value_of: Callable[[list[Part]], str] | None = None
) -> Parameterized:
    """`value_of` writes a quoted SQL literal that holds values as one source expression (the
    language's own string writer by default)."""
    items: list[str | Expr] = []
    for part in built.parts:
        if isinstance(part, Lit):
            items.extend(part.text)
        else:
            items.append(part)
    out: list[Part] = []
    values: list[str] = []
    names: list[str] = []
    used: set[str] = set()

    def placeholder(value: str) -> None:
        index = len(values) + 1
        values.append(value)
        if style == QMARK:
            out.append(Lit("?"))
        elif style == FORMAT:
            out.append(Lit("%s"))
        elif style == NUMERIC:
            out.append(Lit(f"${index}"))
        else:
            name = _name_for(value, used, index)
            names.append(name)
            out.append(Lit(f":{name}"))

    def preceding() -> str:
        return "".join(p.text if isinstance(p, Lit) else "x" for p in out)

    quote_buf: list[Part] | None = None
    quote_dynamic = False
    in_double = False
    i = 0
    while i < len(items):
        item = items[i]
        nxt = items[i + 1] if i + 1 < len(items) else None
        if quote_buf is not None:
            if item == "'" and nxt == "'":
                quote_buf.append(Lit("'"))
                i += 2
                continue
            if item == "'":
                if quote_dynamic:
                    merged = list(merge(quote_buf))
                    if value_of is None or (len(merged) == 1 and isinstance(merged[0], Expr)):
                        placeholder(as_value(quote_buf, language, built.quote))
                    else:
                        placeholder(value_of(merged))
                else:
                    out.append(Lit("'"))
                    for p in quote_buf:
                        if isinstance(p, Lit):
                            text = p.text.replace("'", "''")
                            out.append(Lit(text.replace("%", "%%") if style == FORMAT else text))
                        else:
                            out.append(p)
                    out.append(Lit("'"))
                quote_buf = None
            elif isinstance(item, Expr):
                quote_buf.append(item)
                quote_dynamic = quote_dynamic or not item.constant
            else:
                quote_buf.append(Lit(item))
        elif isinstance(item, Expr):
            if item.constant:
                out.append(item)
            elif in_double:
                raise Unsupported(f"`{item.source}` is inside double quotes, where SQL expects a name")
            else:
                before = preceding()
                if _IN_LIST_TAIL.search(before) and isinstance(nxt, str) and nxt == ")":
                    raise Unsupported(
                        f"`{item.source}` fills a whole IN (...) list; expand one placeholder per value"
                    )
                if not _value_position(before):
                    raise Unsupported(
                        f"`{item.source}` stands where SQL expects a name or a clause, not a value"
                    )
                if isinstance(nxt, str) and (nxt.isalnum() or nxt in "_."):
                    raise Unsupported(f"`{item.source}` is part of a longer SQL word")
                placeholder(item.source)
        elif item == "'" and not in_double:
            quote_buf, quote_dynamic = [], False
        else:
            if item == '"':
                in_double = not in_double
            out.append(Lit("%%" if item == "%" and style == FORMAT else item))
        i += 1
    if quote_buf is not None or in_double:
        raise Unsupported("unbalanced quotes in the SQL text")
    return Parameterized(merge(out), tuple(values), tuple(names))


# --------------------------------------------------------------------------- Python

_PY_DRIVERS = {
    "sqlite3": QMARK,
    "aiosqlite": QMARK,
    "pyodbc": QMARK,
    "duckdb": QMARK,
    "psycopg2": FORMAT,
    "psycopg": FORMAT,
    "pymysql": FORMAT,
    "MySQLdb": FORMAT,
    "mysql": FORMAT,
    "aiomysql": FORMAT,
    "pg8000": FORMAT,
    "django": FORMAT,
    "asyncpg": NUMERIC,
    "oracledb": NAMED,
    "cx_Oracle": NAMED,
}
_PY_IMPORT = re.compile(r"^\s*(?:import|from)\s+([A-Za-z_][\w]*)", re.M)


def python_style(code: str) -> tuple[str | None, str | None]:
    """(paramstyle, note). None style means the file imports drivers that disagree."""
    found = {_PY_DRIVERS[m] for m in _PY_IMPORT.findall(code) if m in _PY_DRIVERS}
    if len(found) > 1:
        return None, None
    if found:
        return found.pop(), None
    return QMARK, (
        "No database driver import was found, so `?` placeholders (sqlite3, pyodbc) were used; "
        "use `%s` for psycopg and MySQL drivers."
    )


def _py_tuple(values: tuple[str, ...]) -> str:
    return "(" + ", ".join(values) + ("," if len(values) == 1 else "") + ")"


def _query_expression(call: SgNode, language: str) -> tuple[SgNode, SgNode, SgNode | None] | NoRewrite:
    """(argument node, the string-building expression, binding assignment if it came via a name)."""
    args = arguments(call)
    if not args or args[0].kind() in ("keyword_argument", "pair", "spread_element"):
        return NoRewrite("the SQL is not passed as the first argument")
    arg = args[0]
    if arg.kind() == "identifier":
        binding = single_use_binding(arg, language)
        if binding is None:
            return NoRewrite(
                f"the SQL in `{arg.text()}` is assigned more than once or used elsewhere, so it cannot be "
                "rewritten in one place"
            )
        return arg, binding.value, binding.assignment
    return arg, arg, None


@register("parameterize_sql", "python")
def python_sql(t: Target) -> Rewrite | NoRewrite:
    found = call_with_callee(t.node, "python")
    if found is None:
        return NoRewrite("the query call could not be read")
    call, func = found
    method = func.text().rsplit(".", 1)[-1]
    if method == "executescript":
        return NoRewrite(
            "executescript takes no parameters; run each statement with execute() and parameters"
        )
    if method in ("extra", "read_sql", "read_sql_query"):
        return NoRewrite(f"`{method}` needs its parameters in a driver-specific form")
    query = _query_expression(call, "python")
    if isinstance(query, NoRewrite):
        return query
    arg, expr, _ = query
    built = read_built(expr, "python")
    note: str | None = None
    if method == "text":
        style = NAMED
    elif method == "raw":
        style = FORMAT
    else:
        detected, note = python_style(t.code)
        if detected is None:
            return NoRewrite("the file imports database drivers with different placeholder styles")
        style = detected
    if not built.dynamic:
        return NoRewrite("the query has no interpolated value to bind")
    result = parameterize(built, style, "python")
    edits = [Edit.replace(expr, write_string(result.sql, "python", built.quote))]
    args = arguments(call)
    if method == "text":
        bound = ", ".join(f"{n}={v}" for n, v in zip(result.names, result.values, strict=True))
        edits.append(Edit.insert(call.range().end.index, f".bindparams({bound})"))
    elif len(args) > 1:
        return NoRewrite(
            "the call already passes parameters; merge the interpolated values into them by hand"
        )
    elif style == NUMERIC:
        edits.append(insert_argument_after(arg, ", ".join(result.values)))
    elif style == NAMED:
        pairs = ", ".join(f'"{n}": {v}' for n, v in zip(result.names, result.values, strict=True))
        edits.append(insert_argument_after(arg, "{" + pairs + "}"))
    else:
        edits.append(insert_argument_after(arg, _py_tuple(result.values)))
    placeholder = {QMARK: "`?`", FORMAT: "`%s`", NUMERIC: "`$n`", NAMED: "named"}[style]
    explanation = (
        f"The SQL text is now constant with {placeholder} placeholders and the values "
        f"({', '.join(result.values)}) are passed as bound parameters, so the driver never mixes them into "
        "the query."
    )
    return Rewrite(tuple(edits), explanation, (note,) if note else ())


# --------------------------------------------------------------------------- JavaScript

_JS_DRIVERS = {
    "pg": NUMERIC,
    "pg-promise": NUMERIC,
    "mysql": QMARK,
    "mysql2": QMARK,
    "mysql2/promise": QMARK,
    "sqlite3": QMARK,
    "sqlite": QMARK,
    "better-sqlite3": QMARK,
    "sequelize": QMARK,
    "knex": QMARK,
}


@register("parameterize_sql", "javascript")
def javascript_sql(t: Target) -> Rewrite | NoRewrite:
    found = call_with_callee(t.node, t.language)
    if found is None:
        return NoRewrite("the query call could not be read")
    call, func = found
    method = func.text().rsplit(".", 1)[-1]
    receiver = func.text().rsplit(".", 1)[0]
    if method in ("exec", "prepare") or method.startswith("$"):
        return NoRewrite(f"`{method}` does not take bound values in the same call; bind them where it runs")
    modules = js_required_modules(t.root)
    styles = {_JS_DRIVERS[m] for m in modules if m in _JS_DRIVERS}
    note = None
    if len(styles) > 1:
        return NoRewrite("the file uses database drivers with different placeholder styles")
    if styles:
        style = styles.pop()
    elif re.search(r"(?i)(pg|postgres)", receiver):
        style, note = NUMERIC, "No driver import was found; `$1` placeholders (node-postgres) were assumed."
    else:
        style = QMARK
        note = (
            "No driver import was found; `?` placeholders (mysql, sqlite3) were used; "
            "use `$1` for node-postgres."
        )
    query = _query_expression(call, t.language)
    if isinstance(query, NoRewrite):
        return query
    arg, expr, _ = query
    built = read_built(expr, t.language)
    if not built.dynamic:
        return NoRewrite("the query has no interpolated value to bind")
    result = parameterize(built, style, t.language)
    args = arguments(call)
    values = "[" + ", ".join(result.values) + "]"
    sequelize = "sequelize" in modules or re.search(r"(?i)sequelize", receiver)
    if sequelize:
        values = "{ replacements: " + values + " }"
    if len(args) > 1 and (sequelize or args[1].kind() in ("array", "object")):
        return NoRewrite(
            "the call already passes parameters; merge the interpolated values into them by hand"
        )
    edits = (
        Edit.replace(expr, write_string(result.sql, t.language, built.quote)),
        insert_argument_after(arg, values),
    )
    explanation = (
        f"The SQL text is now constant with {'`$n`' if style == NUMERIC else '`?`'} placeholders "
        "and the values "
        f"({', '.join(result.values)}) are passed separately, so the driver binds them instead of "
        "splicing them "
        "into the query."
    )
    return Rewrite(edits, explanation, (note,) if note else ())
