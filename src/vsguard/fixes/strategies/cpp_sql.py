"""C++ SQL built with `+` and run by libpqxx: the text becomes constant with `$n` placeholders and
the values are passed to `exec_params`, which sends them apart from the SQL."""

from __future__ import annotations

import re

from ast_grep_py import SgNode

from vsguard.fixes.edits import Edit
from vsguard.fixes.registry import NoRewrite, Rewrite, Target, register
from vsguard.fixes.strategies._common import arguments, enclosing
from vsguard.fixes.strategies._literals import decode, escape_double
from vsguard.fixes.strategies.cpp_web import CPP, leaves
from vsguard.fixes.strings import Built, Expr, Lit, Part, Unsupported, merge

_CONSTANT = re.compile(r"^([A-Z][A-Z0-9_]*|k[A-Z]\w*)$")
_PARAMS = {"exec": "exec_params", "exec0": "exec_params0", "exec1": "exec_params1"}


def _parts(node: SgNode) -> list[Part]:
    parts: list[Part] = []
    for leaf in leaves(node):
        if leaf.kind() == "string_literal" and leaf.text().startswith('"'):
            parts.append(Lit(decode(leaf.text()[1:-1])))
        elif leaf.kind() in ("string_literal", "raw_string_literal", "concatenated_string"):
            raise Unsupported("prefixed, raw and adjacent string literals are left alone")
        else:
            parts.append(Expr(leaf.text(), bool(_CONSTANT.match(leaf.text()))))
    if not parts or not isinstance(parts[0], Lit):
        raise Unsupported("the SQL does not start with a string literal")
    return parts


def _pqxx_transaction(receiver: SgNode) -> bool:
    """`receiver` is declared in the function (or as a parameter) with a libpqxx transaction type."""
    function = enclosing(receiver, "function_definition", "lambda_expression")
    if function is None or receiver.kind() != "identifier":
        return False
    for decl in (*function.find_all(kind="parameter_declaration"), *function.find_all(kind="declaration")):
        kind = decl.field("type")
        names = {i.text() for i in decl.find_all(kind="identifier")}
        if (
            kind is not None
            and receiver.text() in names
            and re.match(r"^pqxx::\w*(work|transaction)\b", kind.text())
        ):
            return True
    return False


@register("parameterize_sql", CPP)
def cpp_sql(t: Target) -> Rewrite | NoRewrite:
    from vsguard.fixes.strategies.sql import NUMERIC, parameterize

    func = t.node.field("function") if t.node.kind() == "call_expression" else None
    method = func.field("field") if func is not None and func.kind() == "field_expression" else None
    receiver = func.field("argument") if func is not None else None
    args = arguments(t.node)
    if method is None or receiver is None or method.text() not in _PARAMS or len(args) != 1:
        return NoRewrite("only libpqxx's exec/exec0/exec1 with the SQL as their one argument are rewritten")
    if not _pqxx_transaction(receiver):
        return NoRewrite(f"`{receiver.text()}` is not a libpqxx transaction declared here")
    query = args[0]
    if query.kind() != "binary_expression":
        return NoRewrite("the SQL is built elsewhere; build it here or bind its values where it is built")
    result = parameterize(Built(merge(_parts(query)), '"'), NUMERIC, t.language)
    if not result.values:
        return NoRewrite("the SQL has no value to bind")
    sql = "".join(p.text if isinstance(p, Lit) else "" for p in result.sql)
    if any(isinstance(p, Expr) for p in result.sql):
        return NoRewrite("constants joined into the SQL text would have to stay; bind them by hand")
    return Rewrite(
        (
            Edit.replace(method, _PARAMS[method.text()]),
            Edit.replace(query, ", ".join([f'"{escape_double(sql)}"', *result.values])),
        ),
        f"The SQL text is now constant with $n placeholders and the values ({', '.join(result.values)}) are "
        "passed to exec_params, so quotes in them cannot change the query.",
    )
