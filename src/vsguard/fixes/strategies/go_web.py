"""Go request-value rewrites: file names reduced with filepath.Base, redirects kept on this site,
log values quoted, and LDAP filter values escaped."""

from __future__ import annotations

import re

from ast_grep_py import SgNode

from vsguard.fixes.edits import Edit
from vsguard.fixes.registry import NoRewrite, Rewrite, Target, register
from vsguard.fixes.strategies._go import (
    FUNCTIONS,
    call_args,
    callee,
    go_import,
    imports,
    sink_value,
    string_parameters,
    string_request_values,
)
from vsguard.fixes.strategies.flow import BASENAME_NOTE, basename_explanation
from vsguard.fixes.strategies.web_flow import LOCAL_PATH_NOTE, REDIRECT_REVIEW

GO = "go"
_JOIN = re.compile(r"^(filepath|path)\.Join$")


def _inside(node: SgNode, outer: SgNode) -> bool:
    a, b = node.range(), outer.range()
    return b.start.index <= a.start.index and a.end.index <= b.end.index


def _uses_own_name(t: Target, path: str, name: str) -> NoRewrite | None:
    used = imports(t.root).get(path)
    if used is not None and used != name:
        return NoRewrite(f"{path} is imported as `{used}`; call its function by that name")
    return None


def _upload_names(value: SgNode) -> list[SgNode]:
    """`header.Filename` selectors in `value`, and local names bound to one in the function."""
    func = next((a for a in value.ancestors() if a.kind() in FUNCTIONS), None)
    bound: set[str] = set()
    for decl in func.find_all(kind="short_var_declaration") if func is not None else []:
        left, right = decl.field("left"), decl.field("right")
        if left is not None and right is not None and re.search(r"\.Filename$", right.text()):
            bound.update(i.text() for i in left.named_children() if i.kind() == "identifier")
    found = [s for s in value.find_all(kind="selector_expression") if s.text().endswith(".Filename")]
    if value.kind() == "selector_expression" and value.text().endswith(".Filename"):
        found = [value]
    names = [value, *value.find_all(kind="identifier")]
    found += [i for i in names if i.kind() == "identifier" and i.text() in bound]
    return sorted(found, key=lambda n: n.range().start.index)


def _after_folder(call: SgNode, value: SgNode, use: SgNode) -> bool:
    """Whether a fixed folder comes before `use`: a later Join argument, or a literal with `/`."""
    args = call_args(call)
    if _JOIN.match(callee(call)) and args and not _inside(use, args[0]):
        return True
    if value.kind() == "call_expression" and _JOIN.match(callee(value)):
        inner = call_args(value)
        return bool(inner) and not _inside(use, inner[0])
    head = value.text()[: use.range().start.index - value.range().start.index]
    return re.search(r'"[^"]*/[^"]*"\s*\+\s*$', head) is not None


@register("path_basename", GO)
def go_path_basename(t: Target) -> Rewrite | NoRewrite:
    value = sink_value(t.node, "P")
    if value is None:
        return NoRewrite("the path argument could not be read")
    upload = t.rule.id == "go-upload-filename-path"
    uses = _upload_names(value) if upload else string_request_values(value)
    if not uses:
        return NoRewrite("the request value could not be located in the path")
    if not all(_after_folder(t.node, value, u) for u in uses):
        return NoRewrite("the whole path comes from the request; join a bare name to a fixed folder instead")
    refused = _uses_own_name(t, "path/filepath", "filepath")
    if refused is not None:
        return refused
    edits = [Edit.replace(u, f"filepath.Base({u.text()})") for u in uses]
    shown = ", ".join(f"`{u.text()}`" for u in uses)
    return Rewrite(
        (*edits, *go_import(t, "path/filepath")),
        basename_explanation("filepath.Base").format(values=shown),
        (BASENAME_NOTE,),
    )


# The characters a browser skips or reads as a slash at the start of a location.
_LEADING = '"/\\\\ \\t\\r\\n"'


@register("local_redirect", GO)
def go_local_redirect(t: Target) -> Rewrite | NoRewrite:
    target = sink_value(t.node, "U")
    if target is None:
        return NoRewrite("the redirect target could not be read")
    if re.match(r'^(fmt\.Sprintf\()?"(\w+:|//)', target.text()):
        return NoRewrite("the target is meant for another site; check its host against an allow-list")
    refused = _uses_own_name(t, "strings", "strings")
    if refused is not None:
        return refused
    new = f'"/"+strings.TrimLeft({target.text()}, {_LEADING})'
    return Rewrite(
        (Edit.replace(target, new), *go_import(t, "strings")),
        f"The redirect target `{target.text()}` is now always a path on this site: leading slashes, "
        "backslashes and blanks are dropped and one `/` is put in front, so `//host`, `/\\host` and "
        "`https://host` stay on this site while `/account?tab=2` is unchanged.",
        (LOCAL_PATH_NOTE,),
        review=REDIRECT_REVIEW,
    )


_VERB = re.compile(r"%[-+# 0]*(\d+|\*)?(\.(\d+|\*))?(\[|[a-zA-Z%])")


def _verbs(fmt: SgNode) -> list[str] | None:
    """The verbs of a literal format, one per argument; None for forms not read here."""
    if fmt.kind() != "interpreted_string_literal":
        return None
    verbs = [m.group(4) for m in _VERB.finditer(fmt.text()) if m.group(4) != "%"]
    if "[" in verbs or "*" in fmt.text():
        return None
    return verbs


@register("escape_log", GO)
def go_escape_log(t: Target) -> Rewrite | NoRewrite:
    call = t.node
    args = call_args(call)
    printf = callee(call).endswith("f")
    values = args[1:] if printf else args
    if printf:
        verbs = _verbs(args[0]) if args else None
        if verbs is None or len(verbs) != len(values):
            return NoRewrite("the log format could not be matched to its arguments")
        if any(v not in "sv" and string_request_values(a) for v, a in zip(verbs, values, strict=True)):
            return NoRewrite("a request value is logged with a verb other than %s or %v; quote it by hand")
    uses = [u for v in values for u in string_request_values(v)]
    if not uses:
        return NoRewrite("the logged request value could not be located or is not a plain string")
    refused = _uses_own_name(t, "strconv", "strconv")
    if refused is not None:
        return refused
    shown = ", ".join(f"`{u.text()}`" for u in uses)
    return Rewrite(
        (*(Edit.replace(u, f"strconv.Quote({u.text()})") for u in uses), *go_import(t, "strconv")),
        f"{shown} is logged through strconv.Quote, which writes it in double quotes with CR, LF and other "
        "control characters escaped, so it cannot start a forged log line.",
    )


def _filter_values(t: Target, value: SgNode) -> list[SgNode] | NoRewrite:
    """The string operands of a filter built with `+` or fmt.Sprintf("%s"), when each is a string
    parameter or request value (a constant operand may be filter syntax, which must stay)."""
    known = string_parameters(value)
    if value.kind() == "call_expression" and callee(value) == "fmt.Sprintf":
        args = call_args(value)
        verbs = _verbs(args[0]) if args else None
        if verbs is None or len(verbs) != len(args) - 1:
            return NoRewrite("the filter's format could not be matched to its arguments")
        operands = [a for v, a in zip(verbs, args[1:], strict=True) if v in "sv"]
    elif value.kind() == "binary_expression":
        operands, stack = [], [value]
        while stack:
            node = stack.pop()
            op = node.field("operator")
            if node.kind() == "binary_expression" and op is not None and op.text() == "+":
                stack += [c for c in (node.field("right"), node.field("left")) if c is not None]
            elif node.kind() not in ("interpreted_string_literal", "raw_string_literal"):
                operands.append(node)
    else:
        return NoRewrite("the filter is built elsewhere; escape each value where it is put in")
    wanted = [o for o in operands if "EscapeFilter(" not in o.text()]
    requested = {
        u.range().start.index for o in wanted for u in string_request_values(o) if u.range() == o.range()
    }
    unknown = [o for o in wanted if o.text() not in known and o.range().start.index not in requested]
    if unknown:
        return NoRewrite(
            f"`{unknown[0].text()}` may hold filter syntax rather than a value; escape the values by hand"
        )
    return wanted


@register("escape_ldap_filter", GO)
def go_escape_ldap_filter(t: Target) -> Rewrite | NoRewrite:
    value = sink_value(t.node, "F")
    if value is None:
        return NoRewrite("the filter could not be read")
    values = _filter_values(t, value)
    if isinstance(values, NoRewrite):
        return values
    if not values:
        return NoRewrite("no value in the filter could be located")
    package = next((name for path, name in imports(t.root).items() if "ldap" in path), "ldap")
    shown = ", ".join(f"`{v.text()}`" for v in values)
    return Rewrite(
        tuple(Edit.replace(v, f"{package}.EscapeFilter({v.text()})") for v in values),
        f"{shown} is escaped with {package}.EscapeFilter, so `*`, `(`, `)`, `\\` and NUL in it are matched "
        "as text and cannot change the filter.",
    )
