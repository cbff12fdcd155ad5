"""Taint tracking: does data from a source reach a dangerous sink without being made safe?

Layout
------
- `ir`: a small language-neutral program form (expressions, statements, functions).
- `adapter`: the LANGUAGE ADAPTER contract and registry; `python_adapter` implements it.
- `values`: abstract values and taints (source, unknown input, helper parameter), with traces.
- `spec`: rule YAML (`kind: taint`) and the per-language catalog compiled into regexes.
- `interpreter`: the core; walks one function at a time, branches split and join, decidable
  conditions prune dead branches, loops run twice, calls use summaries of local helpers.
- `modules`: resolution of imports to sibling files of the scanned tree, for helper summaries.

Adapter contract
----------------
An adapter subclasses `adapter.LanguageAdapter`, sets `languages`, `catalog_file` and
`module_suffixes`, implements `lower(root) -> ir.Module`, and calls `adapter.register(...)` at
import (add the import to `adapter.adapter_for`). The core never inspects grammar node kinds, so
adding a language touches no core module. `lower` must:

- never raise on ERROR nodes: lower every statement and expression it can, and wrap what it cannot
  model in `ir.Opaque(parts=...)` (its parts are still evaluated) or `ir.Other(exprs=...)`;
- keep each IR node's `node` (the tree node) so findings and traces get lines and code;
- express reads as `Name`/`Attr`/`Index`, calls as `Call(func, args, kwargs, star_args,
  star_kwargs)` (a method call is a `Call` whose `func` is an `Attr`), string building as `Format`
  (template/f-strings, constant pieces as `Const`) or `BinOp("+"|"%")`, conditions as
  `Compare`/`BoolOp`/`UnaryOp("not")`, assignment targets as `Name`/`Attr`/`Index`/`Unpack`;
- bind imports with `Import(bindings=((local, "dotted.target"), ...))` so library calls resolve to
  qualified names ("subprocess.run"), which the catalog and rule sinks match;
- list every function (nested ones included) in `Module.functions`, mark methods with
  `is_method` and `owner_bases`, and put route decorators in `FunctionDef.decorators`.

The catalog (YAML next to the adapter) names sources per group (regexes over qualified names,
`()` marking a call result), route decorators, request-object parameters, terminating calls,
type conversions, sanitizers and validators, each clearing listed vulnerability classes.

Rules (`kind: taint` in rules/<language>/*.yaml) carry `match.sources` (catalog groups),
`match.require` (`source`: attacker data only; `built`: also text assembled from any
non-constant value; `nonconstant`: any value not fixed at analysis time), `match.sinks`
(`callee` regex with `args` positions/keywords/"receiver"/"*"/"**", optional `when`, `when_any`,
`unless` constant conditions, `safe_prefix`; or `store` for `container[key] = value`; or
`returns: html_route`) and optional extra `sanitizers` for the rule's vulnerability class.
"""

from __future__ import annotations

from collections.abc import Iterable

from ast_grep_py import SgNode

from vsguard.engine.matches import RawMatch
from vsguard.engine.prefilter import present
from vsguard.engine.taint.adapter import LanguageAdapter, adapter_for
from vsguard.engine.taint.interpreter import Analysis
from vsguard.engine.taint.modules import ModuleResolver
from vsguard.engine.taint.spec import compile_rule, extra_sanitizers, load_catalog
from vsguard.models import Rule

__all__ = ["LanguageAdapter", "find_flows"]


def find_flows(
    root: SgNode, rules: Iterable[Rule], language: str, *, path: str | None = None, code: str | None = None
) -> list[RawMatch]:
    """Matches of `kind: taint` rules in one parsed file; `path` enables sibling-module summaries.

    `code` (the text of `root`) lets rules whose sinks cannot occur in it be skipped up front.
    """
    adapter = adapter_for(language)
    if adapter is None:
        return []
    all_specs = tuple(compile_rule(r) for r in rules if r.kind == "taint")
    specs = all_specs
    if code is not None:
        specs = tuple(s for s in specs if present(s.anchors, code))
    if not specs:
        return []
    catalog = load_catalog(adapter)
    sanitizers = extra_sanitizers(specs)
    module = adapter.lower(root)
    resolver = ModuleResolver(adapter, specs, catalog, sanitizers, path) if path else None
    analysis = Analysis(module, specs, catalog, sanitizers, resolver.resolve if resolver else None, all_specs)
    return analysis.run()
