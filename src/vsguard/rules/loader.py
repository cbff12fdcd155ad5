"""Load the bundled rule files (package data) into typed `Rule` objects, one language at a time.

Parsing YAML is most of a scan's start-up cost (about 40 ms for every rule file), so each
language's folder is read the first time that language is scanned: a Python snippet never pays for
the Java rules. Nothing is cached on disk: detection logic comes only from the installed package.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

from pydantic import ValidationError

from vsguard.engine.languages import GRAMMARS
from vsguard.models import Rule
from vsguard.rules.schema import RuleFile
from vsguard.yamlio import YAMLError, load_yaml


class RuleError(ValueError):
    """A rule file is malformed; the message names the file, the rule and the field."""


def parse_rule_file(text: str, name: str) -> list[Rule]:
    return rules_from_data(_read_yaml(text, name), name)


def _read_yaml(text: str, name: str) -> Any:
    try:
        return load_yaml(text)
    except YAMLError as exc:
        raise RuleError(f"{name}: not valid YAML: {exc}") from exc


def rules_from_data(raw: Any, name: str) -> list[Rule]:
    """Typed rules from the parsed content of one rule file; `RuleError` names what is wrong."""
    try:
        parsed = RuleFile.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = list(err["loc"])
        rule_id = "-"
        if len(loc) >= 2 and loc[0] == "rules" and isinstance(loc[1], int):
            entries = raw.get("rules") or []
            rule_id = str(entries[loc[1]].get("id", f"#{loc[1]}")) if loc[1] < len(entries) else "-"
            loc = loc[2:]
        field = ".".join(str(p) for p in loc) or "(entry)"
        raise RuleError(f"{name}: rule {rule_id}: field {field}: {err['msg']}") from exc
    if parsed.language not in GRAMMARS and parsed.language != "generic":
        raise RuleError(f"{name}: unknown language {parsed.language!r}")
    rules = []
    for entry in parsed.rules:
        match = dict(entry.match)
        if entry.require:
            match["require"] = [r.model_dump(by_alias=True) for r in entry.require]
        rules.append(
            Rule(
                id=entry.id,
                language=parsed.language,
                title=entry.title,
                message=entry.message.strip(),
                remediation=entry.remediation.strip(),
                severity=entry.severity,
                confidence=entry.confidence,
                cwe=tuple(entry.cwe),
                asvs=tuple(entry.asvs),
                kind=entry.kind,
                tags=tuple(entry.tags),
                vulnerability_class=entry.vulnerability_class,
                match=match,
                fix=entry.fix,
                source_file=name,
            )
        )
    return rules


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
            rules.extend(rules_from_data(_read_yaml(item.read_text(encoding="utf-8"), name), name))
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
