"""Shape of a rule file. Rules are data: detection logic lives in `match`, metadata beside it.

A rule file holds `rules:`, a list of entries, one model per `kind` (default `pattern`):
`pattern` rules carry an ast-grep config (`rule`, optional `constraints`, `utils`, `transform`,
`report`) plus optional semantic `require` checks on metavariables; `taint` rules carry sources,
sinks and sanitizers for the taint engine; `secrets` rules name the secret detector. Every key is
declared and unknown keys are errors, so a misspelt key fails at load instead of disabling a rule.
A rule may carry `examples` (vulnerable and fixed code) for its documentation (`rules/examples.py`).
Checks that need the rule's language (source groups, fix strategies) are in the loader.

The models here only check: the loader builds the rules (`models.Rule`, plain dataclasses) from
the data once it passed, so a scan that reads only files already proven valid never imports
pydantic (see `rules/checked.py`).
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    ValidationError,
    field_validator,
    model_validator,
)

from vsguard.models import Confidence, MetavarPredicate, Severity, TaintRequirement, VulnClass

_RULE_ID = re.compile(r"^[a-z]+(-[a-z0-9]+)+$")
_ASVS5_ID = re.compile(r"^V\d{1,2}\.\d{1,2}\.\d{1,2}$")


@cache
def _weakness_tokens() -> frozenset[str]:
    """The vendored ids as text: the header is `#` lines, the rest ids separated by spaces."""
    text = resources.files("vsguard.rules").joinpath("cwe_weaknesses.txt").read_text(encoding="utf-8")
    return frozenset(text[text.rindex("\n#") + 1 :].split("\n", 1)[1].split())


def is_weakness(cwe: int) -> bool:
    """True for a CWE 4.14 weakness id, vendored from MITRE's research view; categories and views
    are not weaknesses."""
    return str(cwe) in _weakness_tokens()


def cwe_weaknesses() -> frozenset[int]:
    return frozenset(map(int, _weakness_tokens()))


def main_error(exc: ValidationError) -> tuple[list[int | str], str]:
    """(location, message) of the error to report. A misspelt key shows up twice, as an unknown
    key and as the missing declared one: report the misspelling, naming the key it resembles."""
    errors = exc.errors()
    for err in errors:
        if err["type"] != "extra_forbidden":
            continue
        loc = list(err["loc"])
        missing = [
            str(e["loc"][-1]) for e in errors if e["type"] == "missing" and list(e["loc"][:-1]) == loc[:-1]
        ]
        import difflib  # only on the error path

        close = difflib.get_close_matches(str(loc[-1]), missing, n=1)
        hint = (
            f" (did you mean {close[0]!r}?)"
            if close
            else f" (missing: {', '.join(missing)})"
            if missing
            else ""
        )
        return loc, f"unknown key{hint}"
    return list(errors[0]["loc"]), errors[0]["msg"]


class _Spec(BaseModel):
    """A part of a rule entry (its `models` dataclass has the same fields)."""

    model_config = ConfigDict(extra="forbid", defer_build=True)


class MetavarCheckSpec(_Spec):
    model_config = ConfigDict(extra="forbid", defer_build=True, populate_by_name=True)
    metavar: str = Field(min_length=1)
    is_: MetavarPredicate = Field(alias="is")
    negate: bool = False


class PatternMatchSpec(_Spec):
    rule: dict[str, Any] = Field(min_length=1)
    constraints: dict[str, dict[str, Any]] | None = None
    utils: dict[str, dict[str, Any]] | None = None
    transform: dict[str, Any] | None = None
    report: str | None = None


class SinkConditionSpec(_Spec):
    kwarg: str | None = None
    position: int | None = None
    equals: Any = True
    fact: str | None = None
    matches: str | None = None
    given: bool = False


class TaintSinkSpec(_Spec):
    callee: str | None = None
    args: tuple[int | str, ...] = (0,)
    when: tuple[SinkConditionSpec, ...] = ()
    when_any: tuple[SinkConditionSpec, ...] = ()
    unless: tuple[SinkConditionSpec, ...] = ()
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
    def _has_target(self) -> TaintSinkSpec:
        if not (self.callee or self.store or self.returns):
            raise ValueError("a sink needs callee, store or returns")
        return self


class TaintMatchSpec(_Spec):
    sources: tuple[str, ...] = Field(min_length=1)
    sinks: tuple[TaintSinkSpec, ...] = Field(min_length=1)
    sanitizers: tuple[str, ...] = ()
    require: TaintRequirement = "source"
    safe_prefix: str | None = None
    source_confidence: Confidence = Confidence.HIGH


class SecretsMatchSpec(_Spec):
    detector: Literal["secrets"]


class FixSpecSpec(_Spec):
    strategy: str = Field(min_length=1)


class RuleExamples(BaseModel):
    """A short flagged snippet and its corrected form, shown in the rule's documentation; the tests
    prove the rule reports the first and stays silent on the second."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    vulnerable: str = Field(min_length=5)
    fixed: str = Field(min_length=5)


class _RuleBase(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)

    id: str
    title: str = Field(min_length=5)
    message: str = Field(min_length=10)
    remediation: str = Field(min_length=10)
    severity: Severity
    confidence: Confidence
    cwe: tuple[int, ...] = Field(min_length=1)
    asvs: tuple[str, ...] = Field(min_length=1)
    vulnerability_class: VulnClass
    tags: tuple[str, ...] = ()
    fix: FixSpecSpec | None = None
    examples: RuleExamples | None = None  # documentation only: not kept on the loaded `Rule`

    @field_validator("id")
    @classmethod
    def _id_shape(cls, v: str) -> str:
        if not _RULE_ID.match(v):
            raise ValueError(f"rule id {v!r} must be lowercase words joined by '-', e.g. py-sql-injection")
        return v

    @field_validator("asvs")
    @classmethod
    def _asvs_shape(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        bad = [x for x in v if not _ASVS5_ID.match(x)]
        if bad:
            raise ValueError(f"ASVS 5.0.0 ids must look like V6.2.1, got {bad}")
        return v

    @field_validator("cwe")
    @classmethod
    def _cwe_weakness(cls, v: tuple[int, ...]) -> tuple[int, ...]:
        bad = [f"CWE-{c}" for c in v if not is_weakness(c)]
        if bad:
            raise ValueError(
                f"{', '.join(bad)} is not a CWE 4.14 weakness (categories and views are not allowed);"
                " name the most specific weakness"
            )
        return v


class PatternRuleEntry(_RuleBase):
    kind: Literal["pattern"] = "pattern"
    match: PatternMatchSpec
    require: tuple[MetavarCheckSpec, ...] = ()


class TaintRuleEntry(_RuleBase):
    kind: Literal["taint"]
    match: TaintMatchSpec


class SecretsRuleEntry(_RuleBase):
    kind: Literal["secrets"]
    match: SecretsMatchSpec


RULE_KINDS = ("pattern", "taint", "secrets")


def _kind_of(raw: Any) -> str | None:
    """The entry's `kind` (pattern when left out); None makes pydantic report an unknown kind."""
    kind = raw.get("kind", "pattern") if isinstance(raw, dict) else getattr(raw, "kind", None)
    return kind if kind in RULE_KINDS else None


RuleEntry = Annotated[
    Annotated[PatternRuleEntry, Tag("pattern")]
    | Annotated[TaintRuleEntry, Tag("taint")]
    | Annotated[SecretsRuleEntry, Tag("secrets")],
    Discriminator(
        _kind_of,
        custom_error_type="rule_kind",
        custom_error_message=f"kind must be one of {', '.join(RULE_KINDS)}",
    ),
]


class RuleFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    language: str
    rules: list[RuleEntry] = Field(min_length=1)
