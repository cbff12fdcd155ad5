"""Go syntax helpers shared by the Go rewrites: imports, call arguments and request values."""

from __future__ import annotations

import re

from ast_grep_py import SgNode

from vsguard.fixes.edits import Edit
from vsguard.fixes.registry import Target
from vsguard.fixes.strategies._common import enclosing

FUNCTIONS = ("function_declaration", "method_declaration", "func_literal")

# Request accessors that return one string (net/http, gin, echo, chi, gorilla/mux).
_STRING_SOURCE = re.compile(
    r"^(r|req|request|httpReq)\.(FormValue|PostFormValue|PathValue|Referer|UserAgent)\(|"
    r"^(r|req|request|httpReq)\.(URL\.Query\(\)|Header|Form|PostForm)\.Get\(|"
    r"^(c|ctx|gc|ec|fc)\.(Query|DefaultQuery|Param|PostForm|DefaultPostForm|GetHeader|QueryParam|FormValue)\(|"
    r"^chi\.URLParam\(|^mux\.Vars\(\w+\)\["
)


def call_args(call: SgNode) -> list[SgNode]:
    arglist = call.field("arguments")
    return [] if arglist is None else [a for a in arglist.named_children() if a.kind() != "comment"]


def callee(call: SgNode) -> str:
    func = call.field("function")
    return func.text() if func is not None else ""


def imports(root: SgNode) -> dict[str, str]:
    """Import path -> the name it is used under (its own last element unless aliased)."""
    found: dict[str, str] = {}
    for spec in root.find_all(kind="import_spec"):
        path, name = spec.field("path"), spec.field("name")
        if path is None:
            continue
        value = path.text().strip('"`')
        found[value] = name.text() if name is not None else package_name(value)
    return found


def package_name(path: str) -> str:
    """The name a package is used under by default: `.../ldap/v3` and `gopkg.in/ldap.v3` give ldap."""
    parts = path.split("/")
    last = parts[-2] if len(parts) > 1 and re.fullmatch(r"v\d+", parts[-1]) else parts[-1]
    return re.sub(r"\.v\d+$", "", last)


def string_parameters(node: SgNode) -> set[str]:
    """Names of the enclosing function's parameters declared as `string`."""
    func = enclosing(node, *FUNCTIONS)
    params = func.field("parameters") if func is not None else None
    names: set[str] = set()
    for decl in params.find_all(kind="parameter_declaration") if params is not None else []:
        kind = decl.field("type")
        if kind is not None and kind.text() == "string":
            names.update(i.text() for i in decl.children() if i.kind() == "identifier")
    return names


def go_import(t: Target, path: str) -> tuple[Edit, ...]:
    """The edit that imports `path` (none when it is already imported unaliased).

    A standard-library path goes into the first import group, before the first standard path that
    sorts after it (gofmt's grouping); otherwise a new `import` line follows the existing ones."""
    if imports(t.root).get(path) == package_name(path):
        return ()
    declarations = [n for n in t.root.children() if n.kind() == "import_declaration"]
    for decl in declarations:
        group = next((c for c in decl.children() if c.kind() == "import_spec_list"), None)
        specs = [s for s in group.children() if s.kind() == "import_spec"] if group is not None else []
        standard = [s for s in specs if "." not in (s.text().split("/")[0])]
        if not standard:
            continue
        later = next((s for s in standard if _spec_path(s) > path), None)
        anchor = later or standard[-1]
        indent = t.code[t.code.rfind("\n", 0, anchor.range().start.index) + 1 : anchor.range().start.index]
        if later is not None:
            return (Edit.insert(anchor.range().start.index, f'"{path}"\n{indent}'),)
        return (Edit.insert(anchor.range().end.index, f'\n{indent}"{path}"'),)
    if declarations:
        return (Edit.insert(declarations[-1].range().end.index, f'\nimport "{path}"'),)
    package = next((n for n in t.root.children() if n.kind() == "package_clause"), None)
    at = package.range().end.index if package is not None else 0
    return (Edit.insert(at, f'\n\nimport "{path}"'),)


def _spec_path(spec: SgNode) -> str:
    path = spec.field("path")
    return path.text().strip('"`') if path is not None else ""


def is_string_source(node: SgNode) -> bool:
    """A request accessor known to return a single string."""
    return node.kind() in ("call_expression", "index_expression") and bool(_STRING_SOURCE.match(node.text()))


def string_request_names(node: SgNode) -> set[str]:
    """Local names in the enclosing function bound once, straight to a string request value."""
    func = enclosing(node, *FUNCTIONS)
    if func is None:
        return set()
    counts: dict[str, int] = {}
    direct: set[str] = set()
    for kind in ("short_var_declaration", "assignment_statement"):
        for decl in func.find_all(kind=kind):
            left, right = decl.field("left"), decl.field("right")
            if left is None or right is None:
                continue
            names = [n for n in left.named_children() if n.kind() == "identifier"]
            values = right.named_children()
            for i, name in enumerate(names):
                counts[name.text()] = counts.get(name.text(), 0) + 1
                if len(names) == len(values) and is_string_source(values[i]):
                    direct.add(name.text())
    return {n for n in direct if counts.get(n) == 1}


def string_request_values(value: SgNode) -> list[SgNode]:
    """The request strings inside `value`: accessor calls and the local names bound to one."""
    names = string_request_names(value)
    found: list[SgNode] = []
    stack = [value]
    while stack:
        node = stack.pop()
        if is_string_source(node) or (node.kind() == "identifier" and node.text() in names and _reads(node)):
            found.append(node)
            continue
        stack.extend(reversed(node.children()))
    return sorted(found, key=lambda n: n.range().start.index)


def _reads(ident: SgNode) -> bool:
    """An identifier read as a value (not the field name of a selector or a struct key)."""
    parent = ident.parent()
    return parent is None or parent.kind() not in ("keyed_element", "field_identifier")


def line_indent(code: str, offset: int) -> str:
    start = code.rfind("\n", 0, offset) + 1
    line = code[start:offset]
    return line[: len(line) - len(line.lstrip())]


def sink_value(node: SgNode, metavar: str) -> SgNode | None:
    """The value a rule's sink receives: what a pattern rule bound to `metavar`, or, for a taint
    finding (reported on the sink itself), the sink's dangerous argument read from the call or
    literal: the script of `exec.Command(sh, "-c", script)`, the target of a redirect, the path of
    a file call, the value of `template.HTML(x)`, the `Filter` of an LDAP search request."""
    found = node.get_match(metavar)
    if found is not None:
        return found
    if node.kind() == "composite_literal":
        body = node.field("body")
        for element in body.named_children() if body is not None else []:
            parts = [p for p in element.named_children() if p.kind() != "comment"]
            if element.kind() == "keyed_element" and len(parts) == 2 and parts[0].text() == "Filter":
                inner = parts[1].named_children()
                return inner[0] if parts[1].kind() == "literal_element" and inner else parts[1]
        return None
    if node.kind() != "call_expression":
        return None
    args = [a for a in call_args(node) if a.kind() != "variadic_argument"]
    name = callee(node).rsplit(".", 1)[-1]
    offset = 1 if name.endswith("Context") else 0
    if name in ("Command", "CommandContext"):
        index = offset + {"SH": 0, "FLAG": 1}.get(metavar, 2)
    elif callee(node) in ("http.Redirect", "http.ServeFile"):
        index = 2
    elif name == "Redirect":  # gin/echo `c.Redirect(code, url)`, fiber `c.Redirect(url)`
        index = 1 if len(args) > 1 and not _is_text(args[0]) else 0
    elif name in ("Set", "Add"):  # `w.Header().Set("Location", url)`
        index = 1
    elif name == "NewSearchRequest":
        index = 6
    else:
        index = 0
    return args[index] if index < len(args) else None


def _is_text(node: SgNode) -> bool:
    return node.kind() not in ("int_literal", "selector_expression") or node.text().startswith('"')
