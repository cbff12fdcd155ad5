"""The three core tools an agent calls around writing code: requirements before, scan after, fix.

Each answer fits an agent's budget by default (brief items, one page) and says how to get more.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from mcp.server import MCPServer
from mcp_types import CallToolResult
from pydantic import BaseModel, Field

from vsguard.catalog.ids import normalize_version
from vsguard.catalog.importer import with_official
from vsguard.catalog.mapping import asvs4_for, asvs5_for
from vsguard.catalog.query import CODE_TYPES, FIRST_PAGE, examples_for, requirements_for
from vsguard.config import Limits
from vsguard.engine.files import classify
from vsguard.engine.isolation import run_isolated, scan_source
from vsguard.engine.languages import from_context
from vsguard.engine.scanner import check_input_size, scan_text
from vsguard.fixes import suggest_fix as run_suggest_fix
from vsguard.models import (
    AsvsVersion,
    FindingFix,
    FixResult,
    FixStatus,
    Requirement,
    ScanResult,
    Severity,
    to_dict,
)
from vsguard.report.requirements import level_label
from vsguard.server import arguments
from vsguard.server.findings_page import (
    DEFAULT_LIMIT,
    MAX_LIMIT,
    FindingOut,
    LimitArg,
    OffsetArg,
    ScanOut,
    findings_page,
    most_severe_first,
    short,
    to_finding_out,
)
from vsguard.server.params import CodeTypeArg, Detail, DetailArg, LanguageArg, SeverityArg, VersionArg
from vsguard.server.results import READ_ONLY, answer, guard
from vsguard.verdict import Policy, apply_policy, parse_severity

_ALL = 10_000  # every matching requirement: the tool pages over the whole ranked list
_SHELL_SUFFIXES = frozenset({".sh", ".bash", ".zsh", ".ksh"})
_REMAINING_SHOWN = 10


def is_config_file(filename: str) -> bool:
    """Config and key files (see `engine.files.classify`) and shell scripts: scanned for secrets."""
    path = Path(filename)
    return classify(path) is None or path.suffix.lower() in _SHELL_SUFFIXES


# --------------------------------------------------------------------------- output models


class RequirementItem(BaseModel):
    id: str
    level: int | None
    section: str
    summary: str
    guidance: str | None = Field(default=None, description="detail=full only: how to satisfy it")
    cwe: list[int] | None = Field(default=None, description="detail=full only")
    other_version_ids: list[str] | None = Field(
        default=None, description="detail=full only: mapped ids in the other ASVS version"
    )
    official_text: str | None = Field(default=None, description="detail=full, after `vsguard asvs import`")
    example_language: str | None = None
    example: str | None = Field(
        default=None,
        description="With include_examples or detail=full: a secure example, in `language` if any",
    )


class RequirementsOut(BaseModel):
    asvs_version: AsvsVersion
    code_type: str
    language: str | None
    level: int | None
    detail: Detail
    total: int = Field(description="Requirements over all pages")
    offset: int
    has_more: bool
    next_offset: int | None = Field(description="Pass as offset for the next page; null on the last page")
    requirements: list[RequirementItem]


class FixItem(BaseModel):
    """A finding's fix as suggest_fix answers it (the fields `FindingFix` documents)."""

    rule_id: str
    line: int
    status: FixStatus
    explanation: str
    asvs_5: tuple[str, ...] = ()
    asvs_4: tuple[str, ...] | None = Field(default=None, description="detail=full only")
    remaining: str | None = None
    checks: tuple[str, ...] | None = Field(default=None, description="detail=full only: what held")
    todo: str | None = Field(default=None, description="What the caller must still do")
    diff: str | None = Field(default=None, description="This fix alone, when it is not in `diff`")


class SuggestFixOut(BaseModel):
    language: str
    verified: bool = Field(description="True when every rewrite in the diff passed every check")
    needs_review: bool = Field(
        description="Some proven fixes change a data format, stored values or a dependency: held back "
        "unless accept_review=true; each has its own diff and todo"
    )
    diff: str = Field(description="Unified diff from the given code to the fixed code")
    fixed_code: str | None = Field(
        description="detail=full only: the whole fixed code (null when nothing was rewritten)"
    )
    fixes: list[FixItem]
    guidance: list[str]
    remaining: list[FindingOut] = Field(description="Findings still in the fixed code, most severe first")
    remaining_total: int


# --------------------------------------------------------------------------- helpers


def _pick_example(examples: dict[str, str], language: str | None) -> tuple[str | None, str | None]:
    if language and language in examples:
        return language, examples[language]
    if language in ("typescript", "tsx") and "javascript" in examples:
        return "javascript", examples["javascript"]
    if language is None:
        for lang in ("python", "javascript", "typescript"):
            if lang in examples:
                return lang, examples[lang]
    return None, None


def _item(req: Requirement, language: str | None, detail: Detail, examples: bool) -> RequirementItem:
    item = RequirementItem(
        id=req.id,
        level=req.level,
        section=f"{req.section_id} {req.section_name}",
        summary=req.summary,
    )
    if detail == "full":
        other = asvs4_for([req.id]) if req.version == "5.0.0" else asvs5_for([req.id])
        item.guidance = req.guidance
        item.cwe = list(req.cwe)
        item.other_version_ids = list(other)
        item.official_text = req.official_text
    if examples or detail == "full":
        item.example_language, item.example = _pick_example(examples_for(req), language)
    return item


def _requirements_markdown(out: RequirementsOut) -> str:
    level = f", up to L{out.level}" if out.level else ""
    shown = f"{out.offset + 1}-{out.offset + len(out.requirements)}" if out.requirements else "none"
    lines = [
        f"## ASVS {out.asvs_version} requirements for {out.code_type}{level}: {shown} of {out.total}",
        "Most important first. Satisfy each in the code you write; `get_requirement` gives the full text.",
        "",
    ]
    for r in out.requirements:
        lines.append(f"- **{r.id}** ({level_label(r.level)}, {r.section}): {r.summary}")
        if r.guidance:
            cwe = f" (CWE-{', CWE-'.join(map(str, r.cwe))})" if r.cwe else ""
            lines.append(f"  How: {r.guidance}{cwe}")
        if r.other_version_ids:
            lines.append(f"  Other ASVS version: {', '.join(r.other_version_ids)}")
        if r.official_text:
            lines.append(f"  Official: {r.official_text}")
        if r.example:
            lines += [
                f"  ```{r.example_language}",
                *("  " + ln for ln in r.example.rstrip().splitlines()),
                "  ```",
            ]
    if out.has_more:
        lines += [
            "",
            f"*{out.total - (out.next_offset or 0)} more: call again with offset={out.next_offset}.*",
        ]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- tools


def check_security_requirements(
    code_type: CodeTypeArg,
    language: LanguageArg = None,
    context: Annotated[
        str | None,
        Field(description='The feature in a few words ("Flask login with remember-me"); ranks what matters'),
    ] = None,
    level: Annotated[
        Literal[1, 2, 3] | None, Field(description="ASVS level: keeps requirements of this level and below")
    ] = None,
    asvs_version: VersionArg = "5.0.0",
    detail: DetailArg = "brief",
    include_examples: Annotated[
        bool, Field(description="Add a secure code example to each requirement (detail=full always does)")
    ] = False,
    limit: Annotated[
        int, Field(ge=1, le=MAX_LIMIT, description=f"Requirements per page, 1-{MAX_LIMIT}")
    ] = FIRST_PAGE,
    offset: Annotated[
        int, Field(ge=0, description="Requirements to skip: next_offset of the previous page")
    ] = 0,
) -> Annotated[CallToolResult, RequirementsOut]:
    """Call BEFORE writing security-relevant code: the OWASP ASVS requirements it must satisfy,
    most important first (id, level, one-line summary). Page with limit/offset; detail=full or
    include_examples adds guidance and secure examples; get_requirement gives one in full."""

    def build() -> CallToolResult:
        version = normalize_version(asvs_version)
        everything = requirements_for(
            code_type, language=language, context=context, level=level, version=version, limit=_ALL
        )
        page = everything[offset : offset + limit]
        end = offset + len(page)
        out = RequirementsOut(
            asvs_version=version,
            code_type=code_type,
            language=language,
            level=level,
            detail=detail,
            total=len(everything),
            offset=offset,
            has_more=end < len(everything),
            next_offset=end if end < len(everything) else None,
            requirements=[_item(with_official(r), language, detail, include_examples) for r in page],
        )
        return answer(_requirements_markdown(out), out)

    return guard(build, "check_security_requirements")


def _scan(code: str, language: str | None, filename: str | None, limits: Limits) -> ScanResult:
    """Source through the scanner; a config file (.env, YAML, Dockerfile, shell) for secrets only."""
    if language is None and filename and is_config_file(filename):
        check_input_size(code, limits)
        return run_isolated(scan_text, code, None, limits=limits, path=filename)
    return scan_source(code, language, filename, limits=limits)


def scan_code(
    code: Annotated[str, Field(description="The source (or config file) text to scan")],
    language: LanguageArg = None,
    filename: Annotated[
        str | None, Field(description="File name, for the language or a config file (.env, YAML, Dockerfile)")
    ] = None,
    context: Annotated[
        str | None, Field(description='Free text naming the framework ("Express route")')
    ] = None,
    min_severity: SeverityArg = None,
    detail: DetailArg = "brief",
    limit: LimitArg = DEFAULT_LIMIT,
    offset: OffsetArg = 0,
) -> Annotated[CallToolResult, ScanOut]:
    """Call AFTER writing code: scan it for security flaws (injection, XSS, weak crypto, secrets, ...).

    Findings come most severe first (rule, severity, confidence, CWE, ASVS ids, line, message, fix,
    fixable), paged with limit/offset; the summary counts all of them. verdict/passed: fully analysed
    and nothing at or above min_severity; complete=false lists in `skipped` what was not analysed.
    Config files (.env, YAML, Dockerfile, shell scripts, by filename) are checked for secrets.
    Findings marked fixable can be rewritten with `suggest_fix`.
    """

    def build() -> CallToolResult:
        if not code.strip():
            raise ValueError("`code` is empty; pass the source text to scan")
        threshold = parse_severity(min_severity) if min_severity else Severity.INFO
        limits = Limits.from_env()
        lang = language or (None if filename else from_context(context))
        result = apply_policy(_scan(code, lang, filename, limits), Policy(min_severity=threshold))
        page = min(limit, limits.max_findings_in_response)  # VSGUARD_MAX_FINDINGS caps a page
        markdown, out = findings_page(result, limit=page, offset=offset, detail=detail)
        return answer(markdown, out)

    return guard(build, "scan_code")


def _fix_item(fx: FindingFix, detail: Detail) -> FixItem:
    """One finding's fix. Brief: a short explanation, the 5.0.0 ids, and a diff and todo only for
    a fix held for review (the whole diff has the others; their explanation says the rest)."""
    if detail == "full":
        return FixItem(**to_dict(fx))
    review = fx.status is FixStatus.NEEDS_REVIEW
    return FixItem(
        rule_id=fx.rule_id,
        line=fx.line,
        status=fx.status,
        explanation=short(fx.explanation),
        asvs_5=fx.asvs_5,
        remaining=fx.remaining,
        todo=fx.todo if review else None,
        diff=fx.diff if review and fx.remaining else None,
    )


def _fix_out(result: FixResult, detail: Detail) -> SuggestFixOut:
    remaining = most_severe_first(result.remaining_findings)
    fixes = [_fix_item(fx, detail) for fx in result.fixes]
    return SuggestFixOut(
        language=result.language,
        verified=result.verified,
        needs_review=result.needs_review,
        diff=result.diff if result.fixed_code is not None else "",
        fixed_code=result.fixed_code if detail == "full" else None,
        fixes=fixes,
        guidance=list(result.guidance),
        remaining=[to_finding_out(f, detail) for f in remaining[:_REMAINING_SHOWN]],
        remaining_total=len(remaining),
    )


def _fix_markdown(out: SuggestFixOut) -> str:
    verdict = "verified" if out.verified else "not verified"
    lines = [f"## vsguard fix ({out.language}): {verdict}"]
    told: dict[str, str] = {}  # explanation -> the fix that gave it first (one rewrite, several rules)
    for fx in out.fixes:
        ids = ", ".join(fx.asvs_5)
        first = told.setdefault(fx.explanation, f"line {fx.line} `{fx.rule_id}`")
        why = fx.explanation if first == f"line {fx.line} `{fx.rule_id}`" else f"the same rewrite as {first}"
        lines.append(f"- line {fx.line} `{fx.rule_id}`: **{fx.status.value}** — {why} (ASVS {ids})")
        if fx.remaining and fx.status is not FixStatus.NEEDS_REVIEW:
            lines.append(f"  remaining: {fx.remaining}")
        if fx.todo and fx.status is FixStatus.NEEDS_REVIEW:
            lines.append(f"  {fx.todo}")
    if out.diff:
        lines += ["", "```diff", out.diff.rstrip(), "```"]
        if out.fixed_code is None:
            lines.append("detail=full adds the whole fixed code.")
    for note in out.guidance:
        lines += ["", note]
    if out.remaining_total:
        lines += ["", f"Still found in the fixed code: {out.remaining_total} (first {len(out.remaining)}):"]
        lines += [
            f"- {f.severity.value.upper()} `{f.rule_id}` line {f.line}: {f.message}" for f in out.remaining
        ]
    if not out.fixes and not out.guidance:
        lines.append("No findings to fix in this code.")
    return "\n".join(lines) + "\n"


def suggest_fix(
    vulnerable_code: Annotated[str, Field(description="The code to fix (a whole file or a snippet)")],
    vulnerability_type: Annotated[
        str | None,
        Field(
            description="Optional focus: sql_injection, xss, command_injection, weak_crypto, weak_password, "
            "hardcoded_secret, session, xxe, a CWE id (CWE-89) or a rule id; omit to fix everything fixable"
        ),
    ] = None,
    language: LanguageArg = None,
    context: Annotated[str | None, Field(description='Free text naming the framework ("Flask view")')] = None,
    rule_id: Annotated[str | None, Field(description="Fix only findings of this vsguard rule id")] = None,
    detail: DetailArg = "brief",
    accept_review: Annotated[
        bool,
        Field(
            description="Also apply needs_review fixes (a data format, stored values or a dependency change)"
        ),
    ] = False,
) -> Annotated[CallToolResult, SuggestFixOut]:
    """Rewrite the given code to remove its security findings, and prove each rewrite.

    Returns a unified diff and a status per finding: `verified` (still parses, finding gone, nothing
    new, names and imports consistent, secrets strong), `needs_review` (proven, but it changes a
    data format, stored values or adds a dependency: held out of the diff unless accept_review=true,
    shown with its own diff and what to check), or `guidance` (no safe mechanical rewrite; concrete
    advice and a secure example instead). detail=full adds the whole fixed code and the full
    explanations.
    """

    def build() -> CallToolResult:
        if not vulnerable_code.strip():
            raise ValueError("`vulnerable_code` is empty; pass the code to fix")
        lang = language or from_context(context)
        result = run_isolated(
            run_suggest_fix,
            vulnerable_code,
            budget=3,  # per-file time limits: the fixer rescans the code a few times
            language=lang,
            vulnerability_type=vulnerability_type,
            rule_id=rule_id,
            context=context,
            accept_review=accept_review,
        )
        out = _fix_out(result, detail)
        return answer(_fix_markdown(out), out)

    return guard(build, "suggest_fix")


def register(server: MCPServer) -> None:
    server.tool(annotations=READ_ONLY)(check_security_requirements)
    server.tool(annotations=READ_ONLY)(scan_code)
    server.tool(annotations=READ_ONLY)(suggest_fix)
    # Argument mistakes of every tool, registered here or later, come back as one plain sentence.
    arguments.install(server)


__all__ = ["CODE_TYPES", "register"]
