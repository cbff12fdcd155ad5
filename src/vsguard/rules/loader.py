"""Load the bundled rule files (package data) into typed `Rule` objects, one language at a time.

Parsing YAML is a large part of a scan's start-up cost (about 40 ms for every rule file), so each
language's folder is read the first time that language is scanned: a Python snippet never pays for
the Java rules. Nothing is cached on disk: detection logic comes only from the installed package.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from vsguard.engine.languages import GRAMMARS, rule_languages
from vsguard.models import Rule, TaintMatch
from vsguard.rules.build import build_rule
from vsguard.rules.checked import digest, group_of, proven_data, render
from vsguard.rules.fix_strategies import FIX_STRATEGIES
from vsguard.rules.taint_catalog import CatalogError, catalog_file_for, has_taint_catalog, taint_catalog

if TYPE_CHECKING:
    from pydantic import ValidationError


class RuleError(ValueError):
    """A rule file is malformed; the message names the file, the rule and the field."""


def parse_rule_file(text: str, name: str) -> list[Rule]:
    return rules_from_data(_read_yaml(text, name), name)


def _read_yaml(text: str, name: str) -> Any:
    from vsguard.yamlio import YAMLError, load_yaml  # only for files not proven valid ahead

    try:
        return load_yaml(text)
    except YAMLError as exc:
        raise RuleError(f"{name}: not valid YAML: {exc}") from exc


def _error_place(raw: Any, loc: list[int | str]) -> tuple[str, str]:
    """(rule id, dotted field) for a pydantic error location inside a rule file."""
    from vsguard.rules.schema import RULE_KINDS

    rule_id = "-"
    if len(loc) >= 2 and loc[0] == "rules" and isinstance(loc[1], int):
        entries = raw.get("rules") or []
        entry = entries[loc[1]] if loc[1] < len(entries) else None
        rule_id = str(entry.get("id", f"#{loc[1]}")) if isinstance(entry, dict) else f"#{loc[1]}"
        loc = loc[2:]
        if loc and loc[0] in RULE_KINDS:  # the tag of the kind's model, not a key of the file
            loc = loc[1:]
    return rule_id, ".".join(str(p) for p in loc)


def _schema_error(exc: ValidationError, raw: Any, name: str) -> RuleError:
    from vsguard.rules.schema import main_error

    loc, message = main_error(exc)
    rule_id, field = _error_place(raw, loc)
    if exc.errors()[0]["type"] == "rule_kind":
        field = "kind"
    return RuleError(f"{name}: rule {rule_id}: field {field or '(entry)'}: {message}")


def checked_data(raw: Any, name: str) -> dict[str, Any]:
    """The content of a rule file after the full schema check, in the schema's normal form
    (defaults filled in, `RuleError` naming the file, rule and field when something is wrong)."""
    from pydantic import ValidationError

    from vsguard.rules.schema import RuleFile

    try:
        parsed = RuleFile.model_validate(raw)
    except ValidationError as exc:
        raise _schema_error(exc, raw, name) from exc
    return parsed.model_dump(by_alias=True)


def rules_from_data(raw: Any, name: str, *, checked: bool = False) -> list[Rule]:
    """Typed rules from the parsed content of one rule file; `RuleError` names what is wrong.

    `checked` says the content is already proven valid (see `checked.py`): it is then built
    without the schema."""
    data = raw if checked else checked_data(raw, name)
    language = data["language"]
    if language not in GRAMMARS and language != "generic":
        raise RuleError(f"{name}: unknown language {language!r}")
    rules = [build_rule(entry, language, name) for entry in data["rules"]]
    for rule in rules:
        _check_references(rule, name)
    return rules


def _check_references(rule: Rule, name: str) -> None:
    """Names a rule takes from elsewhere: its fix strategy and, for taint rules, source groups."""
    language = rule.language
    if rule.fix is not None and not _strategy_exists(rule.fix.strategy, language):
        raise RuleError(
            f"{name}: rule {rule.id}: field fix.strategy: no fix strategy {rule.fix.strategy!r}"
            f" for {language} (see fixes/registry.py)"
        )
    if isinstance(rule.match, TaintMatch):
        if not has_taint_catalog(language):
            raise RuleError(f"{name}: rule {rule.id}: field kind: {language} has no taint catalog")
        try:
            groups = taint_catalog(catalog_file_for(language)).sources
        except CatalogError as exc:
            raise RuleError(str(exc)) from exc
        for i, source in enumerate(rule.match.sources):
            if source not in groups:
                raise RuleError(
                    f"{name}: rule {rule.id}: field match.sources.{i}: unknown source group"
                    f" {source!r} (known: {', '.join(sorted(groups))})"
                )


def _strategy_exists(strategy: str, language: str) -> bool:
    if language == "generic":  # a generic rule's fix runs in whatever language the finding is in
        return any(strategy in names for names in FIX_STRATEGIES.values())
    return any(strategy in FIX_STRATEGIES.get(lang, ()) for lang in (*rule_languages(language), "*"))


def _folders() -> list[str]:
    root = resources.files("vsguard.rules")
    return sorted(f.name for f in root.iterdir() if f.is_dir() and not f.name.startswith(("_", ".")))


@cache
def _folder_rules(folder: str) -> tuple[Rule, ...]:
    """Every rule in rules/<folder>/, in file order."""
    directory = resources.files("vsguard.rules").joinpath(folder)
    if not directory.is_dir():
        return ()
    rules: list[Rule] = []
    for item in sorted(directory.iterdir(), key=lambda t: t.name):
        if item.name.endswith((".yaml", ".yml")):
            name = f"{folder}/{item.name}"
            text = item.read_text(encoding="utf-8")
            proven = proven_data(name, text)
            if proven is not None:
                rules.extend(rules_from_data(proven, name, checked=True))
            else:
                rules.extend(rules_from_data(_read_yaml(text, name), name))
    return tuple(rules)


@cache
def load_rules() -> tuple[Rule, ...]:
    """Every bundled rule of every language; ids are unique across languages."""
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for folder in _folders():
        for rule in _folder_rules(folder):
            if rule.id in seen:
                raise RuleError(
                    f"{rule.source_file}: rule {rule.id}: field id: duplicate (also in {seen[rule.id]})"
                )
            seen[rule.id] = rule.source_file
            rules.append(rule)
    return tuple(rules)


@cache
def rules_for(language: str) -> tuple[Rule, ...]:
    """The rules written for `language` (its folder); reads no other language's files."""
    return tuple(r for r in _folder_rules(language) if r.language == language)


@cache
def _by_id() -> dict[str, Rule]:
    return {r.id: r for r in load_rules()}


def rule_by_id(rule_id: str) -> Rule | None:
    return _by_id().get(rule_id)


def proven_files() -> dict[str, str]:
    """The files of `rules/_proven/` for the bundled data as it is, by file name: every rule file
    and taint catalog put through the full schema (`RuleError`, `CatalogError` when one fails),
    then stored with its digest (see `checked.py`; written by scripts/build_checked_data.py)."""
    from vsguard.rules.taint_catalog import parse_taint_catalog

    groups: dict[str, dict[str, tuple[str, Any]]] = {}
    for folder in _folders():
        directory = resources.files("vsguard.rules").joinpath(folder)
        for item in sorted(directory.iterdir(), key=lambda t: t.name):
            if item.name.endswith((".yaml", ".yml")):
                name = f"{folder}/{item.name}"
                text = item.read_text(encoding="utf-8")
                raw = _read_yaml(text, name)
                rules_from_data(raw, name)
                groups.setdefault(group_of(name), {})[name] = (digest(text), raw)
    taint = resources.files("vsguard.engine").joinpath("taint")
    for item in sorted(taint.iterdir(), key=lambda t: t.name):
        if item.name.startswith("catalog_") and item.name.endswith(".yaml"):
            name = f"engine/taint/{item.name}"
            text = item.read_text(encoding="utf-8")
            raw = _read_yaml(text, name)
            parse_taint_catalog(raw, name)
            groups.setdefault(group_of(name), {})[name] = (digest(text), raw)
    return {f"{group}.json": render(entries) for group, entries in sorted(groups.items())}
