"""suggest_fix: rewrite the user's code finding by finding, verify every rewrite, explain the rest."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from ast_grep_py import SgNode

from vsguard.catalog.mapping import asvs4_for
from vsguard.config import Limits
from vsguard.engine import languages
from vsguard.engine.parse import parse
from vsguard.engine.scanner import check_input_size, scan_text
from vsguard.engine.secrets import find_secrets, redact, redact_secrets
from vsguard.fixes import guidance, selection
from vsguard.fixes.diffs import local_diff, unified_diff
from vsguard.fixes.edits import Edit, EditIndex, line_starts
from vsguard.fixes.locate import node_for
from vsguard.fixes.registry import NoRewrite, Rewrite, Target, strategy_for_rule
from vsguard.fixes.semantics import added_dependencies, imported_modules
from vsguard.fixes.strings import Unsupported
from vsguard.fixes.verify import Outcome, Span, check, span_of
from vsguard.models import Finding, FindingFix, FixResult, FixStatus, Location, Rule
from vsguard.records import record
from vsguard.rules.loader import load_rules, rule_by_id


@cache
def fixable_rule_ids() -> frozenset[str]:
    """Rules whose `fix` strategy exists for their language."""
    return frozenset(r.id for r in load_rules() if strategy_for_rule(r) is not None)


@record(eq=False)  # compared by identity: `in` over thousands of attempts must stay cheap
class _Attempt:
    finding: Finding
    rule: Rule
    span: Span
    rewrite: Rewrite | None = None
    reason: str | None = None
    outcome: Outcome | None = None


def _resolve_language(code: str, language: str | None, filename: str | None, context: str | None) -> str:
    if language:
        return languages.normalize(language)
    found = languages.detect(code, filename) or languages.from_context(context)
    return found or languages.require_language(code, filename)  # raises, saying why


def _describe(outcome: Outcome) -> str:
    parts = []
    if outcome.parse_error:
        parts.append(outcome.parse_error)
    if outcome.still_there:
        parts.append(
            "the rescan still reports " + ", ".join(sorted({s.rule_id for s in outcome.still_there}))
        )
    if outcome.introduced:
        new = ", ".join(f"{f.rule_id} at line {f.location.start_line}" for f in outcome.introduced)
        parts.append(f"the rewrite would add {new}")
    parts.extend(outcome.semantic)
    return "; ".join(parts) or "verification failed"


def _attempt(
    code: str,
    language: str,
    root: SgNode,
    finding: Finding,
    rule: Rule,
    span: Span,
    located: dict[str, dict[Location, SgNode]],
) -> _Attempt:
    attempt = _Attempt(finding, rule, span)
    strategy = strategy_for_rule(rule, language)
    if strategy is None:
        if rule.fix:
            attempt.reason = f"vsguard has no automatic rewrite for this rule in {language} yet"
        else:
            attempt.reason = (
                "a safe change here depends on the application's design, so vsguard does not rewrite it"
            )
        return attempt
    node = node_for(root, finding, rule, language, span.start, span.end, located)
    try:
        result = strategy(Target(code, language, root, rule, finding, node))
    except Unsupported as exc:
        result = NoRewrite(str(exc))
    except (ValueError, SyntaxError) as exc:  # a literal we could not decode: refuse, do not guess
        result = NoRewrite(f"the code around the finding could not be read ({exc})")
    except RuntimeError as exc:  # the parser library refused a query: no rewrite, but no crash either
        result = NoRewrite(
            f"the rewrite for {rule.id} could not inspect this code ({str(exc).splitlines()[0]})"
        )
    if isinstance(result, NoRewrite):
        attempt.reason = result.reason
    else:
        attempt.rewrite = result
    return attempt


# Key material on the lines after a private key header (a PEM block in a string or a here-doc).
_KEY_LINE_RUN = re.compile(r"[A-Za-z0-9+/=]{16,}")


def shown(text: str) -> str:
    """`text` as vsguard may display it: every secret value the scanner recognises redacted in
    place (the code around it unchanged), key material of a private key block on every line."""
    text = redact_secrets(text)
    headers = [h.line for h in find_secrets(text) if h.kind == "private key block"]
    if not headers:
        return text
    lines = text.split("\n")
    for number in headers:
        for index in range(number, len(lines)):  # the lines after the header (0-based `number`)
            if "-----END" in lines[index]:
                break
            lines[index] = _KEY_LINE_RUN.sub(lambda m: redact(m.group(0)), lines[index])
    return "\n".join(lines)


def _redacted_note(fields: list[str]) -> str:
    return (
        f"Secret values are shown redacted in {' and '.join(fields)} and the diff "
        "(`abcd…[redacted N chars]`, inside the same quotes); nothing else differs from the verified "
        "rewrite. Put your own values back in those literals, or better, load them from the "
        "environment or a secret store."
    )


def _unified_diff(original: str, fixed: str, name: str) -> str:
    """Given both sides as `shown`, so that neither a changed nor a context line shows a key."""
    return unified_diff(original, fixed, name)


def _review_reason(imported: set[str], language: str, attempt: _Attempt) -> str | None:
    """Why a proven rewrite still needs a person: what it changes outside the code it touches."""
    assert attempt.rewrite is not None
    reasons = [attempt.rewrite.review] if attempt.rewrite.review else []
    added = added_dependencies(imported, (e.text for e in attempt.rewrite.edits), language)
    if added:
        reasons.append("it adds a dependency on " + ", ".join(added))
    return "; ".join(reasons) or None


def _review_todo(review: str, applied: bool) -> str:
    if applied:
        return f"Check before shipping: {review}."
    return f"Not applied until reviewed: {review}. Accept with accept_review (CLI: --accept-review)."


def _checks(language: str) -> tuple[str, ...]:
    """What a verified rewrite was shown to satisfy, in the words the answer gives."""
    done = ["parses as well as the original", "the rescan no longer reports the finding", "no new finding"]
    if language == "python":
        done.append("every name it uses is defined or imported, and no import is left unused")
    elif language in ("javascript", "typescript", "tsx"):
        done.append(
            "every name it uses is declared, imported or a known global, and the imports and requires "
            "it made unused are removed"
        )
    done += [
        "the secrets it makes carry at least 128 random bits",
        "a password hash it introduces uses the cost parameters ASVS V11.4.2 names",
        "no new dependency",
    ]
    return tuple(done)


def _hold_for_review(
    code: str, lang: str, accepted: list[_Attempt], active: list[Finding], reasons: dict[int, str]
) -> tuple[list[_Attempt], Outcome | None]:
    """The accepted rewrites without those that need review, verified together again."""
    kept = [a for a in accepted if id(a) not in reasons]
    if not kept:
        return [], None
    edits = [e for a in kept for e in (a.rewrite.edits if a.rewrite else ())]
    outcome = check(code, lang, edits, [a.span for a in kept], active)
    return (kept, outcome) if outcome.ok else ([], None)


def _all_at_once(
    code: str, lang: str, attempts: list[_Attempt], active: list[Finding]
) -> tuple[list[_Attempt], Outcome | None]:
    """The common case in one rescan: every non-overlapping rewrite applied and verified together."""
    batch: list[_Attempt] = []
    edits: list[Edit] = []
    taken = EditIndex()
    for a in attempts:
        if a.rewrite is not None and not taken.clashes(a.rewrite.edits):
            batch.append(a)
            edits.extend(a.rewrite.edits)
            taken.add(a.rewrite.edits)
    if not batch or len(batch) < sum(a.rewrite is not None for a in attempts):
        return [], None
    together = check(code, lang, edits, [a.span for a in batch], active)
    if not together.ok:
        return [], None
    for a in batch:
        a.outcome = together
    return batch, together


def _combine(
    code: str, lang: str, attempts: list[_Attempt], active: list[Finding]
) -> tuple[list[_Attempt], list[Edit], Outcome | None]:
    """Join the individually verified rewrites: all at once when that verifies, else one by one."""
    ready = [a for a in attempts if a.outcome is not None and a.outcome.ok and a.rewrite is not None]
    accepted: list[_Attempt] = []
    edits: list[Edit] = []
    taken = EditIndex()
    for a in ready:
        assert a.rewrite is not None
        if taken.clashes(a.rewrite.edits):
            a.reason = "it overlaps another fix on the same code; run the fix again after applying this one"
            a.outcome = None
            continue
        accepted.append(a)
        edits.extend(a.rewrite.edits)
        taken.add(a.rewrite.edits)
    if not accepted:
        return [], [], None
    together = check(code, lang, edits, [a.span for a in accepted], active)
    if together.ok:
        return accepted, edits, together
    kept: list[_Attempt] = []
    kept_edits: list[Edit] = []
    final: Outcome | None = None
    for a in accepted:
        assert a.rewrite is not None
        trial = check(code, lang, [*kept_edits, *a.rewrite.edits], [x.span for x in [*kept, a]], active)
        if trial.ok:
            kept.append(a)
            kept_edits.extend(a.rewrite.edits)
            final = trial
        else:
            a.outcome = trial
            a.reason = "together with the other fixes: " + _describe(trial)
    return kept, kept_edits, final


def _suffix_for(language: str) -> str:
    """A conventional file suffix for diff headers when the caller gave no file name."""
    return next((suffix for suffix, lang in languages.EXTENSIONS.items() if lang == language), "")


def suggest_fix(
    code: str,
    *,
    language: str | None = None,
    filename: str | None = None,
    vulnerability_type: str | None = None,
    rule_id: str | None = None,
    context: str | None = None,
    accept_review: bool = False,
    redact: bool = True,
) -> FixResult:
    """Rewrite `code` to remove its findings (or only the selected ones) and verify each rewrite.

    `context` is free text from the caller (e.g. "Express route in TypeScript"); it names the
    language when neither `language`, `filename` nor the code itself does. The rewrite is driven by
    the code. A proven rewrite that changes something outside the code it touches (a data format,
    stored values, a dependency) is "needs review": left out of `fixed_code` unless
    `accept_review`, and shown on its own in that finding's `diff`.

    The result is for display: secret literals in `original` and `fixed_code` are redacted in place
    (a note in `guidance` says so). `redact=False` returns those two exactly, for a caller that
    writes the file; the diff and the explanations are redacted either way.
    """
    limits = Limits.from_env()
    check_input_size(code, limits)
    lang = _resolve_language(code, language, filename, context)
    chosen, label = selection.rules_for_selector(vulnerability_type, rule_id)
    wanted = None if chosen is None else {r.id for r in chosen}

    scan = scan_text(code, lang, limits=limits)
    active = [f for f in scan.findings if not f.suppressed]
    targets = [f for f in active if wanted is None or f.rule_id in wanted]
    starts = line_starts(code)
    root = parse(code, lang)
    attempts = []
    located: dict[str, dict[Location, SgNode]] = {}  # each rule's matches, searched for once
    for finding in targets:
        rule = rule_by_id(finding.rule_id)
        if rule is not None:
            attempts.append(_attempt(code, lang, root, finding, rule, span_of(finding, starts), located))

    accepted, final = _all_at_once(code, lang, attempts, active)
    if final is None:
        # Something in the batch failed: verify each rewrite on its own, then join the good ones.
        for a in attempts:
            if a.rewrite is not None:
                a.outcome = check(code, lang, a.rewrite.edits, [a.span], active)
        accepted, _, final = _combine(code, lang, attempts, active)
    imported = imported_modules(code, lang)
    reasons = {id(a): r for a in accepted if (r := _review_reason(imported, lang, a))}
    held = [a for a in accepted if id(a) in reasons]
    if held and not accept_review:
        accepted, final = _hold_for_review(code, lang, accepted, active, reasons)
    name = filename or f"input{_suffix_for(lang)}"
    fixes: list[FindingFix] = []
    notes: list[str] = []
    for a in attempts:
        asvs5 = a.rule.asvs
        common: dict[str, Any] = {
            "rule_id": a.rule.id,
            "line": a.finding.location.start_line,
            "asvs_5": asvs5,
            "asvs_4": asvs4_for(asvs5),
        }
        if a in accepted or a in held:
            assert a.rewrite is not None
            text = a.rewrite.explanation + "".join(f" {n}" for n in a.rewrite.notes)
            review = reasons.get(id(a))
            applied = a in accepted
            fixes.append(
                FindingFix(
                    status=FixStatus.NEEDS_REVIEW if review else FixStatus.VERIFIED,
                    explanation=shown(text),
                    checks=_checks(lang),
                    todo=_review_todo(review, applied) if review else None,
                    diff=shown(local_diff(code, a.rewrite.edits, name)),
                    **common,
                )
            )
        elif a.rewrite is not None and a.outcome is not None:
            fixes.append(
                FindingFix(
                    status=FixStatus.UNVERIFIED,
                    explanation=shown(a.rewrite.explanation)
                    + " This rewrite did not verify, so it is not applied.",
                    remaining=shown(a.reason or _describe(a.outcome)),
                    todo=f"Fix by hand: {a.rule.remediation}",
                    **common,
                )
            )
            notes.append(guidance.rule_guidance(a.rule, lang))
        else:
            reason = a.reason or "no automatic rewrite"
            fixes.append(
                FindingFix(
                    status=FixStatus.GUIDANCE,
                    explanation=shown(f"Not rewritten: {reason}. {a.rule.remediation}"),
                    remaining="the finding is unchanged",
                    todo=f"Fix by hand: {a.rule.remediation}",
                    **common,
                )
            )
            notes.append(guidance.rule_guidance(a.rule, lang, reason))

    if chosen is not None and not targets:
        notes.append(guidance.class_guidance(chosen, lang, label))

    fixed_code = final.fixed if final is not None else None
    remaining = tuple(f for f in (final.findings if final is not None else scan.findings) if not f.suppressed)
    # Redacted once: the diff is always shown so; `original` and `fixed_code` unless `redact=False`.
    shown_original = shown(code)
    shown_fixed = shown(fixed_code) if fixed_code is not None else None
    fields = ["`original`"] if shown_original != code else []
    fields += ["`fixed_code`"] if shown_fixed != fixed_code else []
    if redact and fields:
        notes.append(_redacted_note(fields))
    return FixResult(
        language=lang,
        original=shown_original if redact else code,
        fixed_code=shown_fixed if redact else fixed_code,
        diff=_unified_diff(shown_original, shown_fixed, name) if shown_fixed is not None else "",
        verified=final is not None and final.ok,
        needs_review=bool(held),
        fixes=tuple(fixes),
        guidance=tuple(dict.fromkeys(notes)),
        remaining_findings=remaining,
    )
