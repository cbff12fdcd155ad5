"""Rule files and taint catalogs are strictly typed: a mistake fails at load, naming the file, the
rule (or catalog entry) and the field, instead of silently disabling a rule."""

from __future__ import annotations

import csv
from importlib import resources
from typing import get_args

import pytest
from refdata import shared_file

from vsguard.engine import scanner
from vsguard.engine.predicates import PREDICATES
from vsguard.engine.taint import spec
from vsguard.engine.taint.adapter import adapter_for
from vsguard.fixes.registry import ANY_LANGUAGE, registered, strategy_for_rule
from vsguard.fixes.selection import TYPE_ALIASES
from vsguard.models import MetavarPredicate, PatternMatch, TaintMatch, TaintRequirement, VulnClass, to_dict
from vsguard.records import FrozenInstanceError
from vsguard.rules.fix_strategies import FIX_STRATEGIES
from vsguard.rules.loader import RuleError, load_rules, parse_rule_file, rules_for
from vsguard.rules.schema import cwe_weaknesses
from vsguard.rules.taint_catalog import CatalogError, catalog_file_for, parse_taint_catalog, taint_catalog
from vsguard.yamlio import load_yaml

_COMMON = """\
    title: Example rule
    severity: high
    confidence: high
    asvs: [V1.3.2]
    message: A message long enough to pass.
    remediation: A remediation long enough.
"""

PATTERN = (
    """\
language: python
rules:
  - id: py-example-rule
    vulnerability_class: code_injection
    cwe: [95]
"""
    + _COMMON
    + """\
    match:
      rule: {pattern: eval($X)}
      constraints: {X: {regex: '^a'}}
    require:
      - {metavar: X, is: dynamic_string}
    fix: {strategy: eval_to_literal_eval}
"""
)

TAINT = (
    """\
language: python
rules:
  - id: py-example-flow
    kind: taint
    vulnerability_class: command_injection
    cwe: [78]
"""
    + _COMMON
    + """\
    match:
      sources: [web, cli]
      require: built
      sinks:
        - {callee: '^os\\.system$', args: [0], when: [{kwarg: shell, equals: true}]}
"""
)

SECRETS = (
    """\
language: generic
rules:
  - id: gen-example-secret
    kind: secrets
    vulnerability_class: hardcoded_secret
    cwe: [798]
"""
    + _COMMON
    + """\
    match: {detector: secrets}
    fix: {strategy: secret_to_env}
"""
)


@pytest.mark.parametrize("text", [PATTERN, TAINT, SECRETS], ids=["pattern", "taint", "secrets"])
def test_good_rule_of_each_kind_loads(text: str) -> None:
    (rule,) = parse_rule_file(text, "python/x.yaml")
    assert isinstance(rule.vulnerability_class, VulnClass)


def test_loaded_pattern_rule_is_typed() -> None:
    (rule,) = parse_rule_file(PATTERN, "python/x.yaml")
    assert isinstance(rule.match, PatternMatch) and rule.match.constraints == {"X": {"regex": "^a"}}
    assert [(r.metavar, r.is_) for r in rule.require] == [("X", "dynamic_string")]
    assert rule.fix is not None and rule.fix.strategy == "eval_to_literal_eval"


BAD = [
    # misspelt keys, at every level the engine reads
    (PATTERN, ("      rule: {pattern", "      rul: {pattern"), "py-example-rule", "match.rul"),
    (PATTERN, ("      constraints:", "      constraint:"), "py-example-rule", "match.constraint"),
    (PATTERN, ("{metavar: X,", "{metavr: X,"), "py-example-rule", "require.0.metavr"),
    (PATTERN, ("    remediation:", "    remediaton:"), "py-example-rule", "remediaton"),
    (PATTERN, ("fix: {strategy:", "fix: {strategey:"), "py-example-rule", "fix.strategey"),
    (TAINT, ("{callee: '^os", "{calee: '^os"), "py-example-flow", "match.sinks.0.calee"),
    (TAINT, ("args: [0]", "argz: [0]"), "py-example-flow", "match.sinks.0.argz"),
    (TAINT, ("{kwarg: shell,", "{keyword: shell,"), "py-example-flow", "match.sinks.0.when.0.keyword"),
    (TAINT, ("      sources:", "      source:"), "py-example-flow", "match.source"),
    (
        SECRETS,
        ("{detector: secrets}", "{detector: secrets, entropy: 3}"),
        "gen-example-secret",
        "match.entropy",
    ),
    # closed vocabularies
    (PATTERN, ("is: dynamic_string", "is: dynamic_strng"), "py-example-rule", "require.0.is"),
    (TAINT, ("require: built", "require: builtin"), "py-example-flow", "match.require"),
    (TAINT, ("kind: taint", "kind: tainted"), "py-example-flow", "kind"),
    (
        PATTERN,
        ("vulnerability_class: code_injection", "vulnerability_class: eval"),
        "py-example-rule",
        "vulnerability_class",
    ),
    (TAINT, ("command_injection", "cookie_security"), "py-example-flow", "vulnerability_class"),
    # names defined elsewhere
    (TAINT, ("sources: [web, cli]", "sources: [web, cli_args]"), "py-example-flow", "match.sources.1"),
    (PATTERN, ("eval_to_literal_eval", "eval_to_json_parse"), "py-example-rule", "fix.strategy"),
    (PATTERN, ("eval_to_literal_eval", "escape_shell_args"), "py-example-rule", "fix.strategy"),
    (SECRETS, ("secret_to_env", "secret_to_vault"), "gen-example-secret", "fix.strategy"),
    # CWE ids that are not weaknesses: a category, a view, an id that does not exist
    (PATTERN, ("cwe: [95]", "cwe: [95, 730]"), "py-example-rule", "cwe"),
    (TAINT, ("cwe: [78]", "cwe: [1000]"), "py-example-flow", "cwe"),
    (TAINT, ("cwe: [78]", "cwe: [99999]"), "py-example-flow", "cwe"),
]


@pytest.mark.parametrize(("text", "edit", "rule_id", "field"), BAD)
def test_rule_mistake_fails_naming_file_rule_and_field(
    text: str, edit: tuple[str, str], rule_id: str, field: str
) -> None:
    bad = text.replace(*edit, 1)
    assert bad != text
    with pytest.raises(RuleError) as exc:
        parse_rule_file(bad, "python/x.yaml")
    assert str(exc.value).startswith(f"python/x.yaml: rule {rule_id}: field {field}: "), str(exc.value)


def test_cwe_error_says_why() -> None:
    with pytest.raises(RuleError, match=r"CWE-730 is not a CWE 4\.14 weakness"):
        parse_rule_file(PATTERN.replace("cwe: [95]", "cwe: [730]"), "python/x.yaml")


def test_taint_rule_for_a_language_without_catalog_fails() -> None:
    text = TAINT.replace("language: python", "language: dockerfile")
    with pytest.raises(RuleError, match=r"rule py-example-flow: field kind: dockerfile has no taint catalog"):
        parse_rule_file(text, "dockerfile/x.yaml")


def _catalog_text(language: str) -> str:
    return resources.files("vsguard.engine").joinpath("taint", catalog_file_for(language)).read_text("utf-8")


CATALOG_BAD = [
    (
        ("  web:\n    label: request data\n    patterns:", "  web:\n    label: request data\n    pattern:"),
        "sources.web",
        "pattern",
    ),
    (("sanitizers:\n", "sanitisers:\n"), "sanitisers", "sanitisers"),
    (("clears: [command_injection]", "clears: [comand_injection]"), "sanitizers.0", "clears.0"),
    (("receiver: true", "reciever: true"), "validators.1", "reciever"),
    (("route_decorators:", "route_decorator:"), "route_decorator", "route_decorator"),
]


@pytest.mark.parametrize(("edit", "entry", "field"), CATALOG_BAD)
def test_catalog_mistake_fails_naming_file_entry_and_field(
    edit: tuple[str, str], entry: str, field: str
) -> None:
    text = _catalog_text("python")
    bad = text.replace(*edit, 1)
    assert bad != text
    with pytest.raises(CatalogError) as exc:
        parse_taint_catalog(load_yaml(bad), "engine/taint/catalog_python.yaml")
    assert str(exc.value).startswith(f"engine/taint/catalog_python.yaml: entry {entry}: field {field}: ")


def _bundled_rule_files() -> list[tuple[str, str]]:
    root = resources.files("vsguard.rules")
    return sorted(
        (f"{folder.name}/{item.name}", item.read_text(encoding="utf-8"))
        for folder in root.iterdir()
        if folder.is_dir() and not folder.name.startswith(("_", "."))
        for item in folder.iterdir()
        if item.name.endswith((".yaml", ".yml"))
    )


def test_every_bundled_rule_file_loads_under_the_strict_schema() -> None:
    files = _bundled_rule_files()
    assert len(files) >= 30
    count = sum(len(parse_rule_file(text, name)) for name, text in files)
    assert count == len(load_rules())


_CATALOG_LANGUAGES = sorted(
    f.name.removeprefix("catalog_").removesuffix(".yaml")
    for f in resources.files("vsguard.engine").joinpath("taint").iterdir()
    if f.name.startswith("catalog_") and f.name.endswith(".yaml")
)


def test_every_taint_rule_language_has_a_catalog() -> None:
    assert _CATALOG_LANGUAGES == ["csharp", "go", "java", "javascript", "php", "python", "ruby"]
    assert {r.language for r in load_rules() if r.kind == "taint"} <= set(_CATALOG_LANGUAGES)


@pytest.mark.parametrize("language", _CATALOG_LANGUAGES)
def test_bundled_taint_catalogs_load_and_adapters_name_them(language: str) -> None:
    adapter = adapter_for(language)
    assert adapter is not None and adapter.catalog_file == catalog_file_for(language)
    parsed = parse_taint_catalog(load_yaml(_catalog_text(language)), adapter.catalog_file)
    assert parsed == taint_catalog(adapter.catalog_file) and parsed.sources


def test_every_rule_fix_names_a_registered_strategy() -> None:
    missing = [r.id for r in load_rules() if r.fix is not None and strategy_for_rule(r) is None]
    assert not missing


def test_fix_strategy_table_is_the_registry() -> None:
    table: dict[str, set[str]] = {}
    for name, language in registered():
        table.setdefault(language, set()).add(name)
    assert ANY_LANGUAGE not in table or ANY_LANGUAGE in FIX_STRATEGIES
    assert {lang: set(names) for lang, names in FIX_STRATEGIES.items()} == table


def test_closed_vocabularies_match_the_engine() -> None:
    assert set(get_args(MetavarPredicate)) == set(PREDICATES)
    engine_requirements = {
        spec.REQUIRE_SOURCE,
        spec.REQUIRE_BUILT,
        spec.REQUIRE_NONCONSTANT,
        spec.REQUIRE_SPLICED,
    }
    assert set(get_args(TaintRequirement)) == engine_requirements


def test_vulnerability_classes_are_one_closed_set() -> None:
    used = {r.vulnerability_class for r in load_rules()}
    assert used == set(VulnClass), "every class is used by a rule, and only these classes"
    assert all(isinstance(c, VulnClass) for targets in TYPE_ALIASES.values() for c in targets)


def test_vendored_cwe_weaknesses_are_the_research_view() -> None:
    path = shared_file("cwe", "cwe-1000-research-view-v4.14.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        official = {int(row["CWE-ID"]) for row in csv.DictReader(handle)}
    assert cwe_weaknesses() == official
    assert {730, 1000, 699}.isdisjoint(cwe_weaknesses())  # a category and two views
    assert {1333, 78, 79, 89} <= cwe_weaknesses()


def test_scanning_leaves_the_loaded_rules_unchanged() -> None:
    loaded = rules_for("python")
    before = [to_dict(r) for r in loaded]
    code = "import hashlib, re, os\nhashlib.md5(b'x')\nre.compile(os.environ['P'])\nos.system(input())\n"
    assert scanner.scan_text(code, "python").findings
    assert [to_dict(r) for r in rules_for("python")] == before
    fast = scanner._fast_rule(next(r for r in loaded if r.id == "py-weak-hash"))
    assert isinstance(fast.match, PatternMatch) and "_from" not in fast.match.config()


def test_rules_are_immutable() -> None:
    rule = next(r for r in load_rules() if r.kind == "taint")
    assert isinstance(rule.match, TaintMatch)
    with pytest.raises(FrozenInstanceError):
        rule.match.sinks[0].callee = "x"  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        rule.match = rule.match  # type: ignore[misc]
