"""Load the bundled rule files (package data) into typed `Rule` objects, once per process."""

from __future__ import annotations

from functools import cache
from importlib import resources

from pydantic import ValidationError

from vsguard.engine.languages import GRAMMARS
from vsguard.models import Rule
from vsguard.rules.schema import RuleFile
from vsguard.yamlio import YAMLError, load_yaml


class RuleError(ValueError):
    """A rule file is malformed; the message names the file, the rule and the field."""


def parse_rule_file(text: str, name: str) -> list[Rule]:
    try:
        raw = load_yaml(text)
    except YAMLError as exc:
        raise RuleError(f"{name}: not valid YAML: {exc}") from exc
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


@cache
def load_rules() -> tuple[Rule, ...]:
    """Every bundled rule; ids are unique across languages."""
    root = resources.files("vsguard.rules")
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for folder in sorted(root.iterdir(), key=lambda t: t.name):
        if not folder.is_dir() or folder.name.startswith("_"):
            continue
        for item in sorted(folder.iterdir(), key=lambda t: t.name):
            if not item.name.endswith((".yaml", ".yml")):
                continue
            name = f"{folder.name}/{item.name}"
            for rule in parse_rule_file(item.read_text(encoding="utf-8"), name):
                if rule.id in seen:
                    raise RuleError(f"{name}: rule {rule.id}: field id: duplicate (also in {seen[rule.id]})")
                seen[rule.id] = name
                rules.append(rule)
    return tuple(rules)


@cache
def rules_for(language: str) -> tuple[Rule, ...]:
    return tuple(r for r in load_rules() if r.language == language)


def rule_by_id(rule_id: str) -> Rule | None:
    return next((r for r in load_rules() if r.id == rule_id), None)
