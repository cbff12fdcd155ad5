"""C and C++ temp files: `mktemp(t)` followed by `fopen(t, "w")` becomes one atomic
`fdopen(mkstemp(t), "w")`, so no other user can create the file between naming and opening it."""

from __future__ import annotations

import re

from vsguard.fixes.edits import Edit, statement_removal
from vsguard.fixes.registry import NoRewrite, Rewrite, Target, register
from vsguard.fixes.strategies._common import arguments, enclosing
from vsguard.fixes.strategies.c_family import C, array_size, include_edit


@register("mkstemp_open", *C)
def c_mkstemp(t: Target) -> Rewrite | NoRewrite:
    func = t.node.field("function")
    args = arguments(t.node)
    statement = t.node.parent()
    function = enclosing(t.node, "function_definition")
    if func is None or func.text().removeprefix("std::") != "mktemp" or len(args) != 1 or function is None:
        return NoRewrite("only mktemp has an atomic twin (mkstemp); tmpnam/tempnam names need a new template")
    if statement is None or statement.kind() != "expression_statement":
        return NoRewrite("mktemp's result is used; open the file with mkstemp where it is created")
    name = args[0].text()
    if args[0].kind() != "identifier" or array_size(t.node, name) is None:
        return NoRewrite("the template is not a local array")
    after = t.node.range().end.index
    uses = [
        i for i in function.find_all(kind="identifier") if i.text() == name and i.range().start.index > after
    ]
    call = enclosing(uses[0], "call_expression") if uses else None
    callee = call.field("function") if call is not None else None
    call_args = arguments(call) if call is not None else []
    if (
        call is None
        or callee is None
        or callee.text().removeprefix("std::") != "fopen"
        or len(call_args) != 2
        or call_args[0] != uses[0]
        or not re.fullmatch(r'"[wa]b?\+?b?"', call_args[1].text())
    ):
        return NoRewrite("the name is not opened for writing with fopen next; use mkstemp's descriptor")
    prefix = "std::" if t.language == "cpp" else ""
    header = "cstdlib" if t.language == "cpp" else "stdlib.h"
    return Rewrite(
        (
            statement_removal(t.code, statement),
            Edit.replace(callee, "fdopen"),
            Edit.replace(call_args[0], f"{prefix}mkstemp({name})"),
            *include_edit(t, header),
        ),
        f"The file is now created and opened in one step with mkstemp (O_CREAT | O_EXCL), so another user "
        f"cannot create `{name}` or a link with its name first; a failure still makes fopen's result NULL.",
        ("mkstemp creates the file with mode 0600, readable only by its owner.",),
    )
