"""Add an import to a file when a rewrite needs a module it does not import yet."""

from __future__ import annotations

import re

from ast_grep_py import SgNode

from vsguard.fixes.edits import Edit

_PY_IMPORT_KINDS = ("import_statement", "import_from_statement", "future_import_statement")


def python_has_module(root: SgNode, module: str) -> bool:
    """True when `import module` (not aliased) is in effect at module level."""
    for stmt in root.children():
        if stmt.kind() == "import_statement":
            for name in stmt.named_children():
                if name.kind() == "dotted_name" and name.text() == module:
                    return True
    return False


def python_imports_name(root: SgNode, module: str, name: str) -> bool:
    for stmt in root.children():
        if stmt.kind() == "import_from_statement":
            mod = stmt.field("module_name")
            if (
                mod is not None
                and mod.text() == module
                and any(n.text() == name for n in stmt.field_children("name"))
            ):
                return True
    return False


def _python_insert_at(root: SgNode, code: str) -> int:
    last: SgNode | None = None
    for stmt in root.children():
        if stmt.kind() in _PY_IMPORT_KINDS:
            last = stmt
        elif last is None and stmt.kind() == "expression_statement" and stmt.child(0) is not None:
            first = stmt.child(0)
            if (
                first is not None
                and first.kind() == "string"
                and stmt.range().start.index == _first_code(root)
            ):
                last = stmt  # module docstring: imports go below it
        elif stmt.kind() != "comment":
            break
    if last is None:
        return 0
    end = code.find("\n", last.range().end.index)
    return len(code) if end == -1 else end + 1


def python_after_imports(root: SgNode, code: str) -> int:
    """Where module-level code starts: after the leading imports (or the docstring)."""
    return _python_insert_at(root, code)


def _first_code(root: SgNode) -> int:
    for stmt in root.children():
        if stmt.kind() != "comment":
            return stmt.range().start.index
    return 0


def _sorted_slot(root: SgNode, code: str, module: str) -> int | None:
    """Offset before the first top-level `import x` that sorts after `module`, keeping order."""
    for stmt in root.children():
        if stmt.kind() == "import_statement":
            first = stmt.named_children()[0] if stmt.named_children() else None
            name = first.text() if first is not None else ""
            if name.lower() > module.lower():
                return code.rfind("\n", 0, stmt.range().start.index) + 1
        elif stmt.kind() not in (*_PY_IMPORT_KINDS, "comment", "expression_statement"):
            break
    return None


def python_import(root: SgNode, code: str, module: str) -> tuple[Edit, ...]:
    if python_has_module(root, module):
        return ()
    slot = _sorted_slot(root, code, module)
    if slot is not None:
        return (Edit.insert(slot, f"import {module}\n"),)
    offset = _python_insert_at(root, code)
    text = f"import {module}\n"
    if offset == len(code) and code and not code.endswith("\n"):
        text = "\n" + text
    return (Edit.insert(offset, text),)


def python_from_import(root: SgNode, code: str, module: str, name: str) -> tuple[Edit, ...]:
    if python_imports_name(root, module, name):
        return ()
    offset = _python_insert_at(root, code)
    return (Edit.insert(offset, f"from {module} import {name}\n"),)


def python_add_from_import(root: SgNode, code: str, module: str, name: str) -> tuple[Edit, ...]:
    """`name` appended to an existing `from module import ...` (else a new import line)."""
    if python_imports_name(root, module, name):
        return ()
    for stmt in root.children():
        mod = stmt.field("module_name") if stmt.kind() == "import_from_statement" else None
        names = stmt.field_children("name") if mod is not None and mod.text() == module else []
        if names:
            return (Edit.insert(names[-1].range().end.index, f", {name}"),)
    return python_from_import(root, code, module, name)


# --------------------------------------------------------------------------- JavaScript

_JS_MODULE_SYNTAX = re.compile(r"^\s*(import\s[^(]|export\s)", re.M)


def js_uses_esm(code: str) -> bool:
    return bool(_JS_MODULE_SYNTAX.search(code))


def js_required_modules(root: SgNode) -> set[str]:
    """Modules named in `require("x")` or `import ... from "x"` anywhere in the file."""
    found: set[str] = set()
    for call in root.find_all(pattern="require($M)"):
        m = call.get_match("M")
        if m is not None and m.kind() == "string":
            found.add(m.text()[1:-1])
    for imp in root.find_all(kind="import_statement"):
        src = imp.field("source")
        if src is not None:
            found.add(src.text()[1:-1])
    return found


def js_binding_for(root: SgNode, module: str) -> str | None:
    """The top-level name a whole module is bound to (`const x = require("m")`, `import x from "m"`)."""
    top = [s for s in root.children() if s.kind() in ("lexical_declaration", "variable_declaration")]
    for decl in (d for s in top for d in s.named_children() if d.kind() == "variable_declarator"):
        value, name = decl.field("value"), decl.field("name")
        if value is None or name is None or name.kind() != "identifier":
            continue
        if re.fullmatch(r"require\(\s*['\"](node:)?" + re.escape(module) + r"['\"]\s*\)", value.text()):
            return name.text()
    for imp in (s for s in root.children() if s.kind() == "import_statement"):
        src = imp.field("source")
        if src is None or src.text()[1:-1] not in (module, f"node:{module}"):
            continue
        clause = imp.find(kind="import_clause")
        if clause is None:
            continue
        for child in clause.named_children():
            if child.kind() == "identifier":
                return child.text()
            if child.kind() == "namespace_import":
                ident = child.find(kind="identifier")
                if ident is not None:
                    return ident.text()
    return None


def _js_top_level_names(root: SgNode) -> set[str]:
    names: set[str] = set()
    for stmt in root.children():
        target = stmt.child(0) if stmt.kind() == "export_statement" else stmt
        for node in (target, *(target.named_children() if target is not None else ())):
            if node is None:
                continue
            name = node.field("name")
            if name is not None:
                names.add(name.text())
        if stmt.kind() == "import_statement":
            names.update(i.text() for i in stmt.find_all(kind="identifier"))
    return names


def _js_insert_at(root: SgNode, code: str) -> int:
    last: SgNode | None = None
    for stmt in root.children():
        text = stmt.text()
        if stmt.kind() == "import_statement" or (
            stmt.kind() in ("lexical_declaration", "variable_declaration") and "require(" in text
        ):
            last = stmt
        elif stmt.kind() == "expression_statement" and text.strip("'\";") == "use strict":
            last = last or stmt
        elif stmt.kind() not in ("comment", "hash_bang_line"):
            break
    if last is None:
        first = root.child(0)
        if first is not None and first.kind() == "hash_bang_line":
            end = code.find("\n")
            return len(code) if end == -1 else end + 1
        return 0
    end = code.find("\n", last.range().end.index)
    return len(code) if end == -1 else end + 1


def js_import_default(root: SgNode, code: str, module: str, local: str) -> tuple[str, tuple[Edit, ...]]:
    """Bind `module` to a local name, reusing an existing binding; returns (name, edits)."""
    existing = js_binding_for(root, module)
    if existing is not None:
        return existing, ()
    taken = _js_top_level_names(root)
    while local in taken:  # never redeclare a name the file already uses at top level
        local += "Module"
    offset = _js_insert_at(root, code)
    if js_uses_esm(code):
        line = f'import {local} from "{module}";\n'
    else:
        line = f'const {local} = require("{module}");\n'
    return local, (Edit.insert(offset, line),)
