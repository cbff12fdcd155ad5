"""Code in, findings out: the single entry point the CLI, the server and the fixer call."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from ast_grep_py import SgNode

from vsguard.catalog.links import asvs4_for
from vsguard.config import Limits
from vsguard.engine import languages
from vsguard.engine.files import Candidate, ReadScope, is_binary, is_prose, iter_candidates
from vsguard.engine.fixable import has_fix
from vsguard.engine.gaps import TIME_LIMIT, TOO_DEEP, Gap, reason_for
from vsguard.engine.matches import RawMatch
from vsguard.engine.parse import NestedTooDeeply, parse
from vsguard.engine.patterns import find_pattern_matches
from vsguard.engine.prefilter import Requirements, TextWords, rule_requirements
from vsguard.engine.regex_ascii import ascii_config
from vsguard.engine.rule_pruning import PruningPlan, pruning_plan
from vsguard.engine.secrets import find_secrets, redact_credential_literals, redact_secrets
from vsguard.engine.suppress import is_suppressed, suppressions_by_line
from vsguard.models import (
    Finding,
    Location,
    PatternMatch,
    Rule,
    ScanResult,
    SkipKind,
    Skipped,
    TaintMatch,
    VulnClass,
)
from vsguard.records import replace
from vsguard.rules.loader import rules_for
from vsguard.verdict import summarize

_SNIPPET_MAX = 240


class InputTooLarge(ValueError):
    pass


def check_input_size(code: str, limits: Limits) -> None:
    """`InputTooLarge` for text over the per-call limit (counted in UTF-8 bytes, as it arrives)."""
    if len(code.encode("utf-8", "surrogatepass")) > limits.max_input_bytes:
        raise InputTooLarge(
            f"input is larger than the {limits.max_input_bytes}-byte limit (VSGUARD_MAX_INPUT_BYTES)"
        )


def applicable_rules(language: str | None, rule_ids: Iterable[str] | None = None) -> list[Rule]:
    """Rules for a language (and its family), plus language-independent ones."""
    langs = languages.rule_languages(language) if language else ()
    chosen = [r for lang in langs for r in rules_for(lang)] + list(rules_for("generic"))
    if rule_ids is not None:
        wanted = set(rule_ids)
        chosen = [r for r in chosen if r.id in wanted]
    return chosen


def _is_source(language: str | None) -> bool:
    """Program source, where only quoted values can be secrets; configuration counts bare ones."""
    return language is not None and language not in languages.CONFIG_LANGUAGES


def _secret_matches(code: str, rules: list[Rule], in_source: bool, path: str | None = None) -> list[RawMatch]:
    """Secrets in the text. In prose (Markdown, reStructuredText, plain text, HTML) only keys in a
    provider's own format and private keys count: `password = "swordfish"` there is an example."""
    secret_rules = [r for r in rules if r.kind == "secrets"]
    if not secret_rules:
        return []
    rule = secret_rules[0]
    out = []
    prose = not in_source and path is not None and is_prose(path)
    for hit in find_secrets(code, quoted_only=in_source, provider_only=prose):
        loc = Location(
            start_line=hit.line, start_column=hit.start_column, end_line=hit.line, end_column=hit.end_column
        )
        out.append(
            RawMatch(
                rule=rule,
                location=loc,
                snippet=f"{hit.kind}: {hit.redacted}",
                message=f"{rule.message} ({hit.kind}, value {hit.redacted})",
            )
        )
    return out


def _to_finding(raw: RawMatch, language: str, path: str | None, suppressed: bool) -> Finding:
    rule = raw.rule
    # Whatever a rule quotes, a key in it is never shown whole; a credential rule's every literal.
    redact_quoted = (
        redact_credential_literals
        if rule.vulnerability_class is VulnClass.HARDCODED_SECRET and rule.kind != "secrets"
        else redact_secrets  # the secret detector's snippet is already its redacted form
    )
    snippet = redact_quoted(raw.snippet)
    snippet = snippet if len(snippet) <= _SNIPPET_MAX else snippet[: _SNIPPET_MAX - 1] + "…"
    return Finding(
        rule_id=rule.id,
        title=rule.title,
        severity=rule.severity,
        confidence=raw.confidence or rule.confidence,
        cwe=rule.cwe,
        asvs_5=rule.asvs,
        asvs_4=asvs4_for(rule.asvs),
        location=raw.location,
        snippet=snippet,
        message=redact_secrets(raw.message or rule.message),
        remediation=rule.remediation,
        language=language,
        path=path,
        trace=tuple(replace(s, code=redact_secrets(s.code)) for s in raw.trace),
        suppressed=suppressed,
        fixable=has_fix(rule),
    )


def _dedupe(matches: list[RawMatch]) -> list[RawMatch]:
    """One finding per rule and start position; the taint version (with a trace) wins."""
    best: dict[tuple[str, int, int], RawMatch] = {}
    for m in matches:
        key = (m.rule.id, m.location.start_line, m.location.start_column)
        if key not in best or (m.trace and not best[key].trace):
            best[key] = m
    return sorted(best.values(), key=lambda m: (m.location.start_line, m.location.start_column, m.rule.id))


class ParseProblem(ValueError):
    """The file is not source the grammar can read; the message says why, for `Skipped`."""


# A file whose syntax errors cover more than this share of its lines is not worth analysing.
_MAX_ERROR_SHARE = 0.5


def _parse_checked(code: str, language: str) -> SgNode:
    """The tree, or `ParseProblem` when most of the text is not valid source.

    Tree-sitter recovers from errors, so a snippet with a broken last line or newer syntax still
    yields statements to analyse. What counts as broken is the lines of tokens an ERROR node could
    not fit into any construct; when they exceed half the lines, the file is not this language.
    """
    try:
        root = parse(code, language)
    except NestedTooDeeply as exc:
        raise ParseProblem(f"not parsed as {language}: {exc}") from exc
    if code.strip() and not root.children():
        raise ParseProblem(f"could not be parsed as {language}")
    if root.kind() != "ERROR" and root.find(kind="ERROR") is None:
        return root
    lines = max(1, code.count("\n") + 1)
    broken = _broken_lines(root, code, int(lines * _MAX_ERROR_SHARE))
    if len(broken) > lines * _MAX_ERROR_SHARE:
        first = min(broken) + 1
        raise ParseProblem(f"could not be parsed as {language} (syntax errors from line {first} on)")
    return root


def _broken_lines(root: SgNode, code: str, enough: int) -> set[int]:
    """0-based lines of the tokens that ERROR nodes hold directly; stops once past `enough`.

    One walk over the tree in source order: each token is found in `code` after the previous one,
    which gives its line without asking the tree for positions (that costs time proportional to
    the column, so a long broken line made the check quadratic).
    """
    broken: set[int] = set()
    cursor = line = 0
    stack: list[tuple[SgNode, bool]] = [(root, False)]
    while stack:
        node, in_error = stack.pop()
        children = node.children()
        if children:
            is_error = node.kind() == "ERROR"
            stack.extend((child, is_error) for child in reversed(children))
            continue
        text = node.text()
        at = code.find(text, cursor) if text else cursor
        if at < 0:
            continue
        line += code.count("\n", cursor, at)
        if in_error:
            broken.add(line)
            if len(broken) > enough:
                break
        line += text.count("\n")
        cursor = at + len(text)
    return broken


_REQUIREMENTS: dict[tuple[str, str], Requirements] = {}


# (id, file) -> (the rule as loaded, its ASCII-regex copy, that copy's pruning plan or None);
# rebuilt if the rule changes.
_FAST: dict[tuple[str, str], tuple[Rule, Rule, PruningPlan | None]] = {}


def _fast_entry(rule: Rule) -> tuple[Rule, Rule, PruningPlan | None]:
    key = (rule.id, rule.source_file)
    cached = _FAST.get(key)
    if cached is not None and cached[0] is rule:
        return cached
    match = rule.match
    plan = None
    if isinstance(match, PatternMatch):
        fields = ("rule", "constraints", "utils", "transform")
        ascii_fields: dict[str, Any] = {f: ascii_config(getattr(match, f)) for f in fields}
        match = replace(match, **ascii_fields)
        plan = pruning_plan(match)
    entry = _FAST[key] = (rule, replace(rule, match=match), plan)
    return entry


def _fast_rule(rule: Rule) -> Rule:
    """The rule with ASCII regexes (see `regex_ascii`): same matches on code, far cheaper to compile."""
    return _fast_entry(rule)[1]


def _rule_for_text(rule: Rule, words: TextWords) -> Rule:
    """The rule as run on one text: ASCII regexes, and the `any` branches the text cannot match
    left out (see `rule_pruning`), so that ast-grep compiles only what can apply."""
    _, fast, plan = _fast_entry(rule)
    if plan is None:
        return fast
    pruned_rule, pruned_utils = plan.for_text(words)
    if pruned_rule is plan.rule:  # every branch can apply here
        return fast
    return replace(fast, match=replace(fast.match, rule=pruned_rule, utils=pruned_utils))


def _pattern_requirements(rule: Rule) -> Requirements:
    """Words the text needs before the rule can match (see `prefilter`), derived once per rule."""
    key = (rule.id, rule.source_file)
    found = _REQUIREMENTS.get(key)
    if found is None:
        match = rule.match
        rule_config, utils = (match.rule, match.utils) if isinstance(match, PatternMatch) else (None, None)
        found = _REQUIREMENTS[key] = rule_requirements(rule_config, utils)
    return found


def find_matches(
    code: str,
    language: str | None,
    rules: list[Rule],
    deadline: float,
    path: str | None = None,
    gaps: list[Gap] | None = None,
    *,
    taint: bool = True,
    into: list[RawMatch] | None = None,
    scope: ReadScope | None = None,
) -> list[RawMatch]:
    """Raw matches of every rule; raises `ParseProblem` for text the grammar cannot read.

    A pattern rule that fails loses only its own matches, and taint analysis stops at `deadline`
    keeping what it found; each part left out is appended to `gaps`. Without `gaps`, running out
    of time raises `TimeoutError`, and a failed rule is only logged. `taint=False` leaves taint
    rules out (minified code). Matches are collected in `into` as they are found, so a caller
    that catches an error still holds everything found before it.
    """
    matches = into if into is not None else []
    matches.extend(_secret_matches(code, rules, in_source=_is_source(language), path=path))
    if language is None:
        return matches
    root = _parse_checked(code, language)
    words = TextWords(code)
    notes: list[Gap] = gaps if gaps is not None else []
    pattern_rules = [r for r in rules if r.kind == "pattern" and words.all_of(_pattern_requirements(r))]
    for index, rule in enumerate(pattern_rules):
        if time.monotonic() > deadline:
            if gaps is None:
                raise TimeoutError("time limit reached")
            notes.append(Gap(f"{len(pattern_rules) - index} pattern rules from {rule.id}", 0, TIME_LIMIT))
            break
        try:
            found = find_pattern_matches(root, [_rule_for_text(rule, words)], language)
        except TimeoutError:  # the worker's deadline signal: this rule and the rest are not run
            if gaps is None:
                raise
            notes.append(Gap(f"{len(pattern_rules) - index} pattern rules from {rule.id}", 0, TIME_LIMIT))
            break
        except Exception as exc:
            notes.append(Gap(f"rule {rule.id}", 0, reason_for(exc)))
            continue
        matches.extend(replace(m, rule=rule) for m in found)
    if any(g.reason == TIME_LIMIT for g in notes):
        taint = False  # out of time: taint analysis would only note the same
        notes.append(Gap("taint analysis", 0, TIME_LIMIT))
    taint_rules = [r for r in rules if r.kind == "taint"] if taint else []
    if taint_rules:
        from vsguard.engine.taint import find_flows  # imported only when a language has taint rules

        matches.extend(
            find_flows(
                root, taint_rules, language, path=path, code=code, deadline=deadline, gaps=notes, scope=scope
            )
        )
    if gaps is None and notes:
        if any(g.reason == TIME_LIMIT for g in notes):
            raise TimeoutError("time limit reached")
        for gap in notes:  # a caller without `gaps` still hears of failures through the log
            import logging  # late: only this rare path logs, and the import costs every start-up

            level = logging.WARNING if gap.reason.startswith("internal error") else logging.INFO
            logging.getLogger(__name__).log(level, "%s: %s", path or "<input>", gap.describe())
    return _dedupe(matches)


def scan_source(
    code: str,
    language: str | None = None,
    filename: str | None = None,
    *,
    rule_ids: Iterable[str] | None = None,
    limits: Limits | None = None,
    path: str | None = None,
) -> ScanResult:
    """Scan one piece of source. `language` is detected from `filename` or the code when absent.

    Raises `languages.UnsupportedLanguage` and `InputTooLarge` with messages fit for a user.
    """
    limits = limits or Limits.from_env()
    check_input_size(code, limits)
    lang = languages.normalize(language) if language else languages.require_language(code, filename)
    return scan_text(code, lang, rule_ids, limits, path)


def scan_text(
    code: str,
    language: str | None,
    rule_ids: Iterable[str] | None = None,
    limits: Limits | None = None,
    path: str | None = None,
    *,
    root: Path | None = None,
) -> ScanResult:
    """Scan text whose language is already known; `None` means a config file (secrets only).

    `path` names the file the text came from; other files (imported sibling modules) are then read
    only inside `root`, the scanned folder (by default the file's own folder).
    """
    limits = limits or Limits.from_env()
    scope = ReadScope.under(root or Path(path).parent, limits.max_file_bytes) if path else None
    rules = applicable_rules(language, rule_ids)
    skipped: list[Skipped] = []
    where = path or "<input>"
    minified = path is not None and _looks_minified(code, language)
    if minified:
        reason = "minified or bundled code; pattern rules and secrets only, no taint analysis"
        skipped.append(Skipped(path=where, reason=reason, kind=SkipKind.MINIFIED, partial=True))
    found: list[RawMatch] = []
    notes: list[Gap] = []
    try:
        deadline = time.monotonic() + limits.max_seconds_per_file
        matches = find_matches(
            code, language, rules, deadline, path, notes, taint=not minified, into=found, scope=scope
        )
        skipped.extend(_gap_skip(where, gap, limits) for gap in notes)
    except TimeoutError:
        matches = found  # what was found before the limit still stands
        reason = f"time limit of {limits.max_seconds_per_file:g} s reached; partly analysed"
        skipped.append(Skipped(path=where, reason=reason, kind=SkipKind.TIME_LIMIT, partial=True))
    except ParseProblem as exc:
        matches = _secret_matches(code, rules, in_source=_is_source(language))
        reason = f"{exc}; checked for secrets only"
        skipped.append(Skipped(path=where, reason=reason, kind=SkipKind.PARSE_ERROR, partial=True))
    except MemoryError:
        matches = found  # dropped only if even this list cannot be kept
        reason = "out of memory (a worker's cap is VSGUARD_WORKER_MEMORY_MB); partly analysed"
        skipped.append(Skipped(path=where, reason=reason, kind=SkipKind.MEMORY_LIMIT, partial=True))
    except RecursionError:
        matches = found or _secret_matches(code, rules, in_source=_is_source(language))
        reason = "nested too deeply to analyse; partly analysed"
        skipped.append(Skipped(path=where, reason=reason, kind=SkipKind.TOO_DEEP, partial=True))
    except Exception as exc:
        matches = found or _secret_matches(code, rules, in_source=_is_source(language))
        reason = redact_secrets(f"internal error ({type(exc).__name__}: {exc}); partly analysed")[:300]
        skipped.append(Skipped(path=where, reason=reason, kind=SkipKind.INTERNAL_ERROR, partial=True))
    return _result(code, language, path, matches, skipped)


_GAP_KINDS = {TIME_LIMIT: SkipKind.TIME_LIMIT, TOO_DEEP: SkipKind.TOO_DEEP}


def _gap_skip(where: str, gap: Gap, limits: Limits) -> Skipped:
    """A part of a file an analysis left out, as the report's entry: the rest was analysed."""
    kind = _GAP_KINDS.get(gap.reason, SkipKind.INTERNAL_ERROR)
    reason = gap.describe()
    if kind is SkipKind.TIME_LIMIT:
        reason += f" ({limits.max_seconds_per_file:g} s per file, VSGUARD_MAX_SECONDS_PER_FILE)"
    return Skipped(path=where, reason=reason[:300], kind=kind, partial=True, line=gap.line or None)


def _result(
    code: str, language: str | None, path: str | None, matches: list[RawMatch], skipped: list[Skipped]
) -> ScanResult:
    table = suppressions_by_line(code)
    specificity = {m.rule.id: _specificity(m.rule) for m in matches}
    findings = one_per_flaw(
        specificity,
        [
            _to_finding(
                m,
                language or "text",
                path,
                is_suppressed(m.rule.id, range(m.location.start_line, m.location.end_line + 1), table),
            )
            for m in matches
        ],
    )
    return ScanResult(
        language=language, findings=findings, summary=summarize(findings, skipped), skipped=tuple(skipped)
    )


def _span(f: Finding) -> tuple[tuple[int, int], tuple[int, int]]:
    loc = f.location
    return (loc.start_line, loc.start_column), (loc.end_line, loc.end_column)


def _same_flaw(a: Finding, b: Finding) -> bool:
    """Two rules reporting one weakness: a shared CWE on overlapping code."""
    (a_start, a_end), (b_start, b_end) = _span(a), _span(b)
    return bool(set(a.cwe) & set(b.cwe)) and a_start <= b_end and b_start <= a_end


def _specificity(rule: Rule) -> int:
    """Higher for narrower rules: a taint rule fed by one kind of source (model output) says more
    about a flaw than one fed by every source; other non-taint rules rank lowest."""
    sources = rule.match.sources if isinstance(rule.match, TaintMatch) else None
    if sources:
        return -len(sources)
    # a pattern rule that recognises model output is as narrow as a taint rule fed by it alone
    return -1 if "llm-output" in rule.tags else -100


def one_per_flaw(specificity: dict[str, int], findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """Keep one finding per flaw: a general rule (eval of anything) and a specific one (eval of model
    output) often see the same call. The most confident, most severe, traced, most specific finding
    stands for it, and its suppression decides, since that is the rule id the user is shown."""
    ranked = sorted(
        findings,
        key=lambda f: (
            -f.confidence.rank,
            -f.severity.rank,
            not f.trace,
            -specificity.get(f.rule_id, -100),
            f.rule_id,
        ),
    )
    kept: list[Finding] = []
    # Kept findings by each line they cover: a finding is compared only with those near it, so a
    # file with thousands of findings costs linear time, not a comparison of every pair.
    by_line: dict[int, list[Finding]] = {}
    for f in ranked:
        lines = range(f.location.start_line, f.location.end_line + 1)
        if any(_same_flaw(f, k) for line in lines for k in by_line.get(line, ())):
            continue
        kept.append(f)
        for line in lines:
            by_line.setdefault(line, []).append(f)
    return tuple(sorted(kept, key=lambda f: (f.location.start_line, f.location.start_column, f.rule_id)))


# Bundled or minified scripts (vendored libraries) are code packed into long lines, many statements
# to a line. Taint analysis of them is slow and says little about the project's own code, so it is
# skipped there; pattern rules and secrets still run. A long string literal (an embedded image, a
# key) does not make a file minified: literals are set aside before the shape is measured.
# Python is never treated this way.
_MINIFIED_LANGUAGES = frozenset({"javascript", "typescript", "tsx"})
_MINIFIED_MIN_BYTES = 5_000
_MINIFIED_LONG_LINE = 200  # characters of a line that no formatter leaves
_MINIFIED_LONG_SHARE = 0.8  # of the code (literals aside) in long lines
_MINIFIED_STATEMENT_CHARS = 120  # at most this many characters per statement separator in them
# Quoted literals, in the unrolled form (one pass, no backtracking); template literals may span lines.
_LITERALS = re.compile(
    r""""[^"\\\n]*(?:\\.[^"\\\n]*)*"|'[^'\\\n]*(?:\\.[^'\\\n]*)*'|`[^`\\]*(?:\\.[^`\\]*)*`""",
    re.S,
)


def _looks_minified(code: str, language: str | None) -> bool:
    """Long lines throughout (not one long line among short ones), each carrying many statements."""
    if language not in _MINIFIED_LANGUAGES or len(code) < _MINIFIED_MIN_BYTES:
        return False
    bare = _LITERALS.sub('""', code)
    long_lines = [line for line in bare.split("\n") if len(line) > _MINIFIED_LONG_LINE]
    long_chars = sum(len(line) for line in long_lines)
    if long_chars < _MINIFIED_MIN_BYTES or long_chars < _MINIFIED_LONG_SHARE * len(bare):
        return False
    separators = sum(line.count(";") + line.count("}") + line.count(",") for line in long_lines)
    return separators * _MINIFIED_STATEMENT_CHARS >= long_chars


_CODING = re.compile(rb"^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)")


def _decode(data: bytes) -> str:
    """UTF-8, or the encoding a PEP 263 comment on the first two lines declares."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        for line in data.splitlines()[:2]:
            match = _CODING.match(line)
            if match:
                try:
                    return data.decode(match.group(1).decode("ascii"))
                except LookupError:
                    break
        raise


_Outcome = tuple[tuple[Finding, ...], tuple[Skipped, ...], int]  # findings, skipped, files scanned


def secrets_only(
    code: str, language: str | None, rule_ids: Iterable[str] | None, path: str | None, skipped: Skipped
) -> ScanResult:
    """What a scan can still report when analysis could not finish: secrets (found without
    parsing), with `skipped` saying why the rest is missing."""
    rules = applicable_rules(language, rule_ids)
    return _result(code, language, path, _secret_matches(code, rules, language is not None, path), [skipped])


def _scan_item(
    item: Candidate | tuple[Path, str],
    rule_ids: frozenset[str] | None,
    limits: Limits,
    secrets_because: Skipped | None = None,
) -> _Outcome:
    """Scan one walked item: a candidate file, or a path the walk already refused (with why).

    With `secrets_because` (why its full scan failed), the file is only checked for secrets.
    """
    if not isinstance(item, Candidate):
        return (), (walk_skip(item[0], item[1]),), 0
    path = item.path
    try:
        if path.stat().st_size > limits.max_file_bytes:
            reason = f"larger than {limits.max_file_bytes} bytes (VSGUARD_MAX_FILE_BYTES)"
            return (), (Skipped(path=str(path), reason=reason, kind=SkipKind.TOO_LARGE),), 0
        if is_binary(path):  # passed over quietly inside a folder, reported when named
            binary = Skipped(path=str(path), reason="binary file", kind=SkipKind.BINARY)
            return (), ((binary,) if item.explicit else ()), 0
        code = _decode(path.read_bytes())
    except OSError as exc:
        reason = f"unreadable: {exc.strerror or exc}"
        return (), (Skipped(path=str(path), reason=reason, kind=SkipKind.UNREADABLE),), 0
    except UnicodeDecodeError as exc:
        reason = f"not text in a known encoding ({exc.reason})"
        return (), (Skipped(path=str(path), reason=reason, kind=SkipKind.NOT_TEXT),), 0
    if secrets_because is not None:
        result = secrets_only(code, item.language, rule_ids, str(path), secrets_because)
    else:
        result = scan_text(code, item.language, rule_ids, limits, str(path), root=item.root)
    return result.findings, result.skipped, 1


# What the walk reports as passed over, by the words of its reason: (kind, makes the scan incomplete).
_WALK_KINDS: tuple[tuple[str, SkipKind, bool], ...] = (
    ("no such file", SkipKind.NOT_FOUND, True),
    ("binary", SkipKind.BINARY, True),
    ("unsupported", SkipKind.UNSUPPORTED, True),
    ("unreadable", SkipKind.UNREADABLE, True),
    ("link", SkipKind.LINK, False),
)


def walk_skip(path: Path, reason: str) -> Skipped:
    """A `Skipped` entry for something the walk refused. Links that leave the tree or loop are
    passed over by design; anything else the walk refuses was asked for and not analysed."""
    for words, kind, incomplete in _WALK_KINDS:
        if words in reason:
            return Skipped(path=str(path), reason=reason, kind=kind, incomplete=incomplete)
    return Skipped(path=str(path), reason=reason, kind=SkipKind.UNREADABLE)


# Files per run handed to a worker (see `isolation.run_all`).
_MIN_RUN, _MAX_RUN = 2, 16
# Below this many files, starting a second worker and analysing shared sibling modules twice cost
# more than they save.
_MIN_PARALLEL_FILES = 16


def warm_rules(languages_present: Iterable[str | None] | None = None) -> None:
    """Load the rules of these languages (default: all) and compile their taint specs (every scan
    of the language needs all of them), so that worker processes forked afterwards share them
    instead of each building them again, and so does a later scan in this process (a hook compares
    the edited file with its previous content)."""
    chosen = languages.GRAMMARS if languages_present is None else languages_present
    for language in set(chosen):
        rules = applicable_rules(language)
        if language is not None and any(r.kind == "taint" for r in rules):
            from vsguard.engine.taint import compile_language_rules

            compile_language_rules(language, rules)


def _isolated_outcomes(
    items: list[Candidate | tuple[Path, str]], rule_ids: frozenset[str] | None, limits: Limits, jobs: int
) -> list[_Outcome]:
    """Outcomes in walk order, the files scanned by `jobs` worker processes (see `isolation`).

    A file whose worker failed (time, memory, crash) is checked again for secrets alone, and is
    reported as not fully analysed, with why.
    """
    import gc

    from vsguard.engine import isolation  # late: it imports this module

    files = [i for i, item in enumerate(items) if isinstance(item, Candidate)]
    candidates = [item for item in items if isinstance(item, Candidate)]  # candidates[k] is items[files[k]]
    seconds = limits.max_seconds_per_file
    calls = [isolation.Call(_scan_item, (c, rule_ids, limits), seconds) for c in candidates]
    workers = jobs if len(files) >= _MIN_PARALLEL_FILES else 1
    size = max(_MIN_RUN, min(_MAX_RUN, len(files) // (workers * 8)))
    if workers > 1:  # shared by the workers forked below; a single worker loads what it needs
        warm_rules({c.language for c in candidates})
    gc.freeze()  # the collector then leaves inherited objects alone, so their pages stay shared
    try:
        results = isolation.run_all(calls, workers, limits, size)
        failed = [k for k, r in enumerate(results) if isinstance(r, isolation.WorkerFailure)]
        retries = [
            isolation.Call(
                _scan_item,
                (candidates[k], rule_ids, limits, results[k].skipped(str(candidates[k].path), True)),
                isolation.FALLBACK_SECONDS,
            )
            for k in failed
        ]
        for k, again in zip(
            failed, isolation.run_all(retries, workers, limits) if retries else [], strict=True
        ):
            first: isolation.WorkerFailure = results[k]
            whole = (first.skipped(str(candidates[k].path)),)
            results[k] = ((), whole, 0) if isinstance(again, isolation.WorkerFailure) else again
    finally:
        gc.unfreeze()
    by_item = dict(zip(files, results, strict=True))
    return [
        by_item[i] if i in by_item else _scan_item(item, rule_ids, limits) for i, item in enumerate(items)
    ]


def can_parallelise() -> bool:
    """Files can be scanned in several worker processes at once (see `isolation`)."""
    return True


def scan_paths(
    paths: Iterable[Path],
    *,
    rule_ids: Iterable[str] | None = None,
    limits: Limits | None = None,
    jobs: int = 1,
    exclude: Iterable[str] = (),
    progress: Callable[[int, int, int], None] | None = None,
) -> ScanResult:
    """Scan files and directories (recursively, honouring .gitignore, skipping binaries).

    Files are analysed in `jobs` worker processes (one for fewer than `_MIN_PARALLEL_FILES` files),
    in process when isolation is off (`Limits.isolation`); the result is the same either way, in
    the same order. `exclude` holds globs of files and folders to pass over inside the scanned
    directories. `progress`, if given, is called after each file with (files done, files in
    total, findings so far).
    """
    limits = limits or Limits.from_env()
    wanted = frozenset(rule_ids) if rule_ids is not None else None
    items = list(iter_candidates(list(paths), tuple(exclude)))  # the walk is cheap
    outcomes: Iterable[_Outcome]
    if limits.isolation and any(isinstance(item, Candidate) for item in items):
        outcomes = _isolated_outcomes(items, wanted, limits, max(1, jobs))
    else:
        outcomes = (_scan_item(item, wanted, limits) for item in items)
    findings: list[Finding] = []
    skipped: list[Skipped] = []
    scanned = done = 0
    total = len(items) if isinstance(items, list) else 0
    for found, skips, counted in outcomes:
        findings.extend(found)
        skipped.extend(skips)
        scanned += counted
        if progress is not None:
            done += 1
            progress(done, total, len(findings))
    all_findings = tuple(findings)
    return ScanResult(
        language=None,
        findings=all_findings,
        summary=summarize(all_findings, skipped),
        skipped=tuple(skipped),
        files_scanned=scanned,
    )
