"""JavaScript/TypeScript: the imports and requires a rewrite left unused go with it.

`exec("ls " + dir)` becoming `execFile("ls", [dir])` leaves `exec` bound by
`const { exec, execFile } = require("child_process")` and used nowhere. Such a binding is dropped
from its statement (the whole statement when nothing else is left), as one edit on the original
statement that also carries what the rewrite changed inside it. Only module-level `import`
statements and `require(...)` declarations are touched, and only bindings the original used.
"""

from __future__ import annotations

from collections.abc import Sequence

from ast_grep_py import SgNode

from vsguard.engine.parse import parse
from vsguard.fixes.edits import Edit, apply, statement_removal
from vsguard.fixes.js_names import read_names

_DECLARATIONS = ("lexical_declaration", "variable_declaration")


def _bound_names(statement: SgNode) -> list[tuple[str, SgNode]]:
    """(name, the node that removing drops the name) for each binding of an import or require."""
    found: list[tuple[str, SgNode]] = []
    if statement.kind() == "import_statement":
        clause = statement.find(kind="import_clause")
        if clause is None:
            return []
        for child in clause.named_children():
            if child.kind() == "identifier":
                found.append((child.text(), child))
            elif child.kind() == "namespace_import":
                ident = child.find(kind="identifier")
                if ident is not None:
                    found.append((ident.text(), child))
            elif child.kind() == "named_imports":
                for spec in child.named_children():
                    if spec.kind() == "import_specifier":
                        local = spec.field("alias") or spec.field("name")
                        if local is not None:
                            found.append((local.text(), spec))
        return found
    for decl in statement.named_children():
        value, target = decl.field("value"), decl.field("name")
        if decl.kind() != "variable_declarator" or value is None or target is None:
            continue
        if not value.text().startswith("require("):
            continue
        if target.kind() == "identifier":
            found.append((target.text(), decl))
        elif target.kind() == "object_pattern":
            for entry in target.named_children():
                if entry.kind() == "shorthand_property_identifier_pattern":
                    found.append((entry.text(), entry))
                elif entry.kind() == "pair_pattern":
                    bound = entry.field("value")
                    if bound is not None and bound.kind() == "identifier":
                        found.append((bound.text(), entry))
    return found


def _module_statements(root: SgNode) -> list[SgNode]:
    return [s for s in root.children() if s.kind() == "import_statement" or s.kind() in _DECLARATIONS]


def _without(text: str, language: str, names: set[str]) -> str | None:
    """`text` (one statement) without the bindings `names`; "" when none is left, None when a name
    sits where it cannot be cut out alone (a default import beside named ones, several declarators)."""
    root = parse(text, language)
    statements = _module_statements(root)
    if len(statements) != 1:
        return None
    bound = _bound_names(statements[0])
    drop = [node for name, node in bound if name in names]
    if len(drop) == len(bound):
        return ""
    cuts: list[Edit] = []
    for node in drop:
        parent = node.parent()
        if node.kind() in ("variable_declarator", "identifier", "namespace_import") or parent is None:
            return None
        siblings = [c for c in parent.named_children() if c.kind() != "comment"]
        index = next(i for i, c in enumerate(siblings) if c.range() == node.range())
        if index + 1 < len(siblings):
            cuts.append(Edit(node.range().start.index, siblings[index + 1].range().start.index, ""))
        else:
            cuts.append(Edit(siblings[index - 1].range().end.index, node.range().end.index, ""))
    return apply(text, sorted(cuts))


def _line_removal(code: str, statement: SgNode) -> Edit:
    """The statement's removal, with one blank line after it when it would otherwise leave the
    file starting with a blank line or two blank lines in a row."""
    cut = statement_removal(code, statement)
    after = code[cut.end :]
    blank = 2 if after.startswith("\r\n") else 1 if after.startswith("\n") else 0
    if cut.text == "" and blank and (cut.start == 0 or code[: cut.start].endswith(("\n\n", "\r\n\r\n"))):
        return Edit(cut.start, cut.end + blank, "")
    return cut


def js_import_cleanup(original: str, edits: Sequence[Edit], language: str) -> list[Edit] | None:
    """The edits with each statement that binds a newly unused name rewritten without it; None when
    nothing is to be cleaned up. A statement an edit only partly covers is left as it is."""
    fixed = apply(original, edits)
    before, after = read_names(original, language), read_names(fixed, language)
    unused = (before.used - after.used) - after.undefined
    if not unused:
        return None
    result = list(edits)
    changed = False
    for statement in _module_statements(parse(original, language)):
        names = {name for name, _ in _bound_names(statement) if name in unused}
        if not names:
            continue
        rng = statement.range()
        start, end = rng.start.index, rng.end.index
        inside = [e for e in result if start <= e.start and e.end <= end and not (e.start == e.end == end)]
        if any(e.start < end and start < e.end and e not in inside for e in result):
            continue
        local = [Edit(e.start - start, e.end - start, e.text) for e in inside]
        rewritten = _without(apply(original[start:end], local), language, names)
        if rewritten is None:
            continue
        whole = _line_removal(original, statement) if rewritten == "" else Edit(start, end, rewritten)
        if any(e.start < whole.end and whole.start < e.end for e in result if e not in inside):
            continue
        result = [e for e in result if e not in inside] + [whole]
        changed = True
    return sorted(set(result)) if changed else None
