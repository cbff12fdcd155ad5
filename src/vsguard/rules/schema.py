"""Shape of a rule file. Rules are data: detection logic lives in `match`, metadata beside it.

A rule file holds `rules:`, a list of entries. `kind: pattern` rules carry an ast-grep config
(`rule`, optional `constraints`, `utils`) plus optional semantic `require` checks on metavariables;
`kind: taint` rules carry sources, sinks and sanitizers for the taint engine.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from vsguard.models import Confidence, Severity

_RULE_ID = re.compile(r"^[a-z]+(-[a-z0-9]+)+$")
_ASVS5_ID = re.compile(r"^V\d{1,2}\.\d{1,2}\.\d{1,2}$")


class Requirement(BaseModel):
    """A semantic check on a captured metavariable, e.g. `{metavar: Q, is: dynamic_string}`."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    metavar: str
    is_: str = Field(alias="is")
    negate: bool = False


class RuleEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    title: str = Field(min_length=5)
    message: str = Field(min_length=10)
    remediation: str = Field(min_length=10)
    severity: Severity
    confidence: Confidence
    cwe: list[int] = Field(min_length=1)
    asvs: list[str] = Field(min_length=1)
    kind: Literal["pattern", "taint", "secrets"] = "pattern"
    vulnerability_class: str
    tags: list[str] = Field(default_factory=list)
    match: dict
    require: list[Requirement] = Field(default_factory=list)
    fix: dict | None = None

    @field_validator("id")
    @classmethod
    def _id_shape(cls, v: str) -> str:
        if not _RULE_ID.match(v):
            raise ValueError(f"rule id {v!r} must be lowercase words joined by '-', e.g. py-sql-injection")
        return v

    @field_validator("asvs")
    @classmethod
    def _asvs_shape(cls, v: list[str]) -> list[str]:
        bad = [x for x in v if not _ASVS5_ID.match(x)]
        if bad:
            raise ValueError(f"ASVS 5.0.0 ids must look like V6.2.1, got {bad}")
        return v

    @model_validator(mode="after")
    def _match_shape(self) -> RuleEntry:
        if self.kind == "pattern" and "rule" not in self.match:
            raise ValueError("pattern rules need match.rule (an ast-grep rule)")
        if self.kind == "taint" and not {"sources", "sinks"} <= set(self.match):
            raise ValueError("taint rules need match.sources and match.sinks")
        return self


class RuleFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    language: str
    rules: list[RuleEntry] = Field(min_length=1)
