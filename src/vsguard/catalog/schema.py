"""Shape of the catalog data files (one YAML file per ASVS chapter and version).

Validation is strict so that a bad file fails loudly with its path, the requirement id and the
field, instead of silently dropping knowledge an agent relies on.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict, Field, field_validator

# Closed vocabulary: lookups by topic only work if writers cannot invent near-duplicates.
TAGS: frozenset[str] = frozenset(
    {
        "access_control",
        "api",
        "architecture",
        "authentication",
        "build_deploy",
        "business_logic",
        "communication",
        "configuration",
        "cookies",
        "cryptography",
        "csrf",
        "data_protection",
        "dependencies",
        "deserialization",
        "documentation",
        "error_handling",
        "file_handling",
        "graphql",
        "headers",
        "injection",
        "input_validation",
        "llm",
        "logging",
        "malicious_code",
        "memory_safety",
        "mfa",
        "oauth_oidc",
        "output_encoding",
        "passwords",
        "privacy",
        "randomness",
        "rate_limiting",
        "redirects",
        "secrets",
        "session_management",
        "ssrf",
        "tls",
        "tokens_jwt",
        "uploads",
        "web_frontend",
        "webrtc",
        "websocket",
        "xml",
        "xss",
    }
)

# Languages a secure example may be written in; each must parse with ast-grep.
EXAMPLE_LANGUAGES: frozenset[str] = frozenset(
    {"python", "javascript", "typescript", "java", "go", "csharp", "php", "ruby", "rust", "kotlin"}
)

_REQ_ID = re.compile(r"^V\d{1,2}\.\d{1,2}\.\d{1,2}$")
_SECTION_ID = re.compile(r"^V\d{1,2}\.\d{1,2}$")
_CHAPTER_ID = re.compile(r"^V\d{1,2}$")


def _shaped(value: str, pattern: re.Pattern[str], what: str, form: str) -> str:
    if not pattern.match(value):
        raise ValueError(f"{what} {value!r} is not of the form {form}")
    return value


def _only_known(values: Iterable[str], allowed: frozenset[str], what: str) -> None:
    unknown = sorted(set(values) - allowed)
    if unknown:
        raise ValueError(f"unknown {what} {unknown}; allowed: {sorted(allowed)}")


class RequirementEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    level: int | None = Field(ge=1, le=3)
    summary: str = Field(min_length=20)
    why: str = Field(min_length=20)
    verify: str = Field(min_length=20)
    guidance: str = Field(min_length=20)
    tags: list[str] = Field(min_length=1)
    cwe: list[int] = Field(default_factory=list)
    nist: list[str] = Field(default_factory=list)
    examples: dict[str, str] = Field(default_factory=dict)

    @field_validator("id")
    @classmethod
    def _id_shape(cls, v: str) -> str:
        return _shaped(v, _REQ_ID, "requirement id", "V<chapter>.<section>.<n>")

    @field_validator("tags")
    @classmethod
    def _known_tags(cls, v: list[str]) -> list[str]:
        _only_known(v, TAGS, "tags")
        return v

    @field_validator("examples")
    @classmethod
    def _known_languages(cls, v: dict[str, str]) -> dict[str, str]:
        _only_known(v, EXAMPLE_LANGUAGES, "example languages")
        for lang, code in v.items():
            if not code.strip():
                raise ValueError(f"empty {lang} example")
        return v


class ChapterRef(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    name: str

    @field_validator("id")
    @classmethod
    def _id_shape(cls, v: str) -> str:
        return _shaped(v, _CHAPTER_ID, "chapter id", "V<n>")


class ChapterFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: str
    chapter: ChapterRef
    sections: dict[str, str] = Field(min_length=1)
    requirements: list[RequirementEntry] = Field(min_length=1)

    @field_validator("sections")
    @classmethod
    def _section_ids(cls, v: dict[str, str]) -> dict[str, str]:
        bad = [k for k in v if not _SECTION_ID.match(k)]
        if bad:
            raise ValueError(f"section ids {bad} are not of the form V<chapter>.<n>")
        return v
