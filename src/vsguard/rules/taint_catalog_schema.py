"""The strict schema of a taint catalog file: pydantic models that check it, key by key.

Used for a catalog not proven valid before (see `checked.py`); `taint_catalog.py` builds the
dataclasses the engine reads from the data once it passed.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from vsguard.models import VulnClass

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


class CatalogValidator(_Strict):
    callee: Regex
    clears: tuple[ClearName, ...] = Field(min_length=1)
    receiver: bool = False  # the checked value is the receiver (`x.isdigit()`), not the first argument
    second_arg: Regex | None = None


class RegexCheck(_Strict):
    callee: Regex
    whole: bool = False


class LibraryModels(_Strict):
    """See `taint_catalog.LibraryModels`: the same fields, checked."""

    global_names: tuple[str, ...] = ()  # known without an import (besides the adapter's own)
    receiver_names: tuple[str, ...] = ()  # a method's explicit first parameter naming the object
    keep_methods: tuple[str, ...] = ()  # the result carries the receiver's and arguments' taint
    mutators: tuple[str, ...] = ()  # put their arguments into the receiver
    appenders: tuple[str, ...] = ()  # ... as one more element
    mergers: tuple[str, ...] = ()  # ... as the entries of a mapping
    defaulters: tuple[str, ...] = ()  # ... as an entry only where its key is absent
    format_methods: tuple[str, ...] = ()  # the receiver is a template filled with the arguments
    join_methods: tuple[str, ...] = ()  # the receiver (a separator) joins the argument's items
    lookup_methods: tuple[str, ...] = ()  # mapping lookup: (key, default)
    replace_methods: tuple[str, ...] = ()  # replace every occurrence of argument 0 by argument 1
    leading_strippers: tuple[str, ...] = ()  # drop the leading characters listed in argument 0
    # `x.replace(/^[chars]+/, "")`: drop leading characters of a regex class given as argument 0
    leading_pattern_removers: tuple[str, ...] = ()
    copy_constructors: tuple[str, ...] = ()  # return their one argument's content
    text_constructor: str | None = None  # the text of its argument
    mapping_constructor: str | None = None  # builds a mapping from keyword arguments
    tuple_constructor: str | None = None  # an immutable sequence: a constant stays constant
    first_arg_keyword: str | None = None  # the keyword `first_arg_carries` calls may use instead
    url_parsers: Regex = NEVER  # calls returning the parts of the URL they are given
    url_host_attributes: tuple[str, ...] = ()  # the host part of a parsed URL
    path_constructors: Regex = NEVER  # call results (`...()`) that are filesystem paths
    path_type: str | None = None  # the qualified name attributes of a path value resolve under
    path_keep_receiver: tuple[str, ...] = ()  # sanitizing path methods whose receiver is the value
    prefix_checks: tuple[str, ...] = ()  # `x.startswith(c)`: x begins with c on the true branch
    containment_checks: tuple[str, ...] = ()  # on a normalised path, prove containment
    regex_checks: tuple[RegexCheck, ...] = ()  # (pattern, value) calls testing a regular expression
    percent_formats_text: bool = False  # `text % values` formats (printf-style)


class CatalogFile(_Strict):
    sources: dict[str, SourceGroup] = Field(min_length=1)
    route_decorators: Regex = NEVER
    html_route_decorators: Regex = NEVER
    handler_methods: Regex = NEVER
    handler_bases: Regex = NEVER
    request_params: Regex = NEVER
    request_annotations: Regex = NEVER
    injected_defaults: Regex = NEVER
    terminators: Regex = NEVER
    conversions: Regex = NEVER
    derived_results: Regex = NEVER
    numeric_annotations: Regex = NEVER
    first_arg_carries: Regex = NEVER
    sanitizers: tuple[CatalogSanitizer, ...] = ()
    validators: tuple[CatalogValidator, ...] = ()
    library: LibraryModels = LibraryModels()
