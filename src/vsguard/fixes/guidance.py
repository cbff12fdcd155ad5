"""Concrete advice for findings that have no sound mechanical rewrite, drawn from the ASVS catalog."""

from __future__ import annotations

from collections.abc import Iterable

from vsguard.catalog.loader import load_catalog
from vsguard.engine.languages import rule_languages
from vsguard.models import Requirement, Rule

_EXAMPLE_FALLBACK = {"tsx": ("typescript", "javascript"), "typescript": ("typescript", "javascript")}


def _example(req: Requirement, language: str | None) -> tuple[str, str] | None:
    if not language:
        return None
    for lang in (*_EXAMPLE_FALLBACK.get(language, ()), *rule_languages(language)):
        if lang in req.examples:
            return lang, req.examples[lang]
    return None


def _requirements(ids: Iterable[str]) -> list[Requirement]:
    catalog = load_catalog()
    return [r for r in (catalog.get("5.0.0", i) for i in ids) if r is not None]


def requirements_of(rule: Rule) -> list[Requirement]:
    return _requirements(rule.asvs)


def _requirement_lines(reqs: list[Requirement], language: str | None) -> list[str]:
    """A bullet per requirement; the first one with an example in `language` also shows that example."""
    lines = []
    shown_example = False
    for req in reqs:
        lines.append(f"- ASVS 5.0.0 {req.id}: {req.summary} {req.guidance}")
        example = None if shown_example else _example(req, language)
        if example is not None:
            lang, text = example
            lines += [f"  Secure example for {req.id} ({lang}):", "", f"```{lang}", text.rstrip(), "```", ""]
            shown_example = True
    return lines


def rule_guidance(rule: Rule, language: str | None, reason: str | None = None) -> str:
    """Markdown: why the finding matters here, what to change, and a secure example in the language."""
    lines = [f"### {rule.title} (`{rule.id}`)"]
    if reason:
        lines.append(f"No automatic rewrite: {reason}.")
    lines.append(f"What to do: {rule.remediation}")
    lines += _requirement_lines(requirements_of(rule), language)
    return "\n".join(lines).rstrip() + "\n"


def class_guidance(rules: list[Rule], language: str | None, label: str) -> str:
    """Advice for a vulnerability type the code does not show: the requirements behind its rules."""
    ids = list(dict.fromkeys(i for r in rules for i in r.asvs))
    lines = [f"### {label}: no finding in this code", "Keep it that way:"]
    for rule in rules:
        if language is None or rule.language in (*rule_languages(language), "generic"):
            lines.append(f"- {rule.title}: {rule.remediation}")
    lines += _requirement_lines(_requirements(ids), language)
    return "\n".join(dict.fromkeys(lines)).rstrip() + "\n"
