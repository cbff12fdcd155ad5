"""Resolve `from helpers import clean` / `from .util import quote_arg` to a sibling source file.

Only files next to (or a few levels above) the scanned file are considered, and only those the
walk of the scanned tree would scan itself (`ReadScope`: inside the scan root, links followed only
while they stay inside, within the size limit), so a summary never reaches outside the tree being
scanned. Parsed sibling modules are cached per path and mtime.
"""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

from vsguard.config import Limits
from vsguard.engine.files import ReadScope, looks_binary
from vsguard.engine.parse import NestedTooDeeply, parse
from vsguard.engine.taint import ir
from vsguard.engine.taint.adapter import LanguageAdapter
from vsguard.engine.taint.interpreter import Analysis
from vsguard.engine.taint.spec import Catalog, Sanitizer, TaintSpec

_MAX_DEPTH = 2  # a sibling's own sibling imports are followed this deep
_CACHE_SIZE = 64

_SpecKey = tuple[int, ...]
_FOUND: dict[tuple[str, str, _SpecKey, ReadScope], tuple[Path | None, str]] = {}
_CACHE: OrderedDict[tuple[str, float, _SpecKey], tuple[Analysis, dict[str, ir.FunctionDef]]] = OrderedDict()


def _spec_key(specs: tuple[TaintSpec, ...]) -> _SpecKey:
    """The rule set's identity. Each file builds a new tuple, but the compiled specs in it are
    shared (`compile_rule` caches them), so keying on them lets every file of a scan reuse one
    sibling analysis; a hit is confirmed by identity, so a reused id never mixes rule sets."""
    return tuple(id(s) for s in specs)


class ModuleResolver:
    def __init__(
        self,
        adapter: LanguageAdapter,
        specs: tuple[TaintSpec, ...],
        catalog: Catalog,
        sanitizers: tuple[Sanitizer, ...],
        path: str,
        scope: ReadScope | None = None,
        depth: int = 0,
    ) -> None:
        self.adapter = adapter
        self.specs = specs
        self.catalog = catalog
        self.sanitizers = sanitizers
        self.here = Path(path)
        self.scope = scope or ReadScope.under(self.here.parent, Limits().max_file_bytes)
        self.depth = depth
        self._spec_key = _spec_key(specs)
        # one answer per import target while this file is analysed: a handler module calls the
        # same few helpers many times, and each answer costs a lookup, a stat and a cache check
        self._resolved: dict[str, tuple[Analysis, ir.FunctionDef] | None] = {}

    def resolve(self, qual: str) -> tuple[Analysis, ir.FunctionDef] | None:
        if qual in self._resolved:
            return self._resolved[qual]
        found = self._resolved[qual] = self._resolve(qual)
        return found

    def _resolve(self, qual: str) -> tuple[Analysis, ir.FunctionDef] | None:
        key = (str(self.here.parent), qual, self._spec_key, self.scope)
        if key in _FOUND:
            path, name = _FOUND[key]
        else:
            path, name = self._locate(qual)
            if len(_FOUND) > 20_000:
                _FOUND.clear()
            _FOUND[key] = (path, name)
        if path is None:
            return None
        loaded = self._load(path)
        if loaded is None:
            return None
        analysis, functions = loaded
        func = functions.get(name)
        return (analysis, func) if func is not None else None

    def _locate(self, qual: str) -> tuple[Path | None, str]:
        """The file a dotted import target names, if it is a sibling (or relative) module."""
        level = len(qual) - len(qual.lstrip("."))
        parts = qual.lstrip(".").split(".")
        if len(parts) < 2 or any(not p.isidentifier() for p in parts):
            return None, ""
        module_parts, name = parts[:-1], parts[-1]
        try:
            base = self.here.parent if level <= 1 else self.here.parent.parents[level - 2]
        except IndexError:
            return None, ""
        stem = base.joinpath(*module_parts)
        for suffix in self.adapter.module_suffixes:
            for candidate in (stem.with_name(stem.name + suffix), stem / f"__init__{suffix}"):
                if candidate.is_file() and self.scope.allows(candidate):
                    return candidate, name
        return None, ""

    def _load(self, path: Path) -> tuple[Analysis, dict[str, ir.FunctionDef]] | None:
        try:
            stat = path.stat()
        except (OSError, ValueError):
            return None
        if stat.st_size > self.scope.max_bytes or path == self.here:
            return None
        key = (str(path), stat.st_mtime, self._spec_key)
        cached = _CACHE.get(key)
        if cached is not None and all(a is b for a, b in zip(cached[0].specs, self.specs, strict=True)):
            _CACHE.move_to_end(key)
            return cached
        try:
            data = path.read_bytes()
        except OSError:
            return None
        if looks_binary(data):  # the walk would not scan it either
            return None
        code = data.decode("utf-8", errors="replace")
        language = self.adapter.languages[0]
        try:
            module = self.adapter.lower(parse(code, language))
        except NestedTooDeeply:
            return None  # the sibling is not summarised; calls into it stay unknown
        nested = (
            ModuleResolver(
                self.adapter, self.specs, self.catalog, self.sanitizers, str(path), self.scope, self.depth + 1
            )
            if self.depth + 1 < _MAX_DEPTH
            else None
        )
        analysis = Analysis(
            module, self.specs, self.catalog, self.sanitizers, nested.resolve if nested else None
        )
        functions = {f.name: f for f in module.functions if not f.is_method}
        _CACHE[key] = (analysis, functions)
        if len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
        return analysis, functions
