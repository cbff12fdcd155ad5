"""Typed data shared by every layer: requirements, rules, findings, fixes.

Data flows one way (source -> parse -> rules -> findings -> ASVS mapping -> report), and these
models are the only currency between the stages. They are plain frozen dataclasses: a one-file
scan builds them without a validation library (start-up time: hooks scan once per edit). What
validates input does so at the door: the rule-file schema (rules/schema.py), the catalog schema,
and the MCP server, whose structured output describes these classes through pydantic (the
attribute docstrings below are the field descriptions there; `__pydantic_config__` says so).
"""

from __future__ import annotations

from enum import Enum, StrEnum
from typing import Any, ClassVar, Literal

from vsguard.records import field, fields, record

AsvsVersion = Literal["5.0.0", "4.0.3"]
ASVS_VERSIONS: tuple[AsvsVersion, ...] = ("5.0.0", "4.0.3")


class Severity(StrEnum):
    INFO = "info"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {s: i for i, s in enumerate(Severity)}


class Confidence(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def rank(self) -> int:
        return _CONFIDENCE_RANK[self]


_CONFIDENCE_RANK = {c: i for i, c in enumerate(Confidence)}


class _Frozen:
    """Base of the models: immutable, keyword-only, and described to pydantic (MCP output schema)
    by the attribute docstrings, with unknown keys refused when pydantic reads one."""

    __slots__ = ()
    __pydantic_config__: ClassVar[dict[str, Any]] = {"extra": "forbid", "use_attribute_docstrings": True}


# --------------------------------------------------------------------------- ASVS catalog


@record(frozen=True, slots=True, kw_only=True)
class Requirement(_Frozen):
    """One ASVS requirement, described in vsguard's own words."""

    id: str
    """Official id with the V prefix, e.g. V6.2.1"""
    version: AsvsVersion
    chapter_id: str
    chapter_name: str
    section_id: str
    section_name: str
    level: int | None
    """Lowest ASVS level (1-3) that requires it; None if unleveled"""
    summary: str
    why: str
    verify: str
    guidance: str
    tags: tuple[str, ...]
    cwe: tuple[int, ...] = ()
    nist: tuple[str, ...] = ()
    examples: dict[str, str] = field(default_factory=dict)
    """language -> secure example"""
    official_text: str | None = None
    """Official wording, only once imported"""

    @property
    def key(self) -> str:
        return f"v{self.version}-{self.id.removeprefix('V')}"


@record(frozen=True, slots=True, kw_only=True)
class Chapter(_Frozen):
    """One ASVS chapter: its sections and how many requirements it has."""

    id: str
    name: str
    version: AsvsVersion
    sections: dict[str, str]
    requirement_count: int


# --------------------------------------------------------------------------- rules and findings


class VulnClass(StrEnum):
    """The closed set of vulnerability classes: a rule's `vulnerability_class`, what a taint
    sanitizer clears, and the families the fixer's guidance is grouped by. One spelling each."""

    BUFFER_OVERFLOW = "buffer_overflow"
    CODE_INJECTION = "code_injection"
    COMMAND_INJECTION = "command_injection"
    CORS = "cors"
    CSRF = "csrf"
    DEBUG_MODE = "debug_mode"
    EXCESSIVE_AGENCY = "excessive_agency"
    EXCESSIVE_PRIVILEGE = "excessive_privilege"
    FILE_UPLOAD = "file_upload"
    FORMAT_STRING = "format_string"
    HARDCODED_SECRET = "hardcoded_secret"
    HEADER_INJECTION = "header_injection"
    INSECURE_COOKIE = "insecure_cookie"
    INSECURE_DESERIALIZATION = "insecure_deserialization"
    INSECURE_TEMP_FILE = "insecure_temp_file"
    JWT_VERIFICATION = "jwt_verification"
    LDAP_INJECTION = "ldap_injection"
    LOG_INJECTION = "log_injection"
    MASS_ASSIGNMENT = "mass_assignment"
    MEMORY_SAFETY = "memory_safety"
    NETWORK_EXPOSURE = "network_exposure"
    NOSQL_INJECTION = "nosql_injection"
    OPEN_REDIRECT = "open_redirect"
    PATH_TRAVERSAL = "path_traversal"
    PROMPT_INJECTION = "prompt_injection"
    PROTOTYPE_POLLUTION = "prototype_pollution"
    REGEX_INJECTION = "regex_injection"
    SENSITIVE_DATA_EXPOSURE = "sensitive_data_exposure"
    SQL_INJECTION = "sql_injection"
    SSRF = "ssrf"
    TEMPLATE_INJECTION = "template_injection"
    TLS_VERIFICATION = "tls_verification"
    TRUST_BOUNDARY = "trust_boundary"
    UNBOUNDED_CONSUMPTION = "unbounded_consumption"
    UNVERIFIED_DOWNLOAD = "unverified_download"
    WEAK_CRYPTO = "weak_crypto"
    WEAK_PASSWORD_HASH = "weak_password_hash"
    WEAK_RANDOM = "weak_random"
    XPATH_INJECTION = "xpath_injection"
    XSS = "xss"
    XXE = "xxe"


# Names of the semantic checks in engine/predicates.py (a test keeps the two in step).
MetavarPredicate = Literal["dynamic_string", "not_constant", "literal_credential", "unverified_download_run"]
# What a taint rule or sink counts as dangerous (see engine/taint/spec.py).
TaintRequirement = Literal["source", "built", "nonconstant", "spliced"]


@record(frozen=True, slots=True, kw_only=True)
class MetavarCheck(_Frozen):
    """A semantic check on a captured metavariable, e.g. `{metavar: Q, is: dynamic_string}`."""

    metavar: str
    is_: MetavarPredicate
    """`is` in a rule file"""
    negate: bool = False


@record(frozen=True, slots=True, kw_only=True)
class PatternMatch(_Frozen):
    """An ast-grep config: `rule` stays ast-grep's own mapping, the keys around it are fixed."""

    rule: dict[str, Any]
    constraints: dict[str, dict[str, Any]] | None = None
    utils: dict[str, dict[str, Any]] | None = None
    transform: dict[str, Any] | None = None
    report: str | None = None
    """report this metavariable, not the match"""

    def config(self) -> dict[str, Any]:
        """The mapping ast-grep's `find_all` takes."""
        out: dict[str, Any] = {"rule": self.rule}
        if self.constraints is not None:
            out["constraints"] = self.constraints
        if self.utils is not None:
            out["utils"] = self.utils
        if self.transform is not None:
            out["transform"] = self.transform
        return out


@record(frozen=True, slots=True, kw_only=True)
class SinkCondition(_Frozen):
    """A constant an argument (or a keyword its constructor got) must have."""

    kwarg: str | None = None
    position: int | None = None
    equals: Any = True
    fact: str | None = None
    matches: str | None = None
    given: bool = False  # holds when the argument is passed at all, whatever its value


@record(frozen=True, slots=True, kw_only=True)
class TaintSink(_Frozen):
    """A call, store or handler return a taint rule flags when tainted data reaches it."""

    callee: str | None = None
    args: tuple[int | str, ...] = (0,)
    when: tuple[SinkCondition, ...] = ()
    when_any: tuple[SinkCondition, ...] = ()
    unless: tuple[SinkCondition, ...] = ()
    safe_prefix: str | None = None
    returns: Literal["html_route"] | None = None
    store: str | None = None
    require: TaintRequirement | None = None
    printf: bool = False
    keys_only: bool = False
    text_only: bool = False


@record(frozen=True, slots=True, kw_only=True)
class TaintMatch(_Frozen):
    """A taint rule's sources, sinks and sanitizers."""

    sources: tuple[str, ...]
    """source groups of the language catalog"""
    sinks: tuple[TaintSink, ...]
    sanitizers: tuple[str, ...] = ()
    """callee regexes clearing this class"""
    require: TaintRequirement = "source"
    safe_prefix: str | None = None
    source_confidence: Confidence = Confidence.HIGH


@record(frozen=True, slots=True, kw_only=True)
class SecretsMatch(_Frozen):
    """A rule run by the secret detector."""

    detector: Literal["secrets"]


@record(frozen=True, slots=True, kw_only=True)
class FixSpec(_Frozen):
    """The fix strategy a rule names."""

    strategy: str
    """a strategy registered in fixes/ for the language"""


@record(frozen=True, slots=True, kw_only=True)
class Rule(_Frozen):
    """A detection rule loaded from YAML; `match` is the kind's typed matcher spec."""

    id: str
    language: str
    title: str
    message: str
    remediation: str
    severity: Severity
    confidence: Confidence
    cwe: tuple[int, ...]
    asvs: tuple[str, ...]
    """ASVS 5.0.0 ids; 4.0.3 ids come from the mapping"""
    kind: Literal["pattern", "taint", "secrets"] = "pattern"
    tags: tuple[str, ...] = ()
    vulnerability_class: VulnClass
    """Fix/guidance family, e.g. sql_injection"""
    match: PatternMatch | TaintMatch | SecretsMatch = field(repr=False)
    require: tuple[MetavarCheck, ...] = field(default=(), repr=False)
    """pattern rules only"""
    fix: FixSpec | None = field(default=None, repr=False)
    source_file: str = ""


@record(frozen=True, slots=True, kw_only=True)
class Location(_Frozen):
    """Where a finding is, 1-based lines and columns."""

    start_line: int
    """1-based"""
    start_column: int
    """1-based"""
    end_line: int
    end_column: int


@record(frozen=True, slots=True, kw_only=True)
class TraceStep(_Frozen):
    """One step of a taint trace, from source to sink."""

    line: int
    kind: Literal["source", "step", "sink"]
    code: str


@record(frozen=True, slots=True, kw_only=True)
class Finding(_Frozen):
    """One flaw a rule found, with its ASVS ids and CWE."""

    rule_id: str
    title: str
    severity: Severity
    confidence: Confidence
    cwe: tuple[int, ...]
    asvs_5: tuple[str, ...]
    asvs_4: tuple[str, ...]
    location: Location
    snippet: str
    message: str
    remediation: str
    language: str
    path: str | None = None
    trace: tuple[TraceStep, ...] = ()
    suppressed: bool = False
    fixable: bool = False

    @property
    def fingerprint(self) -> str:
        return f"{self.path or ''}:{self.rule_id}:{self.snippet.strip()}"


class SkipKind(StrEnum):
    """Why a file, or a part of one, was not analysed."""

    NOT_FOUND = "not_found"
    UNREADABLE = "unreadable"
    TOO_LARGE = "too_large"
    BINARY = "binary"
    UNSUPPORTED = "unsupported"
    NOT_TEXT = "not_text"
    PARSE_ERROR = "parse_error"
    TOO_DEEP = "too_deep"
    MINIFIED = "minified"
    TIME_LIMIT = "time_limit"
    MEMORY_LIMIT = "memory_limit"
    CRASHED = "crashed"
    INTERNAL_ERROR = "internal_error"
    LINK = "link"


@record(frozen=True, slots=True, kw_only=True)
class Skipped(_Frozen):
    """Something the scan did not analyse, whole (`partial` False) or in part, and why.

    `incomplete` is True when it was asked for and should have been analysed: such an entry makes
    the scan's verdict INCOMPLETE. Entries passed over by design (a link leaving the scanned tree,
    a binary met while walking a folder) are listed but leave the verdict alone.
    """

    path: str
    reason: str
    kind: SkipKind = SkipKind.INTERNAL_ERROR
    incomplete: bool = True
    partial: bool = False
    """True when the rest of the file was analysed"""
    line: int | None = None
    """Where the unanalysed part starts, if known"""


Verdict = Literal["passed", "failed", "incomplete"]


@record(frozen=True, slots=True, kw_only=True)
class ScanSummary(_Frozen):
    """Counts over the findings of a scan, and its verdict."""

    total: int
    """Findings shown (not suppressed, not filtered out)"""
    by_severity: dict[str, int]
    suppressed: int
    filtered: dict[str, int] = field(default_factory=dict)
    """Findings left out, by why: below_severity, below_confidence, baseline, unchanged"""
    failing: int = 0
    """Shown findings at or above the failure threshold"""
    threshold: Severity = Severity.INFO
    """Failure threshold"""
    complete: bool = True
    """True when everything asked for was analysed"""
    not_analysed: int = 0
    """Files (or parts) that make the scan incomplete"""
    verdict: Verdict = "passed"
    passed: bool
    """True only when the verdict is passed"""


@record(frozen=True, slots=True, kw_only=True)
class ScanResult(_Frozen):
    """Everything a scan found, and what it could not analyse."""

    language: str | None
    findings: tuple[Finding, ...]
    summary: ScanSummary
    skipped: tuple[Skipped, ...] = ()
    files_scanned: int = 1

    @property
    def complete(self) -> bool:
        return not any(s.incomplete for s in self.skipped)


# --------------------------------------------------------------------------- fixes


class FixStatus(StrEnum):
    VERIFIED = "verified"  # proven: applied by default
    NEEDS_REVIEW = "needs_review"  # proven, but changes something visible outside the code it touches
    UNVERIFIED = "unverified"  # a rewrite exists but failed a check: never applied
    GUIDANCE = "guidance"  # no sound mechanical rewrite: advice instead


@record(frozen=True, slots=True, kw_only=True)
class FindingFix(_Frozen):
    """One finding's fix, or the guidance given instead."""

    rule_id: str
    line: int
    status: FixStatus
    explanation: str
    asvs_5: tuple[str, ...] = ()
    asvs_4: tuple[str, ...] = ()
    remaining: str | None = None
    checks: tuple[str, ...] = ()
    """What was checked and held"""
    todo: str | None = None
    """What the caller must still do"""
    diff: str = ""
    """This finding's change alone, as a unified diff"""


@record(frozen=True, slots=True, kw_only=True)
class FixResult(_Frozen):
    """The fixed code of a suggest_fix call, its diff and what was checked."""

    language: str
    original: str
    fixed_code: str | None
    diff: str
    verified: bool
    """fixed_code passed every check (parse, rescan, names, strength)"""
    needs_review: bool = False
    """Some proven fixes change a format or dependency (see each fix's todo)"""
    fixes: tuple[FindingFix, ...]
    guidance: tuple[str, ...] = ()
    remaining_findings: tuple[Finding, ...] = ()


# --------------------------------------------------------------------------- plain data


def to_dict(model: object, *, json: bool = False) -> Any:
    """A model as plain data, fields in declaration order; with `json`, tuples become lists and
    enums their values (what a JSON report holds)."""
    if isinstance(model, _Frozen):
        return {f.name: to_dict(getattr(model, f.name), json=json) for f in fields(model)}
    if isinstance(model, tuple | list):
        items = [to_dict(v, json=json) for v in model]
        return items if json or isinstance(model, list) else tuple(items)
    if isinstance(model, dict):
        return {k: to_dict(v, json=json) for k, v in model.items()}
    if json and isinstance(model, Enum):
        return model.value
    return model
