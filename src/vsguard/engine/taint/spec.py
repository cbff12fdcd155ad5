"""Compiled taint rules and language catalogs: regexes built once, looked up per call site."""

from __future__ import annotations

import re
from functools import cache

from vsguard.engine.lazy_regex import LazyRegex, Regex, ignores_case
from vsguard.engine.prefilter import Anchors, best_anchors, regex_anchors
from vsguard.engine.taint.adapter import LanguageAdapter
from vsguard.models import Confidence, Rule, SinkCondition, TaintMatch, TaintSink
from vsguard.records import field, record
from vsguard.rules.taint_catalog import LibraryModels, taint_catalog

REQUIRE_SOURCE = "source"  # only attacker-controlled data counts
REQUIRE_BUILT = "built"  # also text assembled from any non-constant value (SQL, shell)
REQUIRE_NONCONSTANT = "nonconstant"  # any value not fixed at analysis time
# only text spliced into a built string: a raw value is passed on as it is (Fastify's `reply.send`
# sends a bare string as text/plain; markup written around it shows the author means HTML)
REQUIRE_SPLICED = "spliced"


@record(frozen=True)
class Condition:
    """A constant an argument (or a keyword the argument's constructor got) must have."""

    keyword: str | None
    position: int | None
    equals: object = True
    fact: str | None = None  # look in the facts of the argument's value rather than the argument
    matches: Regex | None = None  # alternative to `equals`: the constant string matches
    given: bool = False  # alternative to `equals`: the argument is passed, whatever its value


@record(frozen=True)
class Sink:
    """A compiled sink: the calls (or stores, or handler returns) a taint rule flags."""

    callee: Regex | None = None
    args: tuple[int | str, ...] = (0,)
    when: tuple[Condition, ...] = ()  # all must hold (any of a `when_any` group)
    when_any: tuple[Condition, ...] = ()
    unless: tuple[Condition, ...] = ()  # any holding makes the call safe
    safe_prefix: Regex | None = None  # built strings whose constant start matches are safe
    returns: str | None = None  # "html_route": values returned by HTML request handlers
    store: Regex | None = None  # `container[key] = value` into a container with this name
    require: str | None = None  # overrides the rule's requirement for this sink
    printf: bool = False  # argument 0 is a %-format: arguments formatted with %r/%d/... are safe
    keys_only: bool = False  # `**mapping` sinks: only mappings whose keys the attacker picks count
    text_only: bool = False  # the sink takes text: an object or array literal is serialised (JSON)


@record(frozen=True)
class TaintSpec:
    """A taint rule compiled for the interpreter: its sinks, sources and prefilter words."""

    rule: Rule
    vuln_class: str
    sources: frozenset[str]
    require: str
    sinks: tuple[Sink, ...]
    source_confidence: Confidence = Confidence.HIGH
    anchors: Anchors = None  # words one of which a file needs before any sink can match
    call_anchors: Anchors = None  # the same for call and store sinks only (not handler returns)


def _sink_anchors(sinks: tuple[Sink, ...], returns_anchor: Anchors) -> Anchors:
    words: set[str] = set()
    for sink in sinks:
        pattern = sink.callee or sink.store
        if sink.args == ("**",):
            words.add("**")  # fires only on a `**mapping` argument
            continue
        found = regex_anchors(pattern.pattern) if pattern is not None else returns_anchor
        if pattern is not None and ignores_case(pattern):
            found = None
        options = [found] if found else []
        # A keyword the sink requires (`shell=True`), or keyword-only arguments it reads, must be
        # written in the call itself.
        options += [frozenset({c.keyword}) for c in sink.when if c.keyword and c.position is None]
        if sink.args and all(isinstance(a, str) and a not in ("receiver", "*", "**") for a in sink.args):
            options.append(frozenset(str(a) for a in sink.args))
        chosen = best_anchors(options)
        if chosen is None:
            return None
        words |= chosen
    return frozenset(words)


@record(frozen=True)
class Sanitizer:
    """Calls whose result is clean of the listed vulnerability classes."""

    callee: Regex
    clears: frozenset[str]
    leading: Regex | None = None  # clears only an argument whose known start matches


@record(frozen=True)
class Validator:
    """Checks after which a value is clean of the listed classes where the check held."""

    callee: Regex
    clears: frozenset[str]
    receiver: bool = False  # the checked value is the receiver (`x.isdigit()`), not the first argument
    second_arg: Regex | None = None


_NEVER = re.compile(r"(?!)")


@record(frozen=True)
class RegexCheck:
    callee: Regex
    whole: bool  # the match must cover the whole value


@record(frozen=True)
class Library:
    """The language library's flow models, compiled (see rules/taint_catalog.LibraryModels)."""

    global_names: frozenset[str] = frozenset()  # names known without an import (the adapter's)
    receiver_names: frozenset[str] = frozenset()
    keep_methods: frozenset[str] = frozenset()
    mutators: frozenset[str] = frozenset()
    builder_appends: frozenset[str] = frozenset()
    appenders: frozenset[str] = frozenset()
    mergers: frozenset[str] = frozenset()
    defaulters: frozenset[str] = frozenset()
    format_methods: frozenset[str] = frozenset()
    join_methods: frozenset[str] = frozenset()
    lookup_methods: frozenset[str] = frozenset()
    replace_methods: frozenset[str] = frozenset()
    leading_strippers: frozenset[str] = frozenset()
    leading_pattern_removers: frozenset[str] = frozenset()
    class_filters: frozenset[str] = frozenset()
    copy_constructors: frozenset[str] = frozenset()
    text_constructor: str | None = None
    mapping_constructor: str | None = None
    tuple_constructor: str | None = None
    first_arg_keyword: str | None = None
    url_parsers: Regex = _NEVER
    url_host_attributes: frozenset[str] = frozenset()
    path_constructors: Regex = _NEVER
    typed_params: Regex = _NEVER
    path_type: str | None = None
    path_keep_receiver: frozenset[str] = frozenset()
    prefix_checks: frozenset[str] = frozenset()
    containment_checks: frozenset[str] = frozenset()
    regex_checks: tuple[RegexCheck, ...] = ()
    percent_formats_text: bool = False
    printf_safe_conversions: str = ""


@record(frozen=True)
class Catalog:
    """A language's taint catalog with its regexes compiled."""

    sources: dict[str, tuple[str, Regex]]  # group -> (label, combined regex)
    route_decorators: Regex
    html_route_decorators: Regex
    handler_methods: Regex
    handler_bases: Regex
    request_params: Regex
    request_annotations: Regex
    injected_defaults: Regex
    terminators: Regex
    conversions: Regex
    derived_results: Regex
    numeric_annotations: Regex
    sanitizers: tuple[Sanitizer, ...]
    validators: tuple[Validator, ...]
    extra: dict[str, object] = field(default_factory=dict)
    # calls whose result carries only their first argument (`compile(code, filename, mode)`)
    first_arg_carries: Regex = field(default_factory=lambda: re.compile(r"(?!)"))
    # parameter annotations that bind the parameter to request data in any function (`@RequestParam`)
    bound_annotations: Regex = field(default_factory=lambda: re.compile(r"(?!)"))
    library: Library = field(default_factory=Library)


def _rx(value: str | list[str]) -> LazyRegex:
    if isinstance(value, list):
        value = "|".join(f"(?:{v})" for v in value)
    return LazyRegex(value)


@cache
def load_catalog(adapter: LanguageAdapter) -> Catalog:
    """The adapter's catalog, checked against the strict catalog schema and compiled once."""
    raw = taint_catalog(adapter.catalog_file)
    return Catalog(
        sources={name: (group.label, _rx(list(group.patterns))) for name, group in raw.sources.items()},
        route_decorators=_rx(raw.route_decorators),
        html_route_decorators=_rx(raw.html_route_decorators),
        handler_methods=_rx(raw.handler_methods),
        handler_bases=_rx(raw.handler_bases),
        request_params=_rx(raw.request_params),
        request_annotations=_rx(raw.request_annotations),
        injected_defaults=_rx(raw.injected_defaults),
        terminators=_rx(raw.terminators),
        conversions=_rx(raw.conversions),
        derived_results=_rx(raw.derived_results),
        numeric_annotations=_rx(raw.numeric_annotations),
        first_arg_carries=_rx(raw.first_arg_carries),
        bound_annotations=_rx(raw.bound_annotations),
        sanitizers=tuple(
            Sanitizer(_rx(s.callee), frozenset(s.clears), LazyRegex(s.leading) if s.leading else None)
            for s in raw.sanitizers
        ),
        validators=tuple(
            Validator(
                _rx(v.callee),
                frozenset(v.clears),
                v.receiver,
                _rx(v.second_arg) if v.second_arg else None,
            )
            for v in raw.validators
        ),
        library=_library(raw.library, adapter.global_names | frozenset(raw.library.global_names)),
    )


def _library(raw: LibraryModels, global_names: frozenset[str]) -> Library:
    return Library(
        global_names=global_names,
        receiver_names=frozenset(raw.receiver_names),
        keep_methods=frozenset(raw.keep_methods),
        mutators=frozenset(
            (*raw.mutators, *raw.builder_appends, *raw.appenders, *raw.mergers, *raw.defaulters)
        ),
        builder_appends=frozenset(raw.builder_appends),
        appenders=frozenset(raw.appenders),
        mergers=frozenset(raw.mergers),
        defaulters=frozenset(raw.defaulters),
        format_methods=frozenset(raw.format_methods),
        join_methods=frozenset(raw.join_methods),
        lookup_methods=frozenset(raw.lookup_methods),
        replace_methods=frozenset(raw.replace_methods),
        leading_strippers=frozenset(raw.leading_strippers),
        leading_pattern_removers=frozenset(raw.leading_pattern_removers),
        class_filters=frozenset(raw.class_filters),
        copy_constructors=frozenset(raw.copy_constructors),
        text_constructor=raw.text_constructor,
        mapping_constructor=raw.mapping_constructor,
        tuple_constructor=raw.tuple_constructor,
        first_arg_keyword=raw.first_arg_keyword,
        url_parsers=_rx(raw.url_parsers),
        url_host_attributes=frozenset(raw.url_host_attributes),
        path_constructors=_rx(raw.path_constructors),
        typed_params=_rx(raw.typed_params),
        path_type=raw.path_type,
        path_keep_receiver=frozenset(raw.path_keep_receiver),
        prefix_checks=frozenset(raw.prefix_checks),
        containment_checks=frozenset(raw.containment_checks),
        regex_checks=tuple(RegexCheck(_rx(c.callee), c.whole) for c in raw.regex_checks),
        percent_formats_text=raw.percent_formats_text,
        printf_safe_conversions=raw.printf_safe_conversions,
    )


def _condition(raw: SinkCondition) -> Condition:
    return Condition(
        keyword=raw.kwarg,
        position=raw.position,
        equals=raw.equals,
        fact=raw.fact,
        matches=LazyRegex(raw.matches) if raw.matches else None,
        given=raw.given,
    )


def _sink(raw: TaintSink, default_prefix: str | None = None) -> Sink:
    prefix = raw.safe_prefix or default_prefix
    return Sink(
        callee=_rx(raw.callee) if raw.callee else None,
        args=raw.args,
        when=tuple(_condition(c) for c in raw.when),
        when_any=tuple(_condition(c) for c in raw.when_any),
        unless=tuple(_condition(c) for c in raw.unless),
        safe_prefix=LazyRegex(prefix) if prefix else None,
        returns=raw.returns,
        store=_rx(raw.store) if raw.store else None,
        require=raw.require,
        keys_only=raw.keys_only,
        printf=raw.printf,
        text_only=raw.text_only,
    )


_COMPILED: dict[tuple[str, str], TaintSpec] = {}


_ROUTE_ANCHORS: dict[int, Anchors] = {}


def route_anchors(catalog: Catalog) -> Anchors:
    """Words every request-handler decorator of the catalog contains (for handler-return sinks)."""
    key = id(catalog)  # catalogs are loaded once per language and kept
    if key not in _ROUTE_ANCHORS:
        _ROUTE_ANCHORS[key] = _route_anchors(catalog)
    return _ROUTE_ANCHORS[key]


def _route_anchors(catalog: Catalog) -> Anchors:
    words: set[str] = set()
    for pattern in (catalog.route_decorators, catalog.html_route_decorators):
        if pattern.pattern == _NEVER.pattern:
            continue
        found = regex_anchors(pattern.pattern)
        if found is None:
            return None
        words |= found
    return frozenset(words)


def compile_rule(rule: Rule, returns_anchor: Anchors = None) -> TaintSpec:
    """The rule compiled; `returns_anchor` are the words a file needs for its handler-return
    sinks (`route_anchors` of the language's catalog; None: no such pre-check)."""
    key = (rule.id, rule.source_file)
    spec = _COMPILED.get(key)
    if spec is None or (spec.rule is not rule and spec.rule != rule):
        spec = _COMPILED[key] = _compile(rule, returns_anchor)
    return spec


def _match(rule: Rule) -> TaintMatch:
    if not isinstance(rule.match, TaintMatch):
        raise ValueError(f"rule {rule.id}: not a taint rule")
    return rule.match


def _compile(rule: Rule, returns_anchor: Anchors) -> TaintSpec:
    match = _match(rule)
    sinks = tuple(_sink(s, match.safe_prefix) for s in match.sinks)
    return TaintSpec(
        rule=rule,
        vuln_class=rule.vulnerability_class,
        sources=frozenset(match.sources),
        require=match.require,
        sinks=sinks,
        source_confidence=match.source_confidence,
        # handler returns need a route decorator, whose name the decorator regexes all contain
        anchors=_sink_anchors(sinks, returns_anchor),
        call_anchors=_sink_anchors(tuple(s for s in sinks if not s.returns), frozenset()),
    )


def extra_sanitizers(specs: tuple[TaintSpec, ...]) -> tuple[Sanitizer, ...]:
    """Rule-level `sanitizers:` entries, each clearing its rule's vulnerability class."""
    out = []
    for spec in specs:
        for pattern in _match(spec.rule).sanitizers:
            out.append(Sanitizer(_rx(pattern), frozenset({spec.vuln_class})))
    return tuple(out)


@record
class Lookups:
    """Per-rule-set memo of regex lookups by qualified name, shared by every file scanned."""

    sinks: dict[str, list[tuple[TaintSpec, Sink]]] = field(default_factory=dict)
    stores: dict[str, list[tuple[TaintSpec, Sink]]] = field(default_factory=dict)
    sources: dict[str, tuple[str, ...]] = field(default_factory=dict)
    clears: dict[str, frozenset[str] | None] = field(default_factory=dict)
    flags: dict[str, int] = field(default_factory=dict)

    def trim(self, limit: int = 50_000) -> None:
        for table in (self.sinks, self.stores, self.sources, self.clears, self.flags):
            if len(table) > limit:
                table.clear()


_LOOKUPS: dict[tuple[int, ...], Lookups] = {}


def lookups_for(specs: tuple[TaintSpec, ...]) -> Lookups:
    key = tuple(id(s) for s in specs)
    found = _LOOKUPS.get(key)
    if found is None:
        if len(_LOOKUPS) > 256:
            _LOOKUPS.clear()
        found = _LOOKUPS[key] = Lookups()
    found.trim()
    return found
