"""The words of every regex in the bundled rules and taint catalogs, derived ahead for `prefilter`.

`table_text()` is the content of engine/prefilter_words.json for the rules as they are (written
by scripts/build_checked_data.py, checked current by tests/test_checked_data.py). Only tooling
and tests import this module.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from vsguard.engine import secrets
from vsguard.engine.lazy_regex import lazy_patterns
from vsguard.engine.prefilter import derive_regex_anchors, derive_regex_requirements
from vsguard.models import PatternMatch, TaintMatch


def _regexes(config: object) -> Iterator[str]:
    """Every `regex:` value anywhere in an ast-grep config (a superset of what the prefilter reads)."""
    if isinstance(config, dict):
        for key, value in config.items():
            if key == "regex" and isinstance(value, str):
                yield value
            else:
                yield from _regexes(value)
    elif isinstance(config, list):
        for item in config:
            yield from _regexes(item)


def bundled_regexes() -> tuple[set[str], set[str]]:
    """(regexes whose anchors a scan asks for, regexes whose requirements it asks for)."""
    from vsguard.engine.languages import GRAMMARS
    from vsguard.engine.taint import spec
    from vsguard.engine.taint.adapter import adapter_for
    from vsguard.rules.loader import load_rules

    anchors: set[str] = set()
    requirements: set[str] = set()
    for rule in load_rules():
        if isinstance(rule.match, PatternMatch):
            requirements.update(_regexes([rule.match.rule, rule.match.utils]))
        elif isinstance(rule.match, TaintMatch):
            anchors.update(lazy_patterns(spec.compile_rule(rule)))
    for language in GRAMMARS:
        adapter = adapter_for(language)
        if adapter is not None:
            anchors.update(lazy_patterns(spec.load_catalog(adapter)))
    anchors.update(lazy_patterns(list(vars(secrets).values())))
    return anchors, requirements


def table_text() -> str:
    anchors, requirements = bundled_regexes()
    lines = ['"anchors": {']
    entries = []
    for pattern in sorted(anchors):
        found = derive_regex_anchors(pattern)
        entries.append(f"{json.dumps(pattern)}: {json.dumps(None if found is None else sorted(found))}")
    lines.append(",\n".join(entries))
    lines.append('},\n"requirements": {')
    entries = [
        f"{json.dumps(p)}: {json.dumps([sorted(words) for words in derive_regex_requirements(p)])}"
        for p in sorted(requirements)
    ]
    lines.append(",\n".join(entries))
    lines.append("}")
    return "{\n" + "\n".join(lines) + "\n}\n"
