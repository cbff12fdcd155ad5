"""The strict schema of a taint catalog file: pydantic models that check it, key by key.

Used for a catalog not proven valid before (see `checked.py`); `taint_catalog.py` builds the
dataclasses the engine reads from the data once it passed.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from vsguard.models import VulnClass
from vsguard.rules.taint_catalog import LibraryModels

# What a sanitizer or validator may clear besides a vulnerability class: every class, or the
# path-normalisation mark that `startswith` checks on a normalised path turn into path safety.
_CLEARABLE = frozenset({*(c.value for c in VulnClass), "*", "path_normalized"})


def _known_clear(value: str) -> str:
    if value not in _CLEARABLE:
        raise ValueError(f"unknown vulnerability class {value!r} (see models.VulnClass, or '*')")
    return value


ClearName = Annotated[str, AfterValidator(_known_clear)]
Regex = str | list[str]
NEVER = r"(?!)"  # a catalog entry left out matches nothing


class _Strict(BaseModel):
    # built on first use, as part of the catalog's schema
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class SourceGroup(_Strict):
    label: str = Field(min_length=3)
    patterns: tuple[str, ...] = Field(min_length=1)


class CatalogSanitizer(_Strict):
    callee: Regex
    clears: tuple[ClearName, ...] = Field(min_length=1)
    # clears only an argument whose fixed leading text matches (`filepath.Clean("/" + p)`)
    leading: str | None = None


class CatalogValidator(_Strict):
    callee: Regex
    clears: tuple[ClearName, ...] = Field(min_length=1)
    receiver: bool = False  # the checked value is the receiver (`x.isdigit()`), not the first argument
    second_arg: Regex | None = None


class CatalogFile(_Strict):
    sources: dict[str, SourceGroup] = Field(min_length=1)
    route_decorators: Regex = NEVER
    html_route_decorators: Regex = NEVER
    handler_methods: Regex = NEVER
    handler_bases: Regex = NEVER
    request_params: Regex = NEVER
    request_annotations: Regex = NEVER
    bound_annotations: Regex = NEVER
    injected_defaults: Regex = NEVER
    terminators: Regex = NEVER
    conversions: Regex = NEVER
    derived_results: Regex = NEVER
    numeric_annotations: Regex = NEVER
    first_arg_carries: Regex = NEVER
    sanitizers: tuple[CatalogSanitizer, ...] = ()
    validators: tuple[CatalogValidator, ...] = ()
    # checked as the engine's own record (through its pydantic mirror, unknown keys refused)
    library: LibraryModels = Field(default_factory=LibraryModels)
