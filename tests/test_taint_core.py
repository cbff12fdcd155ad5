"""The taint core knows no language: library knowledge lives in the adapters and their catalogs.

Two proofs: the core modules hold no name from any language's library models (nor import an
adapter), and a toy language, lowered here from shell syntax with its own catalog, is analysed by
the unchanged core: sources, sinks, sanitizers and a prefix guard all work from its data alone.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from ast_grep_py import SgNode, SgRoot

from vsguard.engine.taint import ir
from vsguard.engine.taint.adapter import adapter_for
from vsguard.engine.taint.interpreter import Analysis
from vsguard.engine.taint.spec import Catalog, Library, Sanitizer, compile_rule, load_catalog
from vsguard.models import Confidence, Rule, Severity, TaintMatch, TaintSink, VulnClass

TAINT = Path(__file__).parent.parent / "src" / "vsguard" / "engine" / "taint"
# every language with a front end has a catalog; its adapter's modules are named after it
LANGUAGES = sorted(p.stem.removeprefix("catalog_") for p in TAINT.glob("catalog_*.yaml"))
CORE = sorted(
    p
    for p in TAINT.glob("*.py")
    if p.name not in ("__init__.py", "adapter.py")
    and not p.name.startswith(tuple(f"{language}_" for language in LANGUAGES))
)
# The core's own vocabulary: IR sequence kinds, value shapes and operators (not library names).
_IR_WORDS = frozenset(
    {"list", "tuple", "set", "str", "number", "container", "call", "path", "and", "or", "source", "replace"}
)


def _library_names() -> set[str]:
    names: set[str] = set()
    for language in LANGUAGES:
        adapter = adapter_for(language)
        assert adapter is not None
        lib = load_catalog(adapter).library
        for value in vars(lib).values():
            if isinstance(value, frozenset) and value is not lib.global_names:
                names |= set(value)
            elif isinstance(value, str) and value:  # an empty setting names nothing
                names.add(value)
            elif isinstance(value, re.Pattern) and value.pattern != "(?!)":
                names.add(value.pattern)
        names |= {c.callee.pattern for c in lib.regex_checks}
    return names - _IR_WORDS


@pytest.mark.parametrize("path", CORE, ids=lambda p: p.name)
def test_core_module_holds_no_library_knowledge(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    literals = {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)}
    leaked = sorted(literals & _library_names())
    assert not leaked, f"{path.name} names library functions of a language: {leaked}"
    imported = {
        alias.name if isinstance(n, ast.Import) else (n.module or "")
        for n in ast.walk(tree)
        if isinstance(n, ast.Import | ast.ImportFrom)
        for alias in n.names
    }
    assert not {
        m for m in imported if m == "builtins" or m.endswith(("python_adapter", "javascript_adapter"))
    }


def test_no_taint_module_is_over_600_lines() -> None:
    long = {p.name: n for p in TAINT.glob("*.py") if (n := len(p.read_text().splitlines())) > 600}
    assert not long


# --------------------------------------------------------------------------- a toy language


class ToyLowering:
    """Shell syntax read as a toy language: `f() { ... }` functions, `x=value` assignments,
    `cmd args` calls, `$(cmd args)` call results, "text $x" formatted strings, and
    `if cmd args; then ...; fi` branches on a call's result."""

    def module(self, root: SgNode) -> ir.Module:
        functions = [self._function(n) for n in root.children() if n.kind() == "function_definition"]
        return ir.Module(body=list(functions), functions=functions)

    def _function(self, node: SgNode) -> ir.FunctionDef:
        name = node.field("name")
        body = node.field("body")
        return ir.FunctionDef(
            node, name=name.text() if name else "", body=self._block(body.children() if body else [])
        )

    def _block(self, nodes: list[SgNode]) -> list[ir.Stmt]:
        out: list[ir.Stmt] = []
        for n in nodes:
            if n.kind() == "variable_assignment":
                target, value = n.field("name"), n.field("value")
                assert target is not None
                out.append(ir.Assign(n, (ir.Name(target, target.text()),), self._expr(value)))
            elif n.kind() == "command":
                out.append(ir.ExprStmt(n, self._call(n)))
            elif n.kind() == "if_statement":
                test = next(c for c in n.children() if c.kind() == "command")
                body = [c for c in n.children() if c.kind() not in ("if", "then", "fi", ";")][1:]
                out.append(ir.If(n, test=self._call(test), body=self._block(body)))
        return out

    def _call(self, node: SgNode) -> ir.Call:
        name = node.field("name")
        args = [self._expr(c) for c in node.children() if c.kind() != "command_name"]
        called = name.text() if name else ""
        if called.startswith("has_") and args:  # `has_prefix x p`: a check on x, like `x.has_prefix(p)`
            return ir.Call(node, ir.Attr(node, args[0], called), tuple(args[1:]))
        return ir.Call(node, ir.Name(node, called), tuple(args))

    def _expr(self, node: SgNode | None) -> ir.Expr:
        if node is None:
            return ir.Const(node, "")
        kind = node.kind()
        if kind == "command_substitution":
            inner = next(c for c in node.children() if c.kind() == "command")
            return self._call(inner)
        if kind == "simple_expansion":
            return ir.Name(node, node.text().lstrip("$"))
        if kind == "string":
            parts = [self._expr(c) for c in node.children() if c.kind() not in ('"',)]
            if len(parts) == 1 and isinstance(parts[0], ir.Name):
                return parts[0]  # "$x" is x itself
            return ir.Format(node, tuple(parts)) if parts else ir.Const(node, "")
        if kind in ("word", "string_content", "raw_string"):
            return ir.Const(node, node.text().strip("'"))
        return ir.Opaque(node)


_NEVER = re.compile(r"(?!)")


def _toy_catalog(prefix_checks: frozenset[str]) -> Catalog:
    return Catalog(
        sources={"web": ("request data", re.compile(r"^param\(\)$"))},
        route_decorators=_NEVER,
        html_route_decorators=_NEVER,
        handler_methods=_NEVER,
        handler_bases=_NEVER,
        request_params=_NEVER,
        request_annotations=_NEVER,
        injected_defaults=_NEVER,
        terminators=_NEVER,
        conversions=_NEVER,
        derived_results=_NEVER,
        numeric_annotations=_NEVER,
        sanitizers=(Sanitizer(re.compile(r"^quote$"), frozenset({"open_redirect"})),),
        validators=(),
        library=Library(global_names=frozenset({"param", "redirect", "quote"}), prefix_checks=prefix_checks),
    )


TOY_RULE = Rule(
    id="toy-open-redirect",
    language="toy",
    title="Toy redirect to request data",
    message="A redirect target comes from the request.",
    remediation="Redirect only to known paths.",
    severity=Severity.MEDIUM,
    confidence=Confidence.HIGH,
    cwe=(601,),
    asvs=("V3.7.2",),
    kind="taint",
    vulnerability_class=VulnClass.OPEN_REDIRECT,
    match=TaintMatch(
        sources=("web",), sinks=(TaintSink(callee="^redirect$", args=(0,), safe_prefix=r"^/(?![/\\\\])"),)
    ),
)


def _toy_findings(code: str, prefix_checks: frozenset[str] = frozenset()) -> list[int]:
    module = ToyLowering().module(SgRoot(code, "bash").root())
    analysis = Analysis(module, (compile_rule(TOY_RULE),), _toy_catalog(prefix_checks), ())
    return sorted(m.location.start_line for m in analysis.run())


def test_a_toy_language_runs_on_the_core_alone() -> None:
    code = """handler() {
  next=$(param next)
  target="https://example.com/$next"
  redirect "$target"
  safe=$(quote "$next")
  redirect "$safe"
  redirect "/home"
}
"""
    assert _toy_findings(code) == [4]


def test_the_toy_catalog_alone_decides_what_a_guard_proves() -> None:
    """A prefix guard clears a redirect only when the catalog names the check; the same code is
    reported with a catalog that does not."""
    code = """handler() {
  next=$(param next)
  if has_prefix "$next" "/app/"; then
    redirect "$next"
  fi
}
"""
    assert _toy_findings(code) == [4]
    assert _toy_findings(code, prefix_checks=frozenset({"has_prefix"})) == []
