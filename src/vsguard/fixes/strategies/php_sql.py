"""PHP SQL rewrites: values bound with `?` placeholders through PDO prepare/execute, mysqli's
execute_query, or Laravel's bindings array, instead of concatenated into the SQL text."""

from __future__ import annotations

import re

from ast_grep_py import SgNode

from vsguard.fixes.edits import Edit
from vsguard.fixes.registry import NoRewrite, Rewrite, Target, register
from vsguard.fixes.strategies._common import enclosing
from vsguard.fixes.strategies._literals import decode, text_has
from vsguard.fixes.strings import Built, Expr, Lit, Part, Unsupported, merge

PHP = "php"
_LARAVEL_RAW = ("whereRaw", "orWhereRaw", "havingRaw", "orHavingRaw", "orderByRaw", "selectRaw", "fromRaw")
_LARAVEL_DB = ("select", "insert", "update", "delete", "statement")
_SCOPES = ("function_definition", "method_declaration", "anonymous_function", "arrow_function", "program")


# --------------------------------------------------------------------------- reading and writing


def _interpolated(node: SgNode) -> list[Part]:
    parts: list[Part] = []
    children = node.children()[1:-1]
    braced = False
    for child in children:
        kind = child.kind()
        if kind == "string_content":
            parts.append(Lit(child.text()))
        elif kind == "escape_sequence":
            parts.append(Lit(decode(child.text(), "$")))
        elif child.text() in ("{", "}"):
            braced = child.text() == "{"
        elif kind == "variable_name" or (kind == "member_access_expression" and not braced) or braced:
            parts.append(Expr(child.text(), False))
        else:
            raise Unsupported("an array element is interpolated without braces; write it as {$a['key']}")
    return parts


def php_parts(node: SgNode) -> list[Part]:
    kind = node.kind()
    if kind == "string":
        raw = node.text()
        if not raw.startswith("'"):
            raise Unsupported("unreadable string literal")
        return [Lit(re.sub(r"\\([\\'])", r"\1", raw[1:-1]))]
    if kind == "encapsed_string":
        if not node.text().startswith('"'):
            raise Unsupported("unreadable string literal")
        return _interpolated(node)
    if kind == "parenthesized_expression" and len(node.named_children()) == 1:
        return php_parts(node.named_children()[0])
    if kind == "binary_expression":
        op = node.field("operator")
        left, right = node.field("left"), node.field("right")
        if op is not None and op.text() == "." and left is not None and right is not None:
            return php_parts(left) + php_parts(right)
    return [Expr(node.text(), False)]


def php_built(node: SgNode) -> Built:
    parts = php_parts(node)
    if not any(isinstance(p, Lit) for p in parts):
        raise Unsupported("no string literal in the expression")
    return Built(merge(parts), _first_quote(node))


def _first_quote(node: SgNode) -> str:
    """The quote of the leftmost literal in a concatenation (the one a reader sees first)."""
    while node.kind() in ("binary_expression", "parenthesized_expression"):
        first = node.field("left") if node.kind() == "binary_expression" else node.named_children()[0]
        if first is None:
            break
        node = first
    return "'" if node.kind() == "string" else '"'


def write_php(parts: tuple[Part, ...] | list[Part], quote: str) -> str:
    """A PHP literal in the given quote style, joined with `.` to any expressions that remain."""
    pieces = []
    for p in parts:
        if isinstance(p, Expr):
            pieces.append(p.source)
        elif quote == "'":
            pieces.append("'" + p.text.replace("\\", "\\\\").replace("'", "\\'") + "'")
        else:
            text = p.text.replace("\\", "\\\\").replace('"', '\\"').replace("$", "\\$")
            pieces.append('"' + text.replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r") + '"')
    return " . ".join(pieces) if pieces else "''"


# --------------------------------------------------------------------------- the SQL text


def _arguments(call: SgNode) -> list[SgNode]:
    arglist = call.field("arguments")
    args = [a for a in arglist.named_children() if a.kind() == "argument"] if arglist is not None else []
    return [a.named_children()[-1] if a.named_children() else a for a in args]


def _single_assignment(t: Target, variable: SgNode) -> SgNode | None:
    """The one plain assignment of `$sql` in the function, when the query call is its only reader."""
    scope = enclosing(t.node, *_SCOPES)
    if scope is None:
        return None
    name = variable.text()
    uses = [v for v in scope.find_all(kind="variable_name") if v.text() == name]
    assigns = [
        a
        for kind in (
            "assignment_expression",
            "augmented_assignment_expression",
            "reference_assignment_expression",
        )
        for a in scope.find_all(kind=kind)
        if (a.field("left") or a).text() == name
    ]
    if len(assigns) != 1 or assigns[0].kind() != "assignment_expression" or len(uses) != 2:
        return None
    assign = assigns[0]
    if assign.range().end.index > t.node.range().start.index or enclosing(assign, *_SCOPES) != scope:
        return None
    return assign.field("right")


def _statement_after(t: Target, text: str) -> Edit | None:
    """Insert `text` as a statement of its own after the statement holding the finding."""
    statement = enclosing(t.node, "expression_statement")
    if statement is None:
        return None
    start = t.code.rfind("\n", 0, statement.range().start.index) + 1
    indent = t.code[start : statement.range().start.index]
    if indent.strip():
        return None
    return Edit.insert(statement.range().end.index, f"\n{indent}{text}")


def _driver(t: Target, receiver: str) -> str | None:
    pdo = re.search(r"new\s+\\?PDO\s*\(", t.code) or re.search(r"(?i)(pdo|dbh)$", receiver)
    mysqli = re.search(r"new\s+\\?mysqli\s*\(|\bmysqli_connect\s*\(", t.code) or re.search(
        r"(?i)mysqli$", receiver
    )
    if pdo and not mysqli:
        return "pdo"
    if mysqli and not pdo:
        return "mysqli"
    return None


@register("parameterize_sql", PHP)
def php_sql(t: Target) -> Rewrite | NoRewrite:
    from vsguard.fixes.strategies.sql import QMARK, parameterize

    call = t.node
    kind = call.kind()
    name_node = call.field("name") if kind != "function_call_expression" else call.field("function")
    if name_node is None:
        return NoRewrite("the query call could not be read")
    name = name_node.text()
    args = _arguments(call)
    holder = call.field("object") or call.field("scope")
    receiver = holder.text() if holder is not None else ""
    if kind == "function_call_expression" and name == "mysqli_query" and len(args) == 2:
        query, form = args[1], "mysqli_function"
    elif (
        kind == "scoped_call_expression" and receiver == "DB" and name in _LARAVEL_DB and len(args) == 1
    ) or (kind == "member_call_expression" and name in _LARAVEL_RAW and len(args) == 1):
        query, form = args[0], "laravel"
    elif kind == "member_call_expression" and name == "query" and len(args) == 1:
        driver = _driver(t, receiver)
        if driver is None:
            return NoRewrite("whether this is PDO or mysqli could not be told from the code")
        query, form = args[0], driver
    else:
        return NoRewrite(f"`{name}` takes no bound values in the same call, or already has more arguments")
    source = query
    assignment = None
    if query.kind() == "variable_name":
        assignment = _single_assignment(t, query)
        if assignment is None:
            return NoRewrite(f"`{query.text()}` is assigned more than once or used elsewhere")
        source = assignment
    built = php_built(source)
    if not built.dynamic:
        return NoRewrite("the query has no interpolated value to bind")
    if text_has(built, r"\?"):
        return NoRewrite("the SQL text already has `?` markers")

    def value_of(parts: list[Part]) -> str:
        return write_php(parts, "'")

    result = parameterize(built, QMARK, PHP, value_of)
    sql_text = "".join(p.text if isinstance(p, Lit) else "x" for p in result.sql)
    if form != "laravel" and re.search(r"(?i)\b(limit|offset)\s*\?", sql_text):
        return NoRewrite("PDO and mysqli bind these values as strings, which LIMIT and OFFSET do not accept")
    values = "[" + ", ".join(result.values) + "]"
    edits = [Edit.replace(source, write_php(result.sql, built.quote))]
    if form == "pdo":
        target = call.parent()
        assigned = target is not None and target.kind() == "assignment_expression"
        statement = target.parent() if target is not None and assigned else None
        variable = target.field("left") if target is not None and assigned else None
        if statement is None or statement.kind() != "expression_statement":  # `$x = ...;` on its own only
            variable = None
        after = (
            _statement_after(t, f"{variable.text()}->execute({values});") if variable is not None else None
        )
        if variable is None or after is None or variable.kind() != "variable_name":
            return NoRewrite(
                "the PDO query result is not stored in a variable, so execute() has nowhere to go"
            )
        edits += [Edit.replace(name_node, "prepare"), after]
        how = "bound by PDO (prepare, then execute with the values)"
    elif form == "mysqli_function":
        edits += [
            Edit.replace(name_node, "mysqli_execute_query"),
            Edit.insert(query.range().end.index, ", " + values),
        ]
        how = "bound by mysqli_execute_query"
    elif form == "mysqli":
        edits += [
            Edit.replace(name_node, "execute_query"),
            Edit.insert(query.range().end.index, ", " + values),
        ]
        how = "bound by mysqli's execute_query"
    else:
        edits.append(Edit.insert(query.range().end.index, ", " + values))
        how = "passed as Laravel's bindings"
    notes = ("mysqli execute_query needs PHP 8.2 or later.",) if form.startswith("mysqli") else ()
    return Rewrite(
        tuple(edits),
        f"The SQL text is now constant with `?` placeholders and the values ({', '.join(result.values)}) are "
        f"{how}, so quotes in them cannot change the query.",
        notes,
    )
