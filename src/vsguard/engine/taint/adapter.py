"""The language adapter contract (see the package docstring) and the adapter registry."""

from __future__ import annotations

from abc import ABC, abstractmethod
from functools import cache
from importlib import resources

import yaml
from ast_grep_py import SgNode

from vsguard.engine.taint.ir import Module


class LanguageAdapter(ABC):
    """Lowers one grammar's tree into `ir` nodes and names the language's catalog of flow facts."""

    #: vsguard language names this adapter serves (e.g. ("python",))
    languages: tuple[str, ...] = ()
    #: package-data file next to this module with sources, sanitizers and validators
    catalog_file: str = ""
    #: file suffixes of modules an import can resolve to, for cross-module summaries
    module_suffixes: tuple[str, ...] = ()

    @abstractmethod
    def lower(self, root: SgNode) -> Module:
        """The whole tree as an `ir.Module`; must not raise on ERROR nodes (lower what parses)."""

    def catalog(self) -> dict:
        return _load_catalog(self.catalog_file)


@cache
def _load_catalog(name: str) -> dict:
    text = resources.files("vsguard.engine.taint").joinpath(name).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise ValueError(f"taint catalog {name} must be a mapping")
    return data


_REGISTRY: dict[str, LanguageAdapter] = {}


def register(adapter: LanguageAdapter) -> None:
    for language in adapter.languages:
        _REGISTRY[language] = adapter


def adapter_for(language: str) -> LanguageAdapter | None:
    if not _REGISTRY:
        from vsguard.engine.taint import javascript_adapter, python_adapter  # noqa: F401 - register themselves

    return _REGISTRY.get(language)
