"""Identifiers a JavaScript or TypeScript file uses without declaring them, read from its syntax tree.

Scopes are functions (with their parameters), catch clauses, `for` heads and the module; a name
counts as declared when any of those around its use declares it (`var`/`let`/`const`, function
and class declarations, imports, `require` destructuring, parameters), or when it is a known
global of the language, Node or the browser (`js_globals.txt`). Block scoping is read at the
function level, which can only make a name look declared, never undefined: comparing a file
before and after a rewrite, a new undefined name is one the rewrite truly left undeclared.
"""

from __future__ import annotations

from functools import cache, lru_cache
from importlib import resources

from ast_grep_py import SgNode

from vsguard.engine.parse import parse
from vsguard.records import record

_FUNCTIONS = frozenset(
    {
        "function_declaration",
        "function_expression",
        "function",
        "generator_function_declaration",
        "generator_function",
        "arrow_function",
        "method_definition",
    }
)
_SCOPES = _FUNCTIONS | {"program", "catch_clause", "for_statement", "for_in_statement", "class_body"}
# Declarations named by their `name` field, declared in the scope around them.
_NAMED = frozenset(
    {
        "function_declaration",
        "generator_function_declaration",
        "class_declaration",
        "abstract_class_declaration",
        "enum_declaration",
        "internal_module",
    }
)
# Where an identifier binds a name: patterns, parameters and import clauses.
_BINDING_PARENTS = frozenset(
    {
        "formal_parameters",
        "object_pattern",
        "array_pattern",
        "rest_pattern",
        "import_clause",
        "namespace_import",
    }
)
_JSX_NAMES = frozenset({"jsx_opening_element", "jsx_closing_element", "jsx_self_closing_element"})


@cache
def js_globals() -> frozenset[str]:
    text = resources.files("vsguard.fixes").joinpath("js_globals.txt").read_text(encoding="utf-8")
    lines = (line for line in text.splitlines() if not line.startswith("#"))
    return frozenset(name for line in lines for name in line.split())


def _key(node: SgNode) -> tuple[int, int, str]:
    rng = node.range()
    return rng.start.index, rng.end.index, node.kind()


def _same(a: SgNode | None, b: SgNode) -> bool:
    return a is not None and _key(a) == _key(b)


def _scope_of(node: SgNode) -> SgNode | None:
    for parent in node.ancestors():
        if parent.kind() in _SCOPES:
            return parent
    return None


def _binding_scope(node: SgNode) -> SgNode | None:
    """The scope a binding identifier declares its name in."""
    parent = node.parent()
    if parent is None:
        return None
    kind = parent.kind()
    if kind in _NAMED and _same(parent.field("name"), node):
        return _scope_of(parent)  # `function f` is visible beside itself, not only inside
    if kind in ("function_expression", "function", "class") and _same(parent.field("name"), node):
        return parent
    return _scope_of(node)


def _binds(node: SgNode) -> bool:
    """Whether this identifier is the declared name (not a use) in its position."""
    parent = node.parent()
    if parent is None:
        return False
    kind = parent.kind()
    if kind in _BINDING_PARENTS or node.kind() == "shorthand_property_identifier_pattern":
        return True
    if kind == "variable_declarator":
        return _same(parent.field("name"), node)
    if kind in _NAMED or kind in ("function_expression", "function", "class"):
        return _same(parent.field("name"), node)
    if kind in ("required_parameter", "optional_parameter", "catch_clause"):
        return _same(parent.field("pattern") or parent.field("parameter"), node)
    if kind == "arrow_function":
        return _same(parent.field("parameter"), node)
    if kind == "assignment_pattern":
        return _same(parent.field("left"), node)
    if kind == "pair_pattern":
        return _same(parent.field("value"), node)
    if kind == "import_specifier":
        return _same(parent.field("alias") or parent.field("name"), node)
    if kind == "for_in_statement":
        return _same(parent.field("left"), node) and parent.field("kind") is not None
    return False


def _is_use(node: SgNode) -> bool:
    parent = node.parent()
    if parent is None:
        return True
    kind = parent.kind()
    if kind == "export_specifier":
        return _same(parent.field("name"), node)
    if kind == "import_specifier":
        return False  # the exported name of the other module
    return kind not in _JSX_NAMES or not node.text()[:1].islower()  # a lower-case JSX name is a tag


def _find_all(root: SgNode, kind: str) -> list[SgNode]:
    try:
        return root.find_all(kind=kind)
    except RuntimeError:  # a kind this grammar does not have (enums are TypeScript's)
        return []


@record(frozen=True)
class Names:
    undefined: frozenset[str]  # used where nothing around declares them, and not a known global
    used: frozenset[str]  # every name used anywhere (not as a declaration)


def undefined_identifiers(code: str, language: str) -> frozenset[str]:
    """Names used in `code` that nothing around their use declares (the parse check reports code
    that does not parse; what did parse is read all the same)."""
    return read_names(code, language).undefined


@lru_cache(maxsize=16)
def read_names(code: str, language: str) -> Names:
    root = parse(code, language)
    declared: dict[tuple[int, int, str], set[str]] = {}
    uses: list[SgNode] = []
    kinds = ("identifier", "shorthand_property_identifier", "shorthand_property_identifier_pattern")
    for kind in kinds:
        for node in root.find_all(kind=kind):
            if node.kind() != "shorthand_property_identifier" and _binds(node):
                scope = _binding_scope(node)
                if scope is not None:
                    declared.setdefault(_key(scope), set()).add(node.text())
            elif _is_use(node):
                uses.append(node)
    for named in (n for kind in _NAMED for n in _find_all(root, kind)):
        label, scope = named.field("name"), _scope_of(named)
        if label is not None and scope is not None:  # TypeScript names classes with a type_identifier
            declared.setdefault(_key(scope), set()).add(label.text())
    known = js_globals()
    missing: set[str] = set()
    for node in uses:
        name = node.text()
        if name in known or name in missing:
            continue
        scopes = (a for a in node.ancestors() if a.kind() in _SCOPES)
        if not any(name in declared.get(_key(s), ()) for s in scopes):
            missing.add(name)
    return Names(frozenset(missing), frozenset(n.text() for n in uses))
