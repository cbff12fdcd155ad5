"""Prove a rewrite: the result still parses, the targeted findings are gone, nothing new appeared,
every name it uses is defined, it leaves no import unused, and the secrets it makes are strong.

Findings of the rewritten code are mapped back to the original through the edits: a finding outside
every edit keeps its identity by position; one inside a rewritten span is compared with the
original findings that span covered.
"""

from __future__ import annotations

import ast
from collections.abc import Sequence

from vsguard.engine.parse import parse
from vsguard.engine.scanner import scan_text
from vsguard.fixes.edits import Edit, OffsetMap, apply, line_starts, normalize, offset_of
from vsguard.fixes.js_cleanup import js_import_cleanup
from vsguard.fixes.semantics import import_cleanup, name_problems, newly_unused_imports
from vsguard.fixes.strength import strength_problems
from vsguard.models import Finding
from vsguard.records import record


@record(frozen=True)
class Span:
    """Where a finding sits in the original code, as character offsets."""

    rule_id: str
    start: int
    end: int


@record(frozen=True)
class Outcome:
    ok: bool
    fixed: str
    findings: tuple[Finding, ...]  # of the fixed code
    still_there: tuple[Span, ...]  # targeted findings the rescan still reports
    introduced: tuple[Finding, ...]  # findings with no counterpart in the original
    parse_error: str | None
    semantic: tuple[str, ...] = ()  # names, imports, strength: what a rescan cannot see


def span_of(finding: Finding, starts: Sequence[int]) -> Span:
    loc = finding.location
    start = offset_of(starts, loc.start_line, loc.start_column)
    end = max(start, offset_of(starts, loc.end_line, loc.end_column))
    return Span(finding.rule_id, start, end)


def _problem_nodes(code: str, language: str) -> int:
    """ERROR nodes plus zero-width tokens tree-sitter inserted to recover (missing brackets etc.)."""
    root = parse(code, language)
    count = len(root.find_all(kind="ERROR"))
    stack = [root]
    while stack:
        node = stack.pop()
        children = node.children()
        if not children:
            rng = node.range()
            if rng.start.index == rng.end.index and node.kind() not in ("", "_dedent", "_newline", "_indent"):
                count += 1
        stack.extend(children)
    return count


def _python_parses(code: str) -> bool:
    try:
        ast.parse(code)  # builds a syntax tree only; nothing is executed
    except (SyntaxError, ValueError):
        return False
    return True


def parse_regression(original: str, fixed: str, language: str) -> str | None:
    """A message when the fixed code parses worse than the original did; None when it is fine."""
    if language == "python" and _python_parses(original) and not _python_parses(fixed):
        return "the rewritten code is not valid Python"
    before, after = _problem_nodes(original, language), _problem_nodes(fixed, language)
    if after > before:
        return f"the rewritten code has {after - before} new syntax error(s)"
    return None


def _touches(edit: Edit, span: Span) -> bool:
    if edit.start == edit.end:
        return span.start <= edit.start <= span.end
    return (edit.start < span.end and span.start < edit.end) or edit.start == span.start


def check(
    code: str,
    language: str,
    edits: Sequence[Edit],
    targets: Sequence[Span],
    original_findings: Sequence[Finding],
) -> Outcome:
    ordered = normalize(edits)
    fixed = apply(code, ordered)
    unused = newly_unused_imports(code, fixed, language)
    cleanup = import_cleanup(code, unused, ordered)
    if cleanup:  # the imports the rewrite made unused go with it
        ordered = normalize([*ordered, *cleanup])
        fixed = apply(code, ordered)
    if language in ("javascript", "typescript", "tsx"):
        cleaned = js_import_cleanup(code, ordered, language)
        if cleaned is not None:
            ordered = cleaned
            fixed = apply(code, ordered)
    problem = parse_regression(code, fixed, language)
    semantic = [
        *name_problems(code, fixed, language),
        *(
            f"the rewrite leaves `{n}` imported but unused"
            for n in newly_unused_imports(code, fixed, language)
        ),
        *strength_problems((e.text for e in edits), language),
    ]
    result = scan_text(fixed, language)
    starts_before = line_starts(code)
    starts_after = line_starts(fixed)
    before = [span_of(f, starts_before) for f in original_findings]
    mapping = OffsetMap(tuple(ordered))
    still: list[Span] = []
    introduced: list[Finding] = []
    for finding in result.findings:
        if finding.suppressed:  # an inline suppression still covers it; not the fixer's concern
            continue
        after = span_of(finding, starts_after)
        orig, edit_index = mapping.back(after.start)
        if orig is not None:
            same = [s for s in before if s.rule_id == finding.rule_id and s.start == orig]
        else:
            assert edit_index is not None
            edit = ordered[edit_index]
            same = [s for s in before if s.rule_id == finding.rule_id and _touches(edit, s)]
            if not same:  # an edit that rewrote a whole call keeps the finding's start at its own start
                same = [s for s in before if s.rule_id == finding.rule_id and s.start == edit.start]
        if not same:
            introduced.append(finding)
            continue
        still.extend(s for s in same if s in targets)
    ok = problem is None and not still and not introduced and not semantic
    return Outcome(
        ok,
        fixed,
        result.findings,
        tuple(dict.fromkeys(still)),
        tuple(introduced),
        problem,
        tuple(semantic),
    )
