"""Typed data shared by every layer: requirements, rules, findings, fixes.

Data flows one way (source -> parse -> rules -> findings -> ASVS mapping -> report), and these
models are the only currency between the stages.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

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


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


# --------------------------------------------------------------------------- ASVS catalog


class Requirement(_Frozen):
    """One ASVS requirement, described in vsguard's own words."""

    id: str = Field(description="Official id with the V prefix, e.g. V6.2.1")
    version: AsvsVersion
    chapter_id: str
    chapter_name: str
    section_id: str
    section_name: str
    level: int | None = Field(description="Lowest ASVS level (1-3) that requires it; None if unleveled")
    summary: str
    why: str
    verify: str
    guidance: str
    tags: tuple[str, ...]
    cwe: tuple[int, ...] = ()
    nist: tuple[str, ...] = ()
    examples: dict[str, str] = Field(default_factory=dict, description="language -> secure example")
    official_text: str | None = Field(default=None, description="Official wording, only once imported")

    @property
    def key(self) -> str:
        return f"v{self.version}-{self.id.removeprefix('V')}"


class Chapter(_Frozen):
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


class _Spec(BaseModel):
    """Parts of a rule. Validated inside the rule-file schema, so each model's own validator is
    built only if something validates it alone (start-up time: hooks load rules per edit)."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


# Names of the semantic checks in engine/predicates.py (a test keeps the two in step).
MetavarPredicate = Literal["dynamic_string", "not_constant", "literal_credential", "unverified_download_run"]
# What a taint rule or sink counts as dangerous (see engine/taint/spec.py).
TaintRequirement = Literal["source", "built", "nonconstant", "spliced"]


class MetavarCheck(_Spec):
    """A semantic check on a captured metavariable, e.g. `{metavar: Q, is: dynamic_string}`."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True, populate_by_name=True)
    metavar: str = Field(min_length=1)
    is_: MetavarPredicate = Field(alias="is")
    negate: bool = False


class PatternMatch(_Spec):
    """An ast-grep config: `rule` stays ast-grep's own mapping, the keys around it are fixed."""

    rule: dict[str, Any] = Field(min_length=1)
    constraints: dict[str, dict[str, Any]] | None = None
    utils: dict[str, dict[str, Any]] | None = None
    transform: dict[str, Any] | None = None
    report: str | None = Field(default=None, description="report this metavariable, not the match")

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


class SinkCondition(_Spec):
    """A constant an argument (or a keyword its constructor got) must have."""

    kwarg: str | None = None
    position: int | None = None
    equals: Any = True
    fact: str | None = None
    matches: str | None = None


class TaintSink(_Spec):
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

    @field_validator("args", mode="before")
    @classmethod
    def _one_or_many(cls, v: object) -> object:
        return v if isinstance(v, list | tuple) else [v]

    @model_validator(mode="after")
    def _has_target(self) -> TaintSink:
        if not (self.callee or self.store or self.returns):
            raise ValueError("a sink needs callee, store or returns")
        return self


class TaintMatch(_Spec):
    sources: tuple[str, ...] = Field(min_length=1, description="source groups of the language catalog")
    sinks: tuple[TaintSink, ...] = Field(min_length=1)
    sanitizers: tuple[str, ...] = Field(default=(), description="callee regexes clearing this class")
    require: TaintRequirement = "source"
    safe_prefix: str | None = None
    source_confidence: Confidence = Confidence.HIGH


class SecretsMatch(_Spec):
    detector: Literal["secrets"]


class FixSpec(_Spec):
    strategy: str = Field(min_length=1, description="a strategy registered in fixes/ for the language")


class Rule(_Spec):
    """A detection rule loaded from YAML; `match` is the kind's typed matcher spec."""

    id: str
    language: str
    title: str
    message: str
    remediation: str
    severity: Severity
    confidence: Confidence
    cwe: tuple[int, ...]
    asvs: tuple[str, ...] = Field(description="ASVS 5.0.0 ids; 4.0.3 ids come from the mapping")
    kind: Literal["pattern", "taint", "secrets"] = "pattern"
    tags: tuple[str, ...] = ()
    vulnerability_class: VulnClass = Field(description="Fix/guidance family, e.g. sql_injection")
    match: PatternMatch | TaintMatch | SecretsMatch = Field(repr=False)
    require: tuple[MetavarCheck, ...] = Field(default=(), repr=False, description="pattern rules only")
    fix: FixSpec | None = Field(default=None, repr=False)
    source_file: str = ""

    @model_validator(mode="after")
    def _match_fits_kind(self) -> Rule:
        expected = {"pattern": PatternMatch, "taint": TaintMatch, "secrets": SecretsMatch}[self.kind]
        if not isinstance(self.match, expected):
            raise ValueError(f"a {self.kind} rule needs a {expected.__name__}")
        return self


class Location(_Frozen):
    start_line: int = Field(description="1-based")
    start_column: int = Field(description="1-based")
    end_line: int
    end_column: int


class TraceStep(_Frozen):
    line: int
    kind: Literal["source", "step", "sink"]
    code: str


class Finding(_Frozen):
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
    partial: bool = Field(default=False, description="True when the rest of the file was analysed")
    line: int | None = Field(default=None, description="Where the unanalysed part starts, if known")


Verdict = Literal["passed", "failed", "incomplete"]


class ScanSummary(_Frozen):
    total: int = Field(description="Findings shown (not suppressed, not filtered out)")
    by_severity: dict[str, int]
    suppressed: int
    filtered: dict[str, int] = Field(
        default_factory=dict,
        description="Findings left out, by why: below_severity, below_confidence, baseline, unchanged",
    )
    failing: int = Field(default=0, description="Shown findings at or above the failure threshold")
    threshold: Severity = Field(default=Severity.INFO, description="Failure threshold")
    complete: bool = Field(default=True, description="True when everything asked for was analysed")
    not_analysed: int = Field(default=0, description="Files (or parts) that make the scan incomplete")
    verdict: Verdict = "passed"
    passed: bool = Field(description="True only when the verdict is passed")


class ScanResult(_Frozen):
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


class FindingFix(_Frozen):
    rule_id: str
    line: int
    status: FixStatus
    explanation: str
    asvs_5: tuple[str, ...] = ()
    asvs_4: tuple[str, ...] = ()
    remaining: str | None = None
    checks: tuple[str, ...] = Field(default=(), description="What was checked and held")
    todo: str | None = Field(default=None, description="What the caller must still do")
    diff: str = Field(default="", description="This finding's change alone, as a unified diff")


class FixResult(_Frozen):
    language: str
    original: str
    fixed_code: str | None
    diff: str
    verified: bool = Field(description="fixed_code passed every check (parse, rescan, names, strength)")
    needs_review: bool = Field(
        default=False, description="Some proven fixes change a format or dependency (see each fix's todo)"
    )
    fixes: tuple[FindingFix, ...]
    guidance: tuple[str, ...] = ()
    remaining_findings: tuple[Finding, ...] = ()
