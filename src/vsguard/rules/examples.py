"""A rule's documentation examples, read from its rule file when a rule's docs are asked for.

The loaded `Rule` does not keep them, so scanning never holds documentation text; the loader has
already validated them with the rest of the file.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from vsguard.models import Rule
from vsguard.rules.schema import RuleExamples
from vsguard.yamlio import load_yaml


@cache
def _file_examples(source_file: str) -> dict[str, RuleExamples]:
    """Rule id -> examples for one bundled rule file (`<folder>/<name>.yaml`)."""
    folder, name = source_file.split("/", 1)
    text = resources.files("vsguard.rules").joinpath(folder, name).read_text(encoding="utf-8")
    raw = load_yaml(text)
    found: dict[str, RuleExamples] = {}
    for entry in raw.get("rules") or ():
        if isinstance(entry, dict) and isinstance(entry.get("examples"), dict):
            found[str(entry["id"])] = RuleExamples.model_validate(entry["examples"])
    return found


def rule_examples(rule: Rule) -> RuleExamples | None:
    """The rule's examples, or None when its file gives none (or it was not loaded from a file)."""
    if "/" not in rule.source_file:
        return None
    return _file_examples(rule.source_file).get(rule.id)
