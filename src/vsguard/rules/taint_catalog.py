"""Shape of a taint catalog (engine/taint/catalog_<language>.yaml): one language's flow facts.

Taint rules name the catalog's source groups, and the catalog's sanitizers and validators name
vulnerability classes, so both sides are checked at load: an unknown key, group or class is an
error naming the file, the entry and the field. The catalog for language L is `catalog_L.yaml`
next to the taint engine (each taint adapter's `catalog_file` follows that name).
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any, ClassVar

from vsguard.records import field, record
from vsguard.rules.checked import proven_data

Regex = str | list[str]
NEVER = r"(?!)"  # a catalog entry left out matches nothing


class CatalogError(ValueError):
    """A taint catalog is malformed; the message names the file, the entry and the field."""


@record(frozen=True, slots=True, kw_only=True)
class SourceGroup:
    """A named group of source patterns (request data, environment, model output)."""

    label: str
    patterns: tuple[str, ...]


@record(frozen=True, slots=True, kw_only=True)
class CatalogSanitizer:
    """Calls whose result is clean of the listed classes."""

    callee: Regex
    clears: tuple[str, ...]
    leading: str | None = None  # only for an argument whose fixed leading text matches this


@record(frozen=True, slots=True, kw_only=True)
class CatalogValidator:
    """Checks after which a value is clean of the listed classes."""

    callee: Regex
    clears: tuple[str, ...]
    receiver: bool = False  # the checked value is the receiver (`x.isdigit()`), not the first argument
    second_arg: Regex | None = None


@record(frozen=True, slots=True, kw_only=True)
class RegexCheck:
    """A (pattern, value) call testing a regular expression."""

    __pydantic_config__: ClassVar[dict[str, Any]] = {"extra": "forbid"}

    callee: Regex
    whole: bool = False  # the match covers the whole value (`re.fullmatch`), not just its start


@record(frozen=True, slots=True, kw_only=True)
class LibraryModels:
    """How the language's own library moves values: the interpreter knows no library itself.

    Method lists name methods by their bare name (`x.strip()`); regexes match qualified names.
    The catalog schema checks this record itself (`taint_catalog_schema.CatalogFile.library`).
    """

    __pydantic_config__: ClassVar[dict[str, Any]] = {"extra": "forbid"}

    global_names: tuple[str, ...] = ()  # known without an import (besides the adapter's own)
    receiver_names: tuple[str, ...] = ()  # a method's explicit first parameter naming the object
    keep_methods: tuple[str, ...] = ()  # the result carries the receiver's and arguments' taint
    mutators: tuple[str, ...] = ()  # put their arguments into the receiver
    # append text to the receiver (a string builder) and return it, so calls chain (`b.add(x).add(y)`)
    builder_appends: tuple[str, ...] = ()
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
    # `x.replaceAll("[^chars]+", "")`: a regex replace deleting every character outside a class
    class_filters: tuple[str, ...] = ()
    copy_constructors: tuple[str, ...] = ()  # return their one argument's content
    text_constructor: str | None = None  # the text of its argument
    mapping_constructor: str | None = None  # builds a mapping from keyword arguments
    tuple_constructor: str | None = None  # an immutable sequence: a constant stays constant
    first_arg_keyword: str | None = None  # the keyword `first_arg_carries` calls may use instead
    url_parsers: Regex = NEVER  # calls returning the parts of the URL they are given
    url_host_attributes: tuple[str, ...] = ()  # the host part of a parsed URL
    path_constructors: Regex = NEVER  # call results (`...()`) that are filesystem paths
    # parameter annotations naming a type: the parameter's value is named by its type (without a
    # leading `*`), so `db.Query` of `db *sql.DB` reads as the type's method (Go)
    typed_params: Regex = NEVER
    path_type: str | None = None  # the qualified name attributes of a path value resolve under
    path_keep_receiver: tuple[str, ...] = ()  # sanitizing path methods whose receiver is the value
    prefix_checks: tuple[str, ...] = ()  # `x.startswith(c)`: x begins with c on the true branch
    containment_checks: tuple[str, ...] = ()  # on a normalised path, prove containment
    regex_checks: tuple[RegexCheck, ...] = ()  # (pattern, value) calls testing a regular expression
    percent_formats_text: bool = False  # `text % values` formats (printf-style)
    printf_safe_conversions: str = ""  # %-conversions that carry no raw text (`printf` sinks)


@record(frozen=True, slots=True, kw_only=True)
class TaintCatalog:
    """One language's flow facts (the fields of `taint_catalog_schema.CatalogFile`)."""

    sources: dict[str, SourceGroup]
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
    sanitizers: tuple[CatalogSanitizer, ...] = field(default=())
    validators: tuple[CatalogValidator, ...] = field(default=())
    library: LibraryModels = field(default_factory=LibraryModels)


_REGEX_FIELDS = (
    "route_decorators",
    "html_route_decorators",
    "handler_methods",
    "handler_bases",
    "request_params",
    "request_annotations",
    "bound_annotations",
    "injected_defaults",
    "terminators",
    "conversions",
    "derived_results",
    "numeric_annotations",
    "first_arg_carries",
)


_LIBRARY_REGEXES = frozenset({"url_parsers", "path_constructors", "typed_params"})


def _library(data: dict[str, Any]) -> LibraryModels:
    """The library models from checked data: name lists become tuples, regexes stay as written."""
    fields: dict[str, Any] = {
        k: tuple(v) if isinstance(v, list) and k not in _LIBRARY_REGEXES else v for k, v in data.items()
    }
    fields["regex_checks"] = tuple(
        RegexCheck(callee=c["callee"], whole=c.get("whole", False)) for c in data.get("regex_checks", ())
    )
    return LibraryModels(**fields)


def _build(data: dict[str, Any]) -> TaintCatalog:
    """The dataclasses from checked data (the file as read, or the schema's dump of it)."""
    return TaintCatalog(
        sources={
            k: SourceGroup(label=g["label"], patterns=tuple(g["patterns"]))
            for k, g in data["sources"].items()
        },
        **{f: data[f] for f in _REGEX_FIELDS if f in data},
        sanitizers=tuple(
            CatalogSanitizer(callee=e["callee"], clears=tuple(e["clears"]), leading=e.get("leading"))
            for e in data.get("sanitizers", ())
        ),
        validators=tuple(
            CatalogValidator(
                callee=e["callee"],
                clears=tuple(e["clears"]),
                receiver=e.get("receiver", False),
                second_arg=e.get("second_arg"),
            )
            for e in data.get("validators", ())
        ),
        library=_library(data.get("library") or {}),
    )


def catalog_file_for(language: str) -> str:
    return f"catalog_{language}.yaml"


def parse_taint_catalog(raw: Any, name: str, *, checked: bool = False) -> TaintCatalog:
    """The typed catalog from the parsed content of one file; `CatalogError` names what is wrong.
    `checked` says the content is already proven valid (see `checked.py`)."""
    return _build(raw if checked else _checked_data(raw, name))


def _checked_data(raw: Any, name: str) -> dict[str, Any]:
    """The content after the full schema check, defaults filled in."""
    from pydantic import ValidationError

    from vsguard.rules.schema import main_error
    from vsguard.rules.taint_catalog_schema import CatalogFile

    try:
        return CatalogFile.model_validate(raw).model_dump()
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
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise CatalogError(f"{name}: no such taint catalog") from exc
    proven = proven_data(name, text)
    if proven is not None:
        return parse_taint_catalog(proven, name, checked=True)
    from vsguard.yamlio import YAMLError, load_yaml  # only for a catalog not proven valid ahead

    try:
        raw = load_yaml(text)
    except YAMLError as exc:
        raise CatalogError(f"{name}: not valid YAML: {exc}") from exc
    return parse_taint_catalog(raw, name)


@cache
def has_taint_catalog(language: str) -> bool:
    return resources.files("vsguard.engine").joinpath("taint", catalog_file_for(language)).is_file()
