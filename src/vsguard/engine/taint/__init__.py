"""Taint tracking: does data from a source reach a dangerous sink without being made safe?

Layout
------
- `ir`: a small language-neutral program form (expressions, statements, functions).
- `adapter`: the LANGUAGE ADAPTER contract, registry and grammar-free lowering steps;
  `python_adapter`, `javascript_adapter`, `java_adapter`, `go_adapter`, `php_adapter`,
  `ruby_adapter` and `csharp_adapter` implement it (each with `<language>_*` helper modules).
- `values`: abstract values and taints (source, unknown input, helper parameter), with traces.
- `spec`: rule YAML (`kind: taint`) and the per-language catalog compiled into regexes.
- `interpreter`: the core; walks one function at a time, branches split and join, decidable
  conditions prune dead branches, loops run until settled (at most twice), checks at branches
  (allow-lists, validators, prefix checks, stored check results) refine values, and calls use
  summaries of helpers (each body is analysed once: its parameters carry PARAM taints, which
  sinks treat as input of unknown origin and callers replace with their arguments).
- `summaries`: what a helper's summary holds besides its return value: the parameters that reach
  sinks; a call passing attacker data to one is reported at the call, with the trace running
  through the helper to its sink (and the helper's own finding for that sink is then dropped).
  Helpers are analysed before their callers, so chains of helpers are followed in any order.
- `modules`: resolution of imports to sibling files of the scanned tree, for helper summaries.

Adapter contract
----------------
An adapter subclasses `adapter.LanguageAdapter`, sets `languages`, `catalog_file`,
`module_suffixes` and `lowering` (its subclass of `adapter.Lowering`, which lowers one file from
`block(root)`; `LanguageAdapter.lower(root) -> ir.Module` runs it, or an adapter overrides
`lower`), and calls `adapter.register(...)` at import (add the import to `adapter.adapter_for`).
The core never inspects grammar node kinds, so adding a language touches no core module; what
does not depend on the grammar is shared in `adapter` (`Lowering.functions`, `first_operand`,
`string_from_pieces`, `unescaper`, `inline_callback`, `without_exits`). The lowering must:

- never raise on ERROR nodes: lower every statement and expression it can, and wrap what it cannot
  model in `ir.Opaque(parts=...)` (its parts are still evaluated) or `ir.Other(exprs=...)`;
- keep each IR node's `node` (the tree node) so findings and traces get lines and code;
- express reads as `Name`/`Attr`/`Index`, calls as `Call(func, args, kwargs, star_args,
  star_kwargs)` (a method call is a `Call` whose `func` is an `Attr`), string building as `Format`
  (template/f-strings, constant pieces as `Const`) or `BinOp("+"|"%")`, conditions as
  `Compare`/`BoolOp`/`UnaryOp("not")`, assignment targets as `Name`/`Attr`/`Index`/`Unpack`;
- bind imports with `Import(bindings=((local, "dotted.target"), ...))` so library calls resolve to
  qualified names ("subprocess.run"), which the catalog and rule sinks match; relative imports
  keep their leading dots (".helpers.clean") so `modules` can find the sibling file;
- list every function (nested ones included) in `Module.functions`, mark methods with
  `is_method` and `owner_bases`, and put route decorators in `FunctionDef.decorators`. A body may
  be deferred with `FunctionDef.lazy_body` (a callable returning it; the core calls `get_body()`);
  functions nested in it must then be appended to `Module.functions` when it is lowered.

The catalog (YAML next to the adapter) names sources per group (regexes over qualified names,
`()` marking a call result and `[]` an item read). Every other key is optional (left out, it
matches nothing): route decorators and handler classes, request-object parameters and
annotations, parameter annotations that bind request data (`bound_annotations`), injected
defaults, terminating calls, type conversions, numeric annotations, derived results (calls whose
result is non-constant but carries no argument text), sanitizers and validators, each clearing
the listed vulnerability classes (`*` for all).

Rules (`kind: taint` in rules/<language>/*.yaml) carry `match.sources` (catalog groups),
`match.require` (`source`: attacker data only; `built`: also text assembled from any
non-constant value; `nonconstant`: any value not fixed at analysis time), `match.sinks`
(`callee` regex with `args` positions/keywords/"receiver"/"*"/"**"/"kwargs", optional `when`, `when_any`,
`unless` constant conditions (`kwarg`/`position`, `equals` or `matches`, or `given`: passed at
all; `fact` to look at the keyword arguments the value was constructed with), `safe_prefix`,
`require`, `keys_only`, `printf`; or `store` for `container[key] = value`; or `returns:
html_route`), an optional rule-wide `safe_prefix`, and optional extra `sanitizers` for the
rule's vulnerability class.

Speed: rules whose sink names do not occur in a file are skipped, and so are functions in which
no rule can fire (text pre-checks that are conservative by construction, see `prefilter`).
"""

from __future__ import annotations

from collections.abc import Iterable

from ast_grep_py import SgNode

from vsguard.engine.files import ReadScope
from vsguard.engine.gaps import TOO_DEEP, Gap, reason_for
from vsguard.engine.matches import RawMatch
from vsguard.engine.prefilter import present
from vsguard.engine.taint.adapter import LanguageAdapter, adapter_for
from vsguard.engine.taint.interpreter import Analysis
from vsguard.engine.taint.modules import ModuleResolver
from vsguard.engine.taint.spec import compile_rule, extra_sanitizers, load_catalog, route_anchors
from vsguard.models import Rule

__all__ = ["Gap", "LanguageAdapter", "find_flows"]


def compile_language_rules(language: str, rules: Iterable[Rule]) -> None:
    """Load the language's catalog and compile its taint rules ahead of a scan (see `find_flows`)."""
    adapter = adapter_for(language)
    if adapter is not None:
        returns_anchor = route_anchors(load_catalog(adapter))
        for rule in rules:
            if rule.kind == "taint":
                compile_rule(rule, returns_anchor)


def find_flows(
    root: SgNode,
    rules: Iterable[Rule],
    language: str,
    *,
    path: str | None = None,
    code: str | None = None,
    deadline: float | None = None,
    gaps: list[Gap] | None = None,
    scope: ReadScope | None = None,
) -> list[RawMatch]:
    """Matches of `kind: taint` rules in one parsed file; `path` enables sibling-module summaries,
    read only from files `scope` allows (by default the file's own folder).

    `code` (the text of `root`) lets rules whose sinks cannot occur in it be skipped up front.
    `deadline` (a `time.monotonic()` value) bounds the analysis; what it could not analyse (a
    function that ran out of time or failed, the whole file when lowering failed) is appended to
    `gaps`, while the matches of every other function are still returned.
    """
    adapter = adapter_for(language)
    if adapter is None:
        return []
    catalog = load_catalog(adapter)
    returns_anchor = route_anchors(catalog)
    all_specs = tuple(compile_rule(r, returns_anchor) for r in rules if r.kind == "taint")
    specs = all_specs
    if code is not None:
        lowered = code.lower()
        specs = tuple(s for s in specs if present(s.anchors, code, lowered))
    if not specs:
        return []
    notes = gaps if gaps is not None else []
    sanitizers = extra_sanitizers(specs)
    try:
        module = adapter.lower(root)
    except Exception as exc:
        notes.append(Gap("taint analysis of the file", 1, reason_for(exc)))
        return []
    # Sibling modules are summarised under the full rule set, so one analysis serves every importer.
    resolver = (
        ModuleResolver(adapter, all_specs, catalog, extra_sanitizers(all_specs), path, scope)
        if path
        else None
    )
    analysis = Analysis(
        module,
        specs,
        catalog,
        sanitizers,
        resolver.resolve if resolver else None,
        all_specs,
        deadline=deadline,
    )
    matches = analysis.run()
    notes.extend(analysis.gaps)
    if module.too_deep:  # analysed, but with the innermost parts taken as unknown values
        first, more = module.too_deep[0], len(module.too_deep) - 1
        part = "code nested past the analysis depth" + (f" (and {more} more places)" if more else "")
        notes.append(Gap(part, first, TOO_DEEP))
    return matches
