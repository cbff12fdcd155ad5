"""A rule's documentation page, from the rule file alone (the installed package has no corpus).

One text serves `vsguard rules show`, the MCP resource `vsguard://rules/RULE-ID` and SARIF's
`help.markdown`: what the rule detects, why it is dangerous, a flagged example and its fix, how to
run, filter or suppress it, its CWE and ASVS ids, and whether `vsguard fix` can rewrite it.
"""

from __future__ import annotations

from typing import Any

from vsguard.catalog.links import asvs4_for
from vsguard.engine.fixable import has_fix
from vsguard.engine.suppress import BANDIT_EQUIVALENTS
from vsguard.models import Rule
from vsguard.report.rule_help import HOW_IT_DETECTS, cwe_uri
from vsguard.rules.examples import rule_examples
from vsguard.rules.loader import load_rules, rule_by_id

# Comment marker for the suppression example, by rule language; C-like `//` otherwise.
_HASH_COMMENT = frozenset({"python", "ruby", "generic", "dockerfile", "github-actions"})
# Code-fence language names where the rule language's name is not one.
_FENCE = {"generic": "text", "github-actions": "yaml"}


def rule_or_error(rule_id: str) -> Rule:
    """The bundled rule `rule_id`; a `ValueError` naming close ids when there is none."""
    rule = rule_by_id(rule_id)
    if rule is not None:
        return rule
    import difflib  # only for a typo

    near = difflib.get_close_matches(rule_id, [r.id for r in load_rules()], n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(near)}?" if near else "; `vsguard rules` lists them"
    raise ValueError(f"unknown rule id {rule_id!r}{hint}")


def _bandit_ids(rule: Rule) -> list[str]:
    return sorted(test for test, ids in BANDIT_EQUIVALENTS.items() if rule.id in ids)


def _comment(rule: Rule) -> str:
    return "#" if rule.language in _HASH_COMMENT else "//"


def fix_summary(rule: Rule) -> str:
    if rule.fix is not None and has_fix(rule):
        return (
            f"Available (strategy `{rule.fix.strategy}`): `vsguard fix FILE` or the MCP tool "
            "`suggest_fix` rewrites the code, then parses and rescans it; only a rewrite that removes "
            "the finding is offered (status `verified`). A rewrite that changes something outside the "
            "code it touches (a data format, stored values, a dependency) has status `needs_review` "
            "and is applied only with `--accept-review`; where no rewrite is sound in a given spot "
            "the status is `guidance`."
        )
    return "None: `vsguard fix` gives guidance (status `guidance`) and leaves the code as it is."


def fix_trial(rule: Rule) -> str | None:
    """What `vsguard fix` does with the rule's flagged example: its status and diff. None when the
    rule has no fix or no example (a generic rule's fix depends on the file it fires in)."""
    examples = rule_examples(rule)
    if rule.fix is None or examples is None or rule.language == "generic":
        return None
    from vsguard.fixes.engine import suggest_fix  # the fixer: only for a rule's own page

    result = suggest_fix(examples.vulnerable, language=rule.language, rule_id=rule.id, accept_review=True)
    fix = next((f for f in result.fixes if f.rule_id == rule.id), None)
    if fix is None:
        return "On the flagged example the fixer found nothing to rewrite."
    text = f"On the flagged example: status `{fix.status.value}`. {fix.explanation}"
    if fix.todo:
        text += f" {fix.todo}"
    if fix.diff:
        text += f"\n\n```diff\n{fix.diff.rstrip()}\n```"
    return text


def _examples_section(rule: Rule) -> list[str]:
    examples = rule_examples(rule)
    if examples is None:
        return [
            "## Example",
            "No example is bundled with this rule. Its labelled vulnerable and safe cases are in the "
            f"corpus of the source repository (`tests/corpus/{rule.language}/`).",
        ]
    fence = _FENCE.get(rule.language, rule.language)
    return [
        "## Example",
        f"Flagged:\n\n```{fence}\n{examples.vulnerable.rstrip()}\n```",
        f"Fixed:\n\n```{fence}\n{examples.fixed.rstrip()}\n```",
    ]


def _options_section(rule: Rule) -> list[str]:
    marker = f"{_comment(rule)} vsguard: ignore[{rule.id}] reason"
    bandit = _bandit_ids(rule)
    also = f" Bandit's `{_comment(rule)} nosec {', '.join(bandit)}` silences it too." if bandit else ""
    return [
        "## Options",
        f"The rule has no settings of its own. `vsguard scan --rule {rule.id} PATH` runs it alone; "
        f'`disable = ["{rule.id}"]` in `[tool.vsguard]` (pyproject.toml) or `.vsguard.toml` turns it '
        f"off. Its findings have severity {rule.severity.value} and confidence "
        f"{rule.confidence.value} (a finding may raise or lower its own): `--min-severity` and "
        "`--min-confidence` above those leave them out.",
        "## Suppression",
        f"`{marker}` at the end of the flagged line, or alone on the line above it. Suppressed "
        f"findings are still counted in the report.{also}",
    ]


def _references(rule: Rule) -> list[str]:
    cwe = ", ".join(f"[CWE-{c}]({cwe_uri(c)})" for c in rule.cwe)
    asvs4 = asvs4_for(rule.asvs)
    lines = [
        f"- CWE: {cwe}",
        f"- OWASP ASVS 5.0.0: {', '.join(rule.asvs)}",
        f"- OWASP ASVS 4.0.3: {', '.join(asvs4) if asvs4 else 'none mapped'} (through the official mapping)",
    ]
    if rule.tags:
        lines.append(f"- Tags: {', '.join(rule.tags)}")
    if rule.source_file:
        lines.append(f"- Rule file: `src/vsguard/rules/{rule.source_file}`")
    return ["## References", "\n".join(lines)]


def rule_doc(rule: Rule, *, try_fix: bool = False) -> str:
    """The rule's documentation as markdown; `try_fix` adds what the fixer does with the flagged
    example (about 10 ms; SARIF leaves it out, it describes the fix without running it)."""
    facts = (
        f"Language `{rule.language}` · severity {rule.severity.value} · confidence "
        f"{rule.confidence.value} · class `{rule.vulnerability_class.value}` · {rule.kind} rule"
    )
    parts = [
        f"# {rule.id}: {rule.title}",
        facts,
        "## What it detects",
        f"{rule.title}. {HOW_IT_DETECTS[rule.kind]}",
        "## Why it is dangerous",
        rule.message,
        *_examples_section(rule),
        "## How to fix",
        rule.remediation,
        "## Automatic fix",
        fix_summary(rule),
        *((trial,) if try_fix and (trial := fix_trial(rule)) else ()),
        *_options_section(rule),
        *_references(rule),
    ]
    return "\n\n".join(parts) + "\n"


def rule_doc_data(rule: Rule, *, try_fix: bool = False) -> dict[str, Any]:
    """The same facts as data (`vsguard rules show -f json`)."""
    examples = rule_examples(rule)
    return {
        "id": rule.id,
        "title": rule.title,
        "language": rule.language,
        "kind": rule.kind,
        "severity": rule.severity.value,
        "confidence": rule.confidence.value,
        "vulnerability_class": rule.vulnerability_class.value,
        "message": rule.message,
        "remediation": rule.remediation,
        "examples": {"vulnerable": examples.vulnerable, "fixed": examples.fixed} if examples else None,
        "fix_strategy": rule.fix.strategy if rule.fix is not None else None,
        "cwe": [f"CWE-{c}" for c in rule.cwe],
        "asvs_5": list(rule.asvs),
        "asvs_4": list(asvs4_for(rule.asvs)),
        "tags": list(rule.tags),
        "suppression": f"{_comment(rule)} vsguard: ignore[{rule.id}] reason",
        "bandit_equivalents": _bandit_ids(rule),
        "markdown": rule_doc(rule, try_fix=try_fix),
    }
