"""C and C++ temp files: `mktemp(t)` followed by `fopen(t, "w")` becomes one atomic
`fdopen(mkstemp(t), "w")`, so no other user can create the file between naming and opening it."""

from __future__ import annotations

import re

from ast_grep_py import SgNode

from vsguard.fixes.edits import Edit, indentation_at, statement_removal
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
    header = "cstdlib" if t.language == "cpp" else "stdlib.h"
    return Rewrite(
        (
            statement_removal(t.code, statement),
            Edit.replace(callee, "fdopen"),
            Edit.replace(call_args[0], f"mkstemp({name})"),
            *include_edit(t, header),
        ),
        f"The file is now created and opened in one step with mkstemp (O_CREAT | O_EXCL), so another user "
        f"cannot create `{name}` or a link with its name first; a failure still makes fopen's result NULL.",
        ("mkstemp creates the file with mode 0600, readable only by its owner.",),
    )


# --------------------------------------------------------------------------- paths from input

_POINTER_RESULT = re.compile(r"^(std::)?(fopen|freopen|opendir)$")
_SIDE_EFFECT_FREE = re.compile(r"^[A-Za-z_]\w*$")
_WRITERS = re.compile(r"^(std::)?(sprintf|snprintf|strcpy|strncpy|strcat|strncat|strlcpy|strlcat|memcpy)$")
_PATH_ARGUMENT = {"openat": 1, "unlinkat": 1, "fstatat": 1}


def _behind_folder(function: SgNode, path: SgNode) -> bool:
    """`path` is a local array the function first fills with a fixed folder (a literal or an
    upper-case constant, or a format starting with one) before the received text."""
    if path.kind() != "identifier" or array_size(path, path.text()) is None:
        return False
    fixed = re.compile(r'^("|[A-Z][A-Z0-9_]*\b)')
    for call in function.find_all(kind="call_expression"):
        callee, args = call.field("function"), arguments(call)
        if callee is None or not _WRITERS.match(callee.text()) or not args or args[0].text() != path.text():
            continue
        name = callee.text().removeprefix("std::")
        fmt_at = {"sprintf": 1, "snprintf": 2}.get(name)
        if fmt_at is None:
            return len(args) > 1 and fixed.match(args[1].text()) is not None and name.endswith("cpy")
        fmt = args[fmt_at].text() if len(args) > fmt_at else ""
        if re.match(r'^"/', fmt):
            return True
        return (
            re.match(r'^"%s/', fmt) is not None
            and len(args) > fmt_at + 1
            and fixed.match(args[fmt_at + 1].text()) is not None
        )
    return False


def _guard(t: Target, condition: str) -> Edit:
    """`if (condition) call;` for a statement, else `(condition ? call : failure)`."""
    call, statement = t.node, t.node.parent()
    callee = call.field("function")
    if statement is not None and statement.kind() == "expression_statement":
        indent = indentation_at(t.code, statement.range().start.index)
        return Edit.replace(statement, f"if ({condition})\n{indent}    {statement.text()}")
    fail = "NULL" if callee is not None and _POINTER_RESULT.match(callee.text()) else "-1"
    return Edit.replace(call, f"({condition} ? {call.text()} : {fail})")


def _string_header(t: Target) -> tuple[Edit, ...]:
    return include_edit(t, "cstring" if t.language == "cpp" else "string.h")


@register("refuse_dot_dot", *C)
def c_refuse_dot_dot(t: Target) -> Rewrite | NoRewrite:
    callee = t.node.field("function")
    args = arguments(t.node)
    function = enclosing(t.node, "function_definition")
    index = _PATH_ARGUMENT.get(callee.text().removeprefix("std::") if callee is not None else "", 0)
    if function is None or len(args) <= index:
        return NoRewrite("the path argument could not be read")
    path = args[index]
    p = path.text()
    if not _SIDE_EFFECT_FREE.match(p):
        return NoRewrite("the path is computed in the call; store it in a variable and check it")
    if not _behind_folder(function, path):
        return NoRewrite(
            "the path is the received text itself (or built without a fixed folder first), so a check "
            "cannot tell a legitimate absolute path from an attack; resolve it with realpath and compare"
        )
    condition = f'strstr({p}, "..") == NULL'
    return Rewrite(
        (_guard(t, condition), *_string_header(t)),
        "The file call now only runs when the path holds no `..`, so the request can no longer reach "
        "files outside the folder; other names are used as before.",
        ("A refused name fails like a missing file; answer 404 there if needed.",),
    )


@register("refuse_path_name", *C)
def c_refuse_upload_name(t: Target) -> Rewrite | NoRewrite:
    callee = t.node.field("function")
    function = enclosing(t.node, "function_definition")
    params = function.find(kind="parameter_list") if function is not None else None
    names = [p.find(kind="identifier") for p in params.named_children()] if params is not None else []
    name = names[3] if len(names) > 3 and names[3] is not None else None
    if name is None or callee is None:
        return NoRewrite("the upload iterator's filename parameter could not be read")
    statement = t.node.parent()
    name_text = name.text()
    condition = f'strpbrk({name_text}, "/\\\\") == NULL && strstr({name_text}, "..") == NULL'
    if _WRITERS.match(callee.text()) or callee.text().endswith("printf"):
        dst = arguments(t.node)[0] if arguments(t.node) else None
        if statement is None or statement.kind() != "expression_statement" or dst is None:
            return NoRewrite("the path is built inside a larger expression")
        if dst.kind() != "identifier" or array_size(dst, dst.text()) is None:
            return NoRewrite("the path buffer is not a local array")
        indent = indentation_at(t.code, statement.range().start.index)
        guarded = f"if ({condition})\n{indent}    {statement.text()}\n"
        edit = Edit.replace(statement, f"{guarded}{indent}else\n{indent}    {dst.text()}[0] = '\\0';")
    else:
        edit = _guard(t, condition)
    return Rewrite(
        (edit, *_string_header(t)),
        f"The client's file name `{name_text}` is only used when it has no `/`, `\\` or `..`, so it can no "
        "longer point outside the upload folder; a refused name leaves an empty path, which fails to open.",
        ("Prefer a generated name (mkstemp in the upload folder) and keep the client's name as data.",),
    )
