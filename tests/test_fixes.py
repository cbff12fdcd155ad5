"""Fix corpus: every input in tests/fixes/<lang>/ is rewritten, compared with its expected file,
re-parsed and rescanned; every fixable rule must be proven by at least one case.

A case `name.ext` with `name.fixed.ext` beside it must give exactly that file, verified; a case
without an expected file must be left alone (guidance only). Findings left in the fixed code must
be exactly those reported as guidance.
"""

from __future__ import annotations

import ast
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from vsguard.engine.files import classify
from vsguard.engine.parse import syntax_errors
from vsguard.engine.scanner import scan_text
from vsguard.fixes import fixable_rule_ids, suggest_fix
from vsguard.models import FixResult, FixStatus
from vsguard.rules.loader import load_rules

CASES = Path(__file__).parent / "fixes"


def case_files() -> list[Path]:
    return sorted(p for p in CASES.rglob("*") if p.is_file() and ".fixed." not in p.name and classify(p))


def expected_for(path: Path) -> Path:
    return path.with_name(f"{path.stem}.fixed{path.suffix}")


@cache
def run_case(path: Path) -> FixResult:
    return suggest_fix(path.read_text(encoding="utf-8"), filename=path.name, accept_review=True)


@pytest.mark.parametrize("path", case_files(), ids=lambda p: str(p.relative_to(CASES)))
def test_fix_case(path: Path) -> None:
    result = run_case(path)
    language = str(classify(path))
    expected = expected_for(path)
    statuses = Counter(f.status for f in result.fixes)
    assert statuses[FixStatus.UNVERIFIED] == 0, [f for f in result.fixes if f.status is FixStatus.UNVERIFIED]
    if not expected.exists():
        assert result.fixed_code is None and not result.verified and result.diff == ""
        assert statuses[FixStatus.GUIDANCE] >= 1
        return
    assert result.verified
    assert result.fixed_code == expected.read_text(encoding="utf-8")
    fixed = result.fixed_code
    assert syntax_errors(fixed, language) == []
    if language == "python":
        ast.parse(fixed)
    left = [f for f in scan_text(fixed, language).findings if not f.suppressed]
    guidance = [f for f in result.fixes if f.status is FixStatus.GUIDANCE]
    assert sorted(f.rule_id for f in left) == sorted(f.rule_id for f in guidance)
    assert result.remaining_findings == tuple(left)
    assert result.diff.startswith(f"--- a/{path.name}\n+++ b/{path.name}\n")


_PROVEN = (FixStatus.VERIFIED, FixStatus.NEEDS_REVIEW)


@cache
def proven_fixes() -> dict[str, FixStatus]:
    """Rule -> status of its fix, for rules with at least one corpus case that verified and matched
    its expected file (needs_review: proven, but it changes a format, stored values or a dependency)."""
    proven: dict[str, FixStatus] = {}
    for path in case_files():
        result = run_case(path)
        expected = expected_for(path)
        if (
            expected.exists()
            and result.verified
            and result.fixed_code == expected.read_text(encoding="utf-8")
        ):
            for f in result.fixes:
                if f.status in _PROVEN and proven.get(f.rule_id) is not FixStatus.VERIFIED:
                    proven[f.rule_id] = f.status
    return proven


def verified_rule_ids() -> frozenset[str]:
    return frozenset(proven_fixes())


def test_every_fixable_rule_is_proven_by_a_case() -> None:
    missing = sorted(fixable_rule_ids() - verified_rule_ids())
    assert not missing, f"fixable rules without a verified corpus case: {missing}"


_FAMILY = {"typescript": "javascript", "tsx": "javascript"}


def coverage() -> dict[str, tuple[int, int, int]]:
    """language -> (rules with a proven automatic fix, of which needs review, rules)."""
    proven = proven_fixes()
    table: dict[str, list[int]] = {}
    for rule in load_rules():
        row = table.setdefault(_FAMILY.get(rule.language, rule.language), [0, 0, 0])
        row[0] += rule.id in proven
        row[1] += proven.get(rule.id) is FixStatus.NEEDS_REVIEW
        row[2] += 1
    return {lang: (a, r, b) for lang, (a, r, b) in sorted(table.items())}


def test_fix_coverage(capsys: pytest.CaptureFixture[str]) -> None:
    table = coverage()
    fixed = sum(a for a, _, _ in table.values())
    total = sum(b for _, _, b in table.values())
    with capsys.disabled():
        print("\nverified automatic fixes per language (of which needs review):")
        for lang, (a, r, b) in table.items():
            print(f"  {lang:12} {a:3}/{b:<3} {a / b:6.1%}  ({r})")
        print(f"  {'all':12} {fixed:3}/{total:<3} {fixed / total:6.1%}")
    # The goal: 80% of all rules and 60% in every language; and no language loses a proven fix
    # (the floors only grow).
    lost = {
        lang: f"{a} < {PROVEN_FLOOR[lang]}"
        for lang, (a, _, _) in table.items()
        if a < PROVEN_FLOOR.get(lang, 0)
    }
    assert not lost, f"languages that lost proven fixes: {lost}"
    assert fixed / total >= 0.80, f"only {fixed}/{total} rules have a proven fix"
    short = {lang: f"{a}/{b}" for lang, (a, _, b) in table.items() if a / b < 0.60}
    assert not short, f"languages under 60% proven fixes: {short}"


# Rules with a proven automatic fix per language (a floor: raise it as fixes are added).
PROVEN_FLOOR = {
    "c": 21,
    "cpp": 10,
    "csharp": 26,
    "dockerfile": 6,
    "generic": 1,
    "github-actions": 6,
    "go": 26,
    "java": 31,
    "javascript": 41,
    "kotlin": 29,
    "php": 26,
    "python": 42,
    "ruby": 29,
    "rust": 22,
}  # fmt: skip


def markdown_table() -> str:
    """The per-language table kept in README.md (regenerate with `python tests/readme_tables.py`)."""
    table = coverage()
    rows = [
        "| language | rules with a verified automatic fix | of which needs review | share |",
        "| --- | --- | --- | --- |",
    ]
    for lang, (a, r, b) in table.items():
        rows.append(f"| {lang} | {a} of {b} | {r} | {a / b:.0%} |")
    fixed = sum(a for a, _, _ in table.values())
    review = sum(r for _, r, _ in table.values())
    total = sum(b for _, _, b in table.values())
    rows.append(f"| **all** | **{fixed} of {total}** | **{review}** | **{fixed / total:.0%}** |")
    return "\n".join(rows)


if __name__ == "__main__":
    print(markdown_table())
