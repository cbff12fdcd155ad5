"""A rule's plain-text help (SARIF `help.text`), written from the rule file alone; the markdown page
is `report/rule_doc.py`.

Code-scanning dashboards show this beside every alert: what the rule detects, why it matters, how
to fix it, whether `vsguard fix` can rewrite it, and the CWE and ASVS ids it maps to.
"""

from __future__ import annotations

from collections.abc import Sequence

from vsguard.models import Rule

HOW_IT_DETECTS = {
    "taint": (
        "It follows untrusted data (request parameters, environment, files, model output) through "
        "assignments and calls, and reports the place where it reaches this sink unsanitised."
    ),
    "pattern": "It matches the code's syntax tree, so comments, strings and formatting do not confuse it.",
    "secrets": (
        "It looks for provider key formats in any text and for literal values bound to secret-like "
        "names, and shows only a redacted prefix of what it found."
    ),
}


def cwe_uri(cwe: int) -> str:
    return f"https://cwe.mitre.org/data/definitions/{cwe}.html"


def help_uri(cwes: Sequence[int]) -> str:
    """The page of the rule's first CWE: stable, public, and about exactly this weakness."""
    return cwe_uri(cwes[0]) if cwes else "https://cwe.mitre.org/"


def _fix_line(rule: Rule, fixable: bool) -> str:
    if fixable:
        return (
            "An automatic fix is available: `vsguard fix FILE` (or the MCP tool `suggest_fix`) rewrites "
            "the code and rescans it to prove the finding is gone."
        )
    return "No automatic fix: change the code as described above."


def help_text(rule: Rule, fixable: bool) -> str:
    cwe = ", ".join(f"CWE-{c}" for c in rule.cwe)
    return "\n\n".join(
        [
            f"{rule.title}.",
            f"Why it matters: {rule.message}",
            f"How it detects it: {HOW_IT_DETECTS[rule.kind]}",
            f"How to fix: {rule.remediation}",
            _fix_line(rule, fixable),
            f"{cwe}; OWASP ASVS 5.0.0 {', '.join(rule.asvs)}. "
            f"Severity {rule.severity.value}, confidence {rule.confidence.value}.",
        ]
    )
