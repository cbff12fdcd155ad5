"""Labelled corpus: every finding must be expected and every expectation found.

Annotations, in the file's comment syntax, at the end of a line or alone on the line above:
    `expect: RULE-ID[, RULE-ID]`  the rule must report this line
    `ok: RULE-ID[, RULE-ID]`      a hard safe case: the rule must stay silent here
Any finding on a line without an `expect` for that rule is a false hit and fails the test.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from vsguard.engine.files import classify
from vsguard.engine.scanner import scan_text
from vsguard.rules.loader import load_rules

CORPUS = Path(__file__).parent / "corpus"
_ANNOTATION = re.compile(r"(?:#|//|/\*|--)\s*(?P<kind>expect|ok):\s*(?P<ids>[a-z0-9, -]+)")
_COMMENT_ONLY = re.compile(r"^\s*(?:#|//|/\*|--)")


@dataclass
class Labels:
    expect: set[tuple[str, int]] = field(default_factory=set)
    ok: set[tuple[str, int]] = field(default_factory=set)


def read_labels(text: str) -> Labels:
    labels = Labels()
    for number, line in enumerate(text.splitlines(), start=1):
        for m in _ANNOTATION.finditer(line):
            target = number + 1 if _COMMENT_ONLY.match(line) else number
            bucket = labels.expect if m.group("kind") == "expect" else labels.ok
            for rule_id in (i.strip() for i in m.group("ids").split(",")):
                if rule_id:
                    bucket.add((rule_id, target))
    return labels


def corpus_files() -> list[Path]:
    return sorted(p for p in CORPUS.rglob("*") if p.is_file() and classify(p) is not False)


def scan_file(path: Path) -> set[tuple[str, int]]:
    language = classify(path)
    text = path.read_text(encoding="utf-8")
    result = scan_text(text, language if isinstance(language, str) else None, path=path.name)
    return {(f.rule_id, f.location.start_line) for f in result.findings if not f.suppressed}


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: str(p.relative_to(CORPUS)))
def test_corpus_file(path: Path) -> None:
    labels = read_labels(path.read_text(encoding="utf-8"))
    found = scan_file(path)
    missed = sorted(labels.expect - found)
    false_hits = sorted(found - labels.expect)
    assert not missed, f"missed (rule, line): {missed}"
    assert not false_hits, f"false hits (rule, line): {false_hits}"


def test_every_rule_has_vulnerable_and_safe_cases() -> None:
    """Prints per-rule precision/recall over the whole corpus and demands coverage of each rule."""
    expect: Counter[str] = Counter()
    ok: Counter[str] = Counter()
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    for path in corpus_files():
        labels = read_labels(path.read_text(encoding="utf-8"))
        found = scan_file(path)
        for rule_id, _ in labels.expect:
            expect[rule_id] += 1
        for rule_id, _ in labels.ok:
            ok[rule_id] += 1
        for hit in found:
            (tp if hit in labels.expect else fp)[hit[0]] += 1
    lacking = []
    print(f"\n{'rule':34} {'vuln':>4} {'safe':>4} {'prec':>6} {'recall':>6}")
    for rule in load_rules():
        rid = rule.id
        precision = tp[rid] / (tp[rid] + fp[rid]) if tp[rid] + fp[rid] else 1.0
        recall = tp[rid] / expect[rid] if expect[rid] else 0.0
        print(f"{rid:34} {expect[rid]:4} {ok[rid]:4} {precision:6.2f} {recall:6.2f}")
        if expect[rid] < 3 or ok[rid] < 3:
            lacking.append(rid)
    assert not lacking, f"rules with fewer than 3 vulnerable or 3 safe corpus cases: {lacking}"
