"""How hard are the corpus's safe cases? A safe case is "hard" when a naive pattern matcher flags it.

The naive matcher of a rule is the rule with its judgement removed:
- pattern rules: the ast-grep rule without `not`, `inside`, `has`, `follows`, `precedes`,
  constraints and semantic `require` checks, i.e. "this API is used here";
- taint rules: any call whose callee, as written, matches one of the rule's sink patterns.
Secrets rules have no structural form and are left out. Import aliases are not resolved, so the
figure is a lower bound.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from test_corpus import CORPUS, corpus_files, read_labels

from vsguard.engine.files import classify
from vsguard.engine.parse import parse
from vsguard.engine.taint.spec import compile_rule
from vsguard.rules.loader import load_rules

_JUDGEMENT_KEYS = ("not", "inside", "has", "follows", "precedes")
_CALL_KINDS = ("call", "call_expression", "new_expression", "method_invocation", "invocation_expression")


_POSITIVE_KEYS = ("pattern", "kind", "regex", "all", "any", "matches", "nthChild", "range")


def naive(rule: Any) -> Any:
    """Strip the context checks from an ast-grep rule, keeping what names the API; None if nothing is left."""
    if isinstance(rule, list):
        kept = [n for n in (naive(r) for r in rule) if n is not None]
        return kept or None
    if not isinstance(rule, dict):
        return rule
    out = {k: naive(v) for k, v in rule.items() if k not in _JUDGEMENT_KEYS}
    out = {k: v for k, v in out.items() if v is not None}
    return out if any(k in out for k in _POSITIVE_KEYS) else None


def _callee_text(node: Any) -> str:
    func = node.field("function") or node.field("constructor") or node.field("name")
    if node.kind() == "method_invocation" and node.field("object") is not None:
        return f"{node.field('object').text()}.{node.field('name').text()}"
    return (func.text() if func is not None else node.text().split("(", 1)[0]).strip()


def naive_lines(rule: Any, root: Any) -> set[int]:
    if rule.kind == "pattern":
        stripped = naive(rule.match.rule)
        if stripped is None:
            return set()
        config = {"rule": stripped}
        if rule.match.utils is not None:
            config["utils"] = {k: naive(v) or v for k, v in rule.match.utils.items()}
        return {n.range().start.line + 1 for n in root.find_all(config)}
    if rule.kind == "taint":
        callees = [s.callee for s in compile_rule(rule).sinks if s.callee is not None]
        lines = set()
        for kind in _CALL_KINDS:
            try:
                calls = root.find_all(kind=kind)
            except RuntimeError:  # this grammar has no such node kind
                continue
            for call in calls:
                text = _callee_text(call)
                if any(c.search(text) for c in callees):
                    lines.add(call.range().start.line + 1)
        return lines
    return set()


def hardness() -> tuple[Counter[str], Counter[str]]:
    """Per language: safe cases, and safe cases a naive matcher would flag."""
    rules = {r.id: r for r in load_rules()}
    safe: Counter[str] = Counter()
    hard: Counter[str] = Counter()
    for path in corpus_files():
        language = classify(path)
        if not isinstance(language, str):
            continue
        labels = read_labels(path.read_text(encoding="utf-8"))
        root = parse(path.read_text(encoding="utf-8"), language)
        cache: dict[str, set[int]] = {}
        for rule_id, line in labels.ok:
            rule = rules.get(rule_id)
            if rule is None or rule.kind == "secrets":
                continue
            group = path.relative_to(CORPUS).parts[0]
            safe[group] += 1
            if rule_id not in cache:
                cache[rule_id] = naive_lines(rule, root)
            if line in cache[rule_id]:
                hard[group] += 1
    return safe, hard


def test_at_least_a_third_of_safe_cases_fool_a_naive_matcher() -> None:
    safe, hard = hardness()
    print(f"\n{'corpus':12} {'safe':>5} {'hard':>5} {'share':>6}")
    for group in sorted(safe):
        print(f"{group:12} {safe[group]:5} {hard[group]:5} {hard[group] / safe[group]:6.0%}")
    total_safe, total_hard = sum(safe.values()), sum(hard.values())
    print(f"{'all':12} {total_safe:5} {total_hard:5} {total_hard / total_safe:6.0%}")
    for group in safe:
        assert hard[group] * 3 >= safe[group], f"{group}: fewer than a third of safe cases are hard"
