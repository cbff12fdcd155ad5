"""Tool parameters as the input schema shows them: a description each, and enums where the values
are a closed set. Values are normalised before the enum check, so `Python`, `py` and `python` or
`Session Management` and `session_management` are all accepted."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field

from vsguard.catalog.ids import normalize_version
from vsguard.engine.languages import ALIASES

Language = Literal[
    "c", "cpp", "csharp", "go", "java", "javascript", "kotlin", "php", "python", "ruby", "rust", "tsx",
    "typescript", "dockerfile", "github-actions",
]  # fmt: skip
CodeType = Literal[
    "authentication", "session_management", "access_control", "input_validation", "injection",
    "cryptography", "error_handling", "data_protection", "communication", "malicious_code",
    "file_handling", "api", "oauth_oidc", "tokens_jwt", "web_frontend", "configuration", "logging",
    "business_logic", "secrets", "dependencies", "deserialization", "llm",
]  # fmt: skip
SeverityName = Literal["info", "low", "medium", "high", "critical"]
Version = Literal["5.0.0", "4.0.3"]
Detail = Literal["brief", "full"]


def _language(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    name = value.strip().lower()
    return ALIASES.get(name, name)


def _code_type(value: Any) -> Any:
    return re.sub(r"[\s-]+", "_", value.strip().lower()) if isinstance(value, str) else value


def _lower(value: Any) -> Any:
    return value.strip().lower() if isinstance(value, str) else value


def version_name(value: Any) -> Any:
    try:
        return normalize_version(value) if isinstance(value, str) else value
    except ValueError:
        return value  # the enum check then names the choices


LanguageArg = Annotated[
    Language | None,
    BeforeValidator(_language),
    Field(description="Programming language (aliases such as py, js, ts accepted); omit to detect it"),
]
CodeTypeArg = Annotated[
    CodeType,
    BeforeValidator(_code_type),
    Field(description="What you are about to write, e.g. authentication for a login or sign-up"),
]
SeverityArg = Annotated[
    SeverityName | None,
    BeforeValidator(_lower),
    Field(description="Report only findings at or above this severity (default: all)"),
]
VersionArg = Annotated[
    Version | None,
    BeforeValidator(version_name),
    Field(description="ASVS version; ids of the other version are mapped (default 5.0.0)"),
]
DetailArg = Annotated[
    Detail,
    BeforeValidator(_lower),
    Field(description="brief: one line per item; full: every field, with examples or code and data flow"),
]
