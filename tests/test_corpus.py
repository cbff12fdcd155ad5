"""Labelled corpus: every finding must be expected and every expectation found.

Annotations, in the file's comment syntax, at the end of a line or alone on the line above:
    `expect: RULE-ID[, RULE-ID]`  the rule must report this line
    `ok: RULE-ID[, RULE-ID]`      a hard safe case: the rule must stay silent here
Any finding on a line without an `expect` for that rule is a false hit and fails the test.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from vsguard.engine.files import classify
from vsguard.engine.languages import rule_languages
from vsguard.engine.parse import parse
from vsguard.engine.predicates import PREDICATES, SYNTAX
from vsguard.engine.scanner import scan_text
from vsguard.models import PatternMatch
from vsguard.records import field, record
from vsguard.rules.loader import load_rules, rules_for

CORPUS = Path(__file__).parent / "corpus"
_ANNOTATION = re.compile(r"(?:#|//|/\*|--)\s*(?P<kind>expect|ok):\s*(?P<ids>[a-z0-9, -]+)")
_COMMENT_ONLY = re.compile(r"^\s*(?:#|//|/\*|--)")


@record
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


@record
class Tally:
    """Corpus counts over every file: labels per rule and what the scanner found against them."""

    expect: Counter[str] = field(default_factory=Counter)
    ok: Counter[str] = field(default_factory=Counter)
    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)


def tally() -> Tally:
    counts = Tally()
    for path in corpus_files():
        labels = read_labels(path.read_text(encoding="utf-8"))
        found = scan_file(path)
        counts.expect.update(rule_id for rule_id, _ in labels.expect)
        counts.ok.update(rule_id for rule_id, _ in labels.ok)
        for hit in found:
            (counts.tp if hit in labels.expect else counts.fp)[hit[0]] += 1
    return counts


def _ratio(num: int, den: int, empty: float) -> float:
    return num / den if den else empty


@record(frozen=True)
class LanguageRow:
    language: str
    rules: int
    vuln: int
    safe: int
    precision: float
    recall: float


def language_rows(counts: Tally) -> list[LanguageRow]:
    rules = load_rules()
    rows = []
    for language in sorted({r.language for r in rules}):
        ids = [r.id for r in rules if r.language == language]
        vuln, safe = sum(counts.expect[i] for i in ids), sum(counts.ok[i] for i in ids)
        tp, fp = sum(counts.tp[i] for i in ids), sum(counts.fp[i] for i in ids)
        rows.append(
            LanguageRow(language, len(ids), vuln, safe, _ratio(tp, tp + fp, 1.0), _ratio(tp, vuln, 0.0))
        )
    return rows


def language_table(counts: Tally) -> str:
    """The README's language table (between its `language-table` markers), from the corpus itself."""
    lines = ["| language | rules | corpus cases (vulnerable / safe) |", "| --- | ---: | ---: |"]
    for row in language_rows(counts):
        name = "any text file (secrets)" if row.language == "generic" else row.language
        lines.append(f"| {name} | {row.rules} | {row.vuln} / {row.safe} |")
    return "\n".join(lines)


def test_every_rule_has_vulnerable_and_safe_cases() -> None:
    """Prints per-rule and per-language counts and precision/recall; demands coverage of each rule."""
    counts = tally()
    rules = load_rules()
    lacking = []
    print(f"\n{'rule':38} {'vuln':>4} {'safe':>4} {'prec':>6} {'recall':>6}")
    for rule in rules:
        rid = rule.id
        precision = _ratio(counts.tp[rid], counts.tp[rid] + counts.fp[rid], 1.0)
        recall = _ratio(counts.tp[rid], counts.expect[rid], 0.0)
        print(f"{rid:38} {counts.expect[rid]:4} {counts.ok[rid]:4} {precision:6.2f} {recall:6.2f}")
        if counts.expect[rid] < 3 or counts.ok[rid] < 3:
            lacking.append(rid)
    print(f"\n{'language':12} {'rules':>5} {'vuln':>5} {'safe':>5} {'prec':>6} {'recall':>6}")
    for row in language_rows(counts):
        shares = f"{row.precision:6.2f} {row.recall:6.2f}"
        print(f"{row.language:12} {row.rules:5} {row.vuln:5} {row.safe:5} {shares}")
    print("\nREADME language table:\n" + language_table(counts))
    assert not lacking, f"rules with fewer than 3 vulnerable or 3 safe corpus cases: {lacking}"


def test_labels_name_rules_that_run_on_their_file() -> None:
    """A label for an unknown rule, or for a rule that never runs on that file's language, proves nothing."""
    rules = {r.id: r for r in load_rules()}
    vacuous = []
    for path in corpus_files():
        language = classify(path)
        runs = set(rule_languages(language)) | {"generic"} if isinstance(language, str) else {"generic"}
        labels = read_labels(path.read_text(encoding="utf-8"))
        for rule_id, line in sorted(labels.expect | labels.ok):
            rule = rules.get(rule_id)
            if rule is None or rule.language not in runs:
                vacuous.append(f"{path.relative_to(CORPUS)}:{line} {rule_id}")
    assert not vacuous, f"labels that cannot be checked: {vacuous}"


@pytest.mark.parametrize("language", sorted({r.language for r in load_rules()} - {"generic"}))
def test_rules_compile_and_their_checks_apply(language: str) -> None:
    """Every pattern rule is a valid ast-grep config, and its semantic checks know the language."""
    root = parse("", language)
    for rule in rules_for(language):
        if rule.kind != "pattern":
            continue
        assert isinstance(rule.match, PatternMatch)
        root.find_all(rule.match.config())
        for req in rule.require:
            assert req.is_ in PREDICATES, f"{rule.id}: unknown predicate {req.is_}"
            assert language in SYNTAX, f"{rule.id}: {req.is_} has no syntax table for {language}"
