"""Checks a rescan cannot make: names, imports and dependencies (strength: `vsguard.fixes.strength`).

A rewrite that removes a finding can still break the program (a name it uses is not imported), leave
litter (the import it made unused), or change what the outside world sees (a new package to
install). These checks compare the original and the rewritten code; they read code, never run it.
"""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Iterable, Sequence

from ast_grep_py import SgNode

from vsguard.engine.parse import parse
from vsguard.fixes.edits import Edit
from vsguard.fixes.js_names import undefined_identifiers
from vsguard.records import record

_PY_IMPORTS = ("import_statement", "import_from_statement")


@record(frozen=True)
class NameReport:
    undefined: frozenset[str]
    unused_imports: frozenset[str]  # as pyflakes names them: `os`, `x.b`, `json as j`


def _python_names(code: str) -> NameReport | None:
    """Undefined names and unused imports (pyflakes' own checks, in process), or None when the
    code does not parse as Python (the parse check reports that)."""
    from pyflakes import checker, messages

    try:
        tree = ast.parse(code)  # builds a syntax tree only; nothing is executed
    except (SyntaxError, ValueError):
        return None
    undefined: set[str] = set()
    unused: set[str] = set()
    for msg in checker.Checker(tree).messages:
        if isinstance(msg, messages.UndefinedName):
            undefined.add(str(msg.message_args[0]))
        elif isinstance(msg, messages.UnusedImport):
            unused.add(str(msg.message_args[0]))
    return NameReport(frozenset(undefined), frozenset(unused))


_JS_FAMILY = ("javascript", "typescript", "tsx")


def name_problems(original: str, fixed: str, language: str) -> list[str]:
    """Names the rewrite uses without defining or importing them (Python, JavaScript, TypeScript)."""
    if language in _JS_FAMILY:
        added = undefined_identifiers(fixed, language) - undefined_identifiers(original, language)
        return [
            f"the rewrite uses {name!r}, which is neither declared, imported nor a known global"
            for name in sorted(added)
        ]
    if language != "python":
        return []
    before, after = _python_names(original), _python_names(fixed)
    if before is None or after is None:
        return []
    new = sorted(after.undefined - before.undefined)
    return [f"the rewrite uses {name!r}, which is neither defined nor imported" for name in new]


def newly_unused_imports(original: str, fixed: str, language: str) -> frozenset[str]:
    if language != "python":
        return frozenset()
    before, after = _python_names(original), _python_names(fixed)
    if before is None or after is None:
        return frozenset()
    return after.unused_imports - before.unused_imports


def _import_parts(statement: SgNode) -> tuple[str | None, list[SgNode]]:
    """The `from` module (None for a plain import) and the imported names of an import statement."""
    if statement.kind() == "import_from_statement":
        module = statement.field("module_name")
        where = module.range() if module is not None else None
        names = [c for c in statement.named_children() if c.range() != where and c.kind() != "comment"]
        return (module.text() if module is not None else None), names
    return None, [c for c in statement.named_children() if c.kind() != "comment"]


def _pyflakes_name(module: str | None, alias: SgNode) -> str:
    text = " ".join(alias.text().split())
    if module is None:
        return text
    if " as " in text:
        name, _, bound = text.partition(" as ")
        return f"{module}.{name} as {bound}"
    return f"{module}.{text}"


def import_cleanup(original: str, unused: Iterable[str], taken: Sequence[Edit]) -> list[Edit]:
    """Edits on the original that drop the imports a rewrite made unused, where none of `taken`
    touches the statement. A statement loses only the unused names; an emptied one goes whole."""
    wanted = set(unused)
    if not wanted:
        return []
    root = parse(original, "python")
    out: list[Edit] = []
    for statement in (n for kind in _PY_IMPORTS for n in root.find_all(kind=kind)):
        module, names = _import_parts(statement)
        if module == "__future__" or not names:
            continue
        drop = [n for n in names if _pyflakes_name(module, n) in wanted]
        if not drop:
            continue
        rng = statement.range()
        start, end = rng.start.index, rng.end.index
        if any(e.start < end and start < e.end for e in taken):
            continue
        keep = [n.text() for n in names if n not in drop]
        if keep:
            head = f"from {module} import " if module is not None else "import "
            out.append(Edit(start, end, head + ", ".join(keep)))
            continue
        line_start = original.rfind("\n", 0, start) + 1
        line_end = original.find("\n", end)
        line_end = len(original) if line_end < 0 else line_end + 1
        whole_line = not original[line_start:start].strip() and not original[end:line_end].strip()
        out.append(Edit(line_start, line_end, "") if whole_line else Edit(start, end, "pass"))
    return out


# --------------------------------------------------------------------------- dependencies

_NODE_BUILTINS = frozenset(
    {
        *("assert", "buffer", "child_process", "crypto", "dns", "events", "fs", "http", "http2"),
        *("https", "net", "os", "path", "querystring", "readline", "stream", "string_decoder"),
        *("timers", "tls", "url", "util", "vm", "worker_threads", "zlib"),
    }
)
_JS_IMPORT = re.compile(r"""(?:require\(\s*|from\s+|import\s+)['"](?P<mod>[^'"]+)['"]""")


def _python_modules(code: str) -> set[str] | None:
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError):
        return None
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module.split(".")[0])
    return found


def _js_modules(code: str) -> set[str]:
    found = set()
    for m in _JS_IMPORT.finditer(code):
        mod = m.group("mod").removeprefix("node:")
        if mod.startswith("."):
            continue
        parts = mod.split("/")
        found.add("/".join(parts[:2]) if mod.startswith("@") else parts[0])
    return found


_PY_IMPORT_LINE = re.compile(
    r"^[ \t]*(?:from[ \t]+(?P<from>[\w.]+)[ \t]+import\b|import[ \t]+(?P<names>[\w., \t]+))", re.M
)


def imported_modules(code: str, language: str) -> set[str]:
    """Top-level modules the code imports (for `added_dependencies`); empty for other languages."""
    if language == "python":
        return _python_modules(code) or set()
    if language in ("javascript", "typescript", "tsx"):
        return _js_modules(code)
    return set()


def added_dependencies(before: set[str], inserted: Iterable[str], language: str) -> list[str]:
    """Third-party packages that text inserted by a rewrite imports and the code did not: read from
    the inserted text alone, so each rewrite costs its own few lines, not a parse of the file."""
    found: set[str] = set()
    for text in inserted:
        if language == "python":
            for m in _PY_IMPORT_LINE.finditer(text):
                if m.group("from") and not m.group("from").startswith("."):
                    found.add(m.group("from").split(".")[0])
                for name in (m.group("names") or "").split(","):
                    if name.strip():
                        found.add(name.split()[0].split(".")[0])
        elif language in ("javascript", "typescript", "tsx"):
            found |= _js_modules(text)
    third_party = {m for m in found - before if m not in sys.stdlib_module_names and m not in _NODE_BUILTINS}
    return sorted(third_party)


def new_dependencies(original: str, fixed: str, language: str) -> list[str]:
    """Third-party packages the rewritten code imports and the original did not."""
    if language == "python":
        before, after = _python_modules(original), _python_modules(fixed)
        if before is None or after is None:
            return []
        return sorted(m for m in after - before if m not in sys.stdlib_module_names)
    if language in ("javascript", "typescript", "tsx"):
        added = _js_modules(fixed) - _js_modules(original)
        return sorted(m for m in added if m not in _NODE_BUILTINS)
    return []
