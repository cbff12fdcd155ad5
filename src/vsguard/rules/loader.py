"""Load the bundled rule files (package data) into typed `Rule` objects, once per process.

Reading YAML is most of the start-up cost of a scan (about 50 ms for all rule files, against 2 ms
for the same data as JSON), so the parsed data is kept in a JSON file in the user's cache
directory, named by a hash of every rule file's name and text: an edited rule file simply misses
the cache. Set VSGUARD_NO_CACHE=1 to neither read nor write it; an unwritable cache is ignored.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from functools import cache
from importlib import resources
from pathlib import Path
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


def _rule_texts() -> list[tuple[str, str]]:
    """(folder/file name, text) of every bundled rule file, in a stable order."""
    root = resources.files("vsguard.rules")
    found = []
    for folder in sorted(root.iterdir(), key=lambda t: t.name):
        if not folder.is_dir() or folder.name.startswith("_"):
            continue
        for item in sorted(folder.iterdir(), key=lambda t: t.name):
            if item.name.endswith((".yaml", ".yml")):
                found.append((f"{folder.name}/{item.name}", item.read_text(encoding="utf-8")))
    return found


def _cache_file(texts: list[tuple[str, str]]) -> Path | None:
    if os.environ.get("VSGUARD_NO_CACHE"):
        return None
    digest = hashlib.sha256()
    for name, text in texts:
        digest.update(f"{name}\0{len(text)}\0".encode())
        digest.update(text.encode("utf-8", "surrogatepass"))
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "vsguard" / f"rules-{digest.hexdigest()[:32]}.json"


def _parsed_rule_files(texts: list[tuple[str, str]]) -> list[Any]:
    """The parsed content of each rule file, from the cache when it holds these exact texts."""
    path = _cache_file(texts)
    if path is not None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(data, list) and len(data) == len(texts):
                return data
        except (OSError, ValueError):
            pass
    parsed = [_read_yaml(text, name) for name, text in texts]
    if path is not None:
        _store(path, parsed)
    return parsed


def _store(path: Path, parsed: list[Any]) -> None:
    """Write the cache atomically, only when JSON gives back exactly what YAML gave."""
    try:
        encoded = json.dumps(parsed)
        if json.loads(encoded) != parsed:
            return  # e.g. YAML dates or non-string keys: read the YAML every time instead
        path.parent.mkdir(parents=True, exist_ok=True)
        for stale in path.parent.glob("rules-*.json"):
            stale.unlink(missing_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(encoded)
        os.replace(tmp, path)
    except (OSError, TypeError, ValueError):
        pass  # a read-only or full disk costs speed, never a scan


@cache
def load_rules() -> tuple[Rule, ...]:
    """Every bundled rule; ids are unique across languages."""
    texts = _rule_texts()
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for (name, _), raw in zip(texts, _parsed_rule_files(texts), strict=True):
        for rule in rules_from_data(raw, name):
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
