"""The three core tools an agent calls around writing code: requirements before, scan after, fix."""

from __future__ import annotations

from typing import Annotated

from mcp.server import MCPServer
from mcp_types import CallToolResult
from pydantic import BaseModel, Field

from vsguard.catalog.ids import normalize_version
from vsguard.catalog.importer import with_official
from vsguard.catalog.mapping import asvs4_for, asvs5_for
from vsguard.catalog.query import CODE_TYPES, examples_for, requirements_for
from vsguard.config import Limits
from vsguard.engine.isolation import run_isolated, scan_source
from vsguard.engine.languages import from_context, normalize
from vsguard.fixes import suggest_fix as run_suggest_fix
from vsguard.models import AsvsVersion, Finding, FixResult, ScanSummary, Severity, Skipped
from vsguard.report.markdown import render_markdown
from vsguard.report.requirements import level_label
from vsguard.server.results import READ_ONLY, answer, guard
from vsguard.verdict import Policy, apply_policy, parse_severity

_EXAMPLES_SHOWN = 3  # full code examples in the markdown; the rest stay in structured content


# --------------------------------------------------------------------------- output models


class RequirementSummary(BaseModel):
    id: str
    key: str = Field(description="Version-qualified id, e.g. v5.0.0-6.2.1")
    level: int | None
    chapter: str
    section: str
    summary: str
    guidance: str
    cwe: list[int]
    tags: list[str]
    other_version_ids: list[str] = Field(description="Mapped ids in the other ASVS version")
    example_language: str | None
    example: str | None = Field(description="Secure example, in the requested language when available")
    official_text: str | None = Field(description="OWASP wording, only after `vsguard asvs import`")


class RequirementsOut(BaseModel):
    asvs_version: AsvsVersion
    code_type: str
    language: str | None
    level: int | None
    count: int
    requirements: list[RequirementSummary]


class ScanOut(BaseModel):
    language: str | None
    passed: bool = Field(
        description="True when everything was analysed and no finding is at or above min_severity"
    )
    complete: bool = Field(description="False when part of the code could not be analysed (see skipped)")
    summary: ScanSummary
    findings: list[Finding]
    truncated: bool = Field(description="True when more findings exist than are listed")
    skipped: list[Skipped]


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


def _summary(req, language: str | None) -> RequirementSummary:
    lang, code = _pick_example(examples_for(req), language)
    other = asvs4_for([req.id]) if req.version == "5.0.0" else asvs5_for([req.id])
    return RequirementSummary(
        id=req.id,
        key=req.key,
        level=req.level,
        chapter=f"{req.chapter_id} {req.chapter_name}",
        section=f"{req.section_id} {req.section_name}",
        summary=req.summary,
        guidance=req.guidance,
        cwe=list(req.cwe),
        tags=list(req.tags),
        other_version_ids=list(other),
        example_language=lang,
        example=code,
        official_text=req.official_text,
    )


def _requirements_markdown(out: RequirementsOut) -> str:
    level = f", up to L{out.level}" if out.level else ""
    lines = [
        f"## ASVS {out.asvs_version} requirements for {out.code_type}{level}: {out.count}",
        "Most important first. Satisfy each in the code you write; `get_requirement` gives the full text.",
        "",
    ]
    shown = 0
    for r in out.requirements:
        cwe = f" · CWE-{', CWE-'.join(map(str, r.cwe))}" if r.cwe else ""
        lines.append(f"- **{r.id}** ({level_label(r.level)}, {r.section}{cwe}): {r.summary}")
        lines.append(f"  How: {r.guidance}")
        if r.official_text:
            lines.append(f"  Official: {r.official_text}")
        if r.example and shown < _EXAMPLES_SHOWN:
            lines += [
                f"  ```{r.example_language}",
                *("  " + ln for ln in r.example.rstrip().splitlines()),
                "  ```",
            ]
            shown += 1
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- tools


def check_security_requirements(
    code_type: str,
    language: str | None = None,
    context: str | None = None,
    level: int | None = None,
    asvs_version: str = "5.0.0",
) -> Annotated[CallToolResult, RequirementsOut]:
    """Call BEFORE writing security-relevant code: the OWASP ASVS requirements it must satisfy.

    code_type: what you are about to write, e.g. authentication, session_management, access_control,
    input_validation, cryptography, error_handling, data_protection, communication, malicious_code,
    file_handling, api, oauth_oidc, tokens_jwt, web_frontend, configuration, logging, business_logic, llm.
    language: the language you write in (secure examples are given in it where available).
    context: free text about the feature ("Flask login form with remember-me") to rank what matters first.
    level: ASVS level 1, 2 or 3 (keeps requirements of that level and below). asvs_version: 5.0.0 or 4.0.3.
    """

    def build() -> CallToolResult:
        version = normalize_version(asvs_version)
        lang = normalize(language) if language else None
        reqs = requirements_for(code_type, language=lang, context=context, level=level, version=version)
        out = RequirementsOut(
            asvs_version=version,
            code_type=code_type.strip().lower(),
            language=lang,
            level=level,
            count=len(reqs),
            requirements=[_summary(with_official(r), lang) for r in reqs],
        )
        return answer(_requirements_markdown(out), out)

    return guard(build, "check_security_requirements")


def scan_code(
    code: str,
    language: str | None = None,
    filename: str | None = None,
    context: str | None = None,
    min_severity: str | None = None,
) -> Annotated[CallToolResult, ScanOut]:
    """Call AFTER writing code: scan it for security flaws (injection, XSS, weak crypto, secrets, ...).

    Returns findings with rule id, severity, confidence, CWE, ASVS 5.0.0 and 4.0.3 ids, location, snippet,
    message and remediation, plus a summary (passed = fully analysed and no finding at or above
    min_severity; complete = every part analysed, else `skipped` says why). The language is taken
    from `language`, else the filename, else `context` ("Express route"), else the code itself.
    min_severity: info, low, medium, high or critical (default: report everything).
    Findings marked fixable can be rewritten with `suggest_fix`.
    """

    def build() -> CallToolResult:
        if not code.strip():
            raise ValueError("`code` is empty; pass the source text to scan")
        threshold = parse_severity(min_severity) if min_severity else Severity.INFO
        limits = Limits.from_env()
        lang = language or (None if filename else from_context(context))
        result = apply_policy(
            scan_source(code, lang, filename, limits=limits), Policy(min_severity=threshold)
        )
        kept = list(result.findings)
        shown = kept[: limits.max_findings_in_response]
        out = ScanOut(
            language=result.language,
            passed=result.summary.passed,
            complete=result.summary.complete,
            summary=result.summary,
            findings=shown,
            truncated=len(kept) > len(shown),
            skipped=list(result.skipped),
        )
        return answer(render_markdown(result), out)

    return guard(build, "scan_code")


def _fix_markdown(result: FixResult) -> str:
    verdict = "verified" if result.verified else "not verified"
    lines = [f"## vsguard fix ({result.language}): {verdict}"]
    for fx in result.fixes:
        ids = ", ".join(fx.asvs_5)
        lines.append(
            f"- line {fx.line} `{fx.rule_id}`: **{fx.status.value}** — {fx.explanation} (ASVS {ids})"
        )
        if fx.remaining:
            lines.append(f"  remaining: {fx.remaining}")
    if result.fixed_code is not None and result.diff:
        lines += ["", "```diff", result.diff.rstrip(), "```"]
    for note in result.guidance:
        lines += ["", note]
    if not result.fixes and not result.guidance:
        lines.append("No findings to fix in this code.")
    return "\n".join(lines) + "\n"


def suggest_fix(
    vulnerable_code: str,
    vulnerability_type: str | None = None,
    language: str | None = None,
    context: str | None = None,
    rule_id: str | None = None,
) -> Annotated[CallToolResult, FixResult]:
    """Rewrite the given code to remove its security findings, and prove it by rescanning.

    vulnerability_type: optional focus, e.g. sql_injection, xss, command_injection, weak_crypto,
    weak_password, hardcoded_secret, session, xxe, a CWE id (CWE-89) or a vsguard rule id; omit it to
    fix every finding that has a sound rewrite. Returns the fixed code, a unified diff and a status per
    finding: `verified` (rewritten, still parses, finding gone, nothing new) or `guidance` (no safe
    mechanical rewrite; concrete advice and a secure example instead).
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
        )
        return answer(_fix_markdown(result), result)

    return guard(build, "suggest_fix")


def register(server: MCPServer) -> None:
    server.tool(annotations=READ_ONLY)(check_security_requirements)
    server.tool(annotations=READ_ONLY)(scan_code)
    server.tool(annotations=READ_ONLY)(suggest_fix)


__all__ = ["CODE_TYPES", "register"]
