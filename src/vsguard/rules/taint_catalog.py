"""Shape of a taint catalog (engine/taint/catalog_<language>.yaml): one language's flow facts.

Taint rules name the catalog's source groups, and the catalog's sanitizers and validators name
vulnerability classes, so both sides are checked at load: an unknown key, group or class is an
error naming the file, the entry and the field. The catalog for language L is `catalog_L.yaml`
next to the taint engine (each taint adapter's `catalog_file` follows that name).
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from vsguard.models import VulnClass
from vsguard.rules.schema import main_error
from vsguard.yamlio import YAMLError, load_yaml

# What a sanitizer or validator may clear besides a vulnerability class: every class, or the
# path-normalisation mark that `startswith` checks on a normalised path turn into path safety.
_CLEARABLE = frozenset({*(c.value for c in VulnClass), "*", "path_normalized"})


def _known_clear(value: str) -> str:
    if value not in _CLEARABLE:
        raise ValueError(f"unknown vulnerability class {value!r} (see models.VulnClass, or '*')")
    return value


ClearName = Annotated[str, AfterValidator(_known_clear)]
Regex = str | list[str]
_NEVER = r"(?!)"  # a catalog entry left out matches nothing


class CatalogError(ValueError):
    """A taint catalog is malformed; the message names the file, the entry and the field."""


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
    whole: bool = False  # the match covers the whole value (`re.fullmatch`), not just its start


class LibraryModels(_Strict):
    """How the language's own library moves values: the interpreter knows no library itself.

    Method lists name methods by their bare name (`x.strip()`); regexes match qualified names.
    """

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
    url_parsers: Regex = _NEVER  # calls returning the parts of the URL they are given
    url_host_attributes: tuple[str, ...] = ()  # the host part of a parsed URL
    path_constructors: Regex = _NEVER  # call results (`...()`) that are filesystem paths
    path_type: str | None = None  # the qualified name attributes of a path value resolve under
    path_keep_receiver: tuple[str, ...] = ()  # sanitizing path methods whose receiver is the value
    prefix_checks: tuple[str, ...] = ()  # `x.startswith(c)`: x begins with c on the true branch
    containment_checks: tuple[str, ...] = ()  # on a normalised path, prove containment
    regex_checks: tuple[RegexCheck, ...] = ()  # (pattern, value) calls testing a regular expression
    percent_formats_text: bool = False  # `text % values` formats (printf-style)


class TaintCatalog(_Strict):
    sources: dict[str, SourceGroup] = Field(min_length=1)
    route_decorators: Regex = _NEVER
    html_route_decorators: Regex = _NEVER
    handler_methods: Regex = _NEVER
    handler_bases: Regex = _NEVER
    request_params: Regex = _NEVER
    request_annotations: Regex = _NEVER
    injected_defaults: Regex = _NEVER
    terminators: Regex = _NEVER
    conversions: Regex = _NEVER
    derived_results: Regex = _NEVER
    numeric_annotations: Regex = _NEVER
    first_arg_carries: Regex = _NEVER
    sanitizers: tuple[CatalogSanitizer, ...] = ()
    validators: tuple[CatalogValidator, ...] = ()
    library: LibraryModels = LibraryModels()


def catalog_file_for(language: str) -> str:
    return f"catalog_{language}.yaml"


def parse_taint_catalog(raw: Any, name: str) -> TaintCatalog:
    """The typed catalog from the parsed content of one file; `CatalogError` names what is wrong."""
    try:
        return TaintCatalog.model_validate(raw)
    except ValidationError as exc:
        where, message = main_error(exc)
        loc = [str(p) for p in where] or ["(file)"]
        # sources.<group>.<field>, sanitizers.<n>.<field>: the entry is the first two parts;
        # a top-level key is its own entry
        split = 2 if loc[0] in ("sources", "sanitizers", "validators") and len(loc) > 2 else 1
        field = ".".join(loc[split:]) or loc[-1]
        raise CatalogError(f"{name}: entry {'.'.join(loc[:split])}: field {field}: {message}") from exc


@cache
def taint_catalog(file_name: str) -> TaintCatalog:
    """The bundled catalog `file_name` (engine/taint/<file_name>), read and checked once."""
    path = resources.files("vsguard.engine").joinpath("taint", file_name)
    name = f"engine/taint/{file_name}"
    try:
        raw = load_yaml(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise CatalogError(f"{name}: no such taint catalog") from exc
    except YAMLError as exc:
        raise CatalogError(f"{name}: not valid YAML: {exc}") from exc
    return parse_taint_catalog(raw, name)


@cache
def has_taint_catalog(language: str) -> bool:
    return resources.files("vsguard.engine").joinpath("taint", catalog_file_for(language)).is_file()
