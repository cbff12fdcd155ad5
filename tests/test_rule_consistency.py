"""Rule ids, classes and CWEs agree across languages: a family of rules (one id after the language
prefix, e.g. `*-weak-hash`) means one class and one weakness in every language."""

from __future__ import annotations

from collections import defaultdict

from vsguard.models import Rule
from vsguard.rules.loader import load_rules
from vsguard.rules.schema import is_weakness

# Families whose members name different main CWEs on purpose, with the reason. May only shrink.
DIFFERENT_CWE = {
    # py-code-injection covers compile/import_module/runpy (CWE-94, code generation); the PHP and
    # Ruby rules cover eval of a string (CWE-95, eval injection); the Java and Kotlin rules cover
    # SpEL/OGNL/MVEL expressions (CWE-917, expression language injection).
    "code-injection": frozenset({94, 95, 917}),
}


def _families() -> dict[str, list[Rule]]:
    families: dict[str, list[Rule]] = defaultdict(list)
    for rule in load_rules():
        if rule.language != "generic":
            families[rule.id.split("-", 1)[1]].append(rule)
    return {name: rules for name, rules in families.items() if len(rules) > 1}


def test_every_language_has_one_id_prefix() -> None:
    prefixes: dict[str, set[str]] = defaultdict(set)
    for rule in load_rules():
        if rule.language != "generic":
            prefixes[rule.language].add(rule.id.split("-", 1)[0])
    several = {lang: sorted(p) for lang, p in prefixes.items() if len(p) > 1}
    assert not several, several
    owners: dict[str, list[str]] = defaultdict(list)
    for lang, names in prefixes.items():
        owners[min(names)].append(lang)
    assert all(len(langs) == 1 for langs in owners.values()), owners


def test_a_rule_family_has_one_class_and_one_main_cwe() -> None:
    mixed_class = {
        name: sorted({(r.id, r.vulnerability_class.value) for r in rules})
        for name, rules in _families().items()
        if len({r.vulnerability_class for r in rules}) > 1
    }
    assert not mixed_class, mixed_class
    mixed_cwe = {}
    for name, rules in _families().items():
        main = {r.cwe[0] for r in rules}
        if len(main) > 1 and DIFFERENT_CWE.get(name) != main:
            mixed_cwe[name] = sorted((r.id, r.cwe) for r in rules)
    assert not mixed_cwe, f"one family, several main CWEs: {mixed_cwe}"
    stale = {name for name, cwes in DIFFERENT_CWE.items() if {r.cwe[0] for r in _families()[name]} != cwes}
    assert not stale, f"no longer needed in DIFFERENT_CWE: {stale}"


def test_every_cwe_is_a_weakness_and_redos_is_not_a_category() -> None:
    rules = load_rules()
    assert all(is_weakness(c) for r in rules for c in r.cwe)
    assert not any(730 in r.cwe for r in rules)  # the ReDoS category; the weakness is CWE-1333


def test_cookie_rules_share_one_class_so_a_cookie_fix_finds_them_in_every_language() -> None:
    from vsguard.fixes.selection import rules_for_selector

    cookie_rules = {r.id for r in load_rules() if 614 in r.cwe or 1004 in r.cwe or 1275 in r.cwe}
    chosen, _ = rules_for_selector("cookies", None)
    assert chosen is not None and cookie_rules <= {r.id for r in chosen}
    languages = {r.language for r in load_rules() if r.id in cookie_rules}
    assert {"java", "kotlin", "python", "javascript", "go", "csharp", "rust"} <= languages
