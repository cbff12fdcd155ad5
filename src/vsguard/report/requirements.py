"""Render requirements as compact markdown for an LLM: the facts first, one example at most.

Tool output must stay far below an agent's context budget, so lists show one line per requirement
and stop after MAX_LIST_ITEMS; the full text of one requirement is a separate call.
"""

from __future__ import annotations

from collections.abc import Sequence

from vsguard.catalog.mapping import MappingResult
from vsguard.models import Requirement

MAX_LIST_ITEMS = 50
# Preferred example language when the caller names none: the two the scanner covers.
_DEFAULT_LANGUAGES = ("python", "javascript", "typescript")
_FENCE_NAMES = {"csharp": "csharp", "typescript": "ts", "javascript": "js"}


def level_label(level: int | None) -> str:
    return f"L{level}" if level else "unleveled"


def _pick_example(examples: dict[str, str], language: str | None) -> tuple[str, str] | None:
    if language:
        code = examples.get(language.lower())
        return (language.lower(), code) if code else None
    for lang in (*_DEFAULT_LANGUAGES, *sorted(examples)):
        if lang in examples:
            return lang, examples[lang]
    return None


def _mapping_line(mapping: MappingResult) -> str:
    ids = ", ".join(mapping.targets) or "none"
    return f"**ASVS {mapping.target_version}:** {ids} ({mapping.description})"


def requirement_markdown(
    req: Requirement,
    official: str | None = None,
    *,
    language: str | None = None,
    examples: dict[str, str] | None = None,
    mapping: MappingResult | None = None,
) -> str:
    """One requirement in full: ids, level, where it sits, our text, the official text if imported,
    the mapping to the other version, and one secure example (in `language` when given).

    `examples` overrides the requirement's own (a 4.0.3 requirement borrows its successors').
    """
    official = official if official is not None else req.official_text
    lines = [
        f"### {req.id} — ASVS {req.version}, {level_label(req.level)}",
        f"*{req.chapter_id} {req.chapter_name} / {req.section_id} {req.section_name}*",
        "",
        req.summary,
        "",
        f"**Why:** {req.why}",
        f"**Verify:** {req.verify}",
        f"**How:** {req.guidance}",
    ]
    facts = [f"tags: {', '.join(req.tags)}"]
    if req.cwe:
        facts.append("CWE: " + ", ".join(f"CWE-{c}" for c in req.cwe))
    if req.nist:
        facts.append("NIST: " + ", ".join(req.nist))
    lines.append(" · ".join(facts))
    if mapping is not None:
        lines.append(_mapping_line(mapping))
    if official:
        lines += ["", f"**Official text (OWASP ASVS {req.version}, CC BY-SA 4.0):**", f"> {official}"]
    example = _pick_example(examples if examples is not None else req.examples, language)
    if example:
        lang, code = example
        lines += ["", f"**Example ({lang}):**", f"```{_FENCE_NAMES.get(lang, lang)}", code.rstrip(), "```"]
    elif language:
        lines += ["", f"*No {language} example for this requirement.*"]
    return "\n".join(lines) + "\n"


def requirement_line(req: Requirement, *, qualified: bool = False) -> str:
    """One list line: id (version-qualified when lists mix versions), level, section, summary."""
    label = req.key if qualified else req.id
    return f"- **{label}** ({level_label(req.level)}, {req.section_name}): {req.summary}"


def requirements_markdown(
    reqs: Sequence[Requirement],
    heading: str,
    *,
    more: int = 0,
    qualified: bool = False,
    hint: str = "narrow the filters or page with offset",
) -> str:
    """A compact list, at most MAX_LIST_ITEMS lines; `more` counts results beyond this page."""
    shown = list(reqs[:MAX_LIST_ITEMS])
    hidden = len(reqs) - len(shown) + more
    lines = [f"## {heading}", ""]
    if not shown:
        lines.append("No matching requirements.")
    lines += [requirement_line(r, qualified=qualified) for r in shown]
    if hidden > 0:
        lines += ["", f"*{hidden} more not shown; {hint}.*"]
    return "\n".join(lines) + "\n"
