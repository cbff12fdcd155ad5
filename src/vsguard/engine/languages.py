"""Language names, aliases and detection from file name, shebang and content."""

from __future__ import annotations

import re
from pathlib import PurePath

# vsguard language name -> ast-grep (tree-sitter) grammar name.
GRAMMARS: dict[str, str] = {
    "python": "python",
    "javascript": "javascript",
    "typescript": "typescript",
    "tsx": "tsx",
    "java": "java",
    "go": "go",
    "php": "php",
    "ruby": "ruby",
    "csharp": "csharp",
    "c": "c",
    "cpp": "cpp",
    "rust": "rust",
    "kotlin": "kotlin",
}

# Languages whose rules are shared: a TypeScript file is also checked by JavaScript rules.
RULE_FAMILIES: dict[str, tuple[str, ...]] = {
    "typescript": ("typescript", "javascript"),
    "tsx": ("tsx", "typescript", "javascript"),
    "cpp": ("cpp", "c"),
}

ALIASES: dict[str, str] = {
    "py": "python",
    "python3": "python",
    "js": "javascript",
    "node": "javascript",
    "nodejs": "javascript",
    "jsx": "javascript",
    "ts": "typescript",
    "c#": "csharp",
    "cs": "csharp",
    "c++": "cpp",
    "golang": "go",
    "rb": "ruby",
    "rs": "rust",
    "kt": "kotlin",
}

EXTENSIONS: dict[str, str] = {
    ".py": "python",
    ".pyw": "python",
    ".js": "javascript",
    ".mjs": "javascript",
    ".cjs": "javascript",
    ".jsx": "javascript",
    ".ts": "typescript",
    ".mts": "typescript",
    ".cts": "typescript",
    ".tsx": "tsx",
    ".java": "java",
    ".go": "go",
    ".php": "php",
    ".rb": "ruby",
    ".cs": "csharp",
    ".c": "c",
    ".h": "c",
    ".cc": "cpp",
    ".cpp": "cpp",
    ".cxx": "cpp",
    ".hpp": "cpp",
    ".hh": "cpp",
    ".rs": "rust",
    ".kt": "kotlin",
    ".kts": "kotlin",
}

_SHEBANGS = {"python": "python", "node": "javascript", "ruby": "ruby", "php": "php"}

# Content hints, most distinctive first; used only when name and shebang say nothing.
_CONTENT_HINTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("php", re.compile(r"<\?php")),
    ("go", re.compile(r"^package \w+\s*$|^func \w*\(|:= ", re.M)),
    ("rust", re.compile(r"^\s*(fn |use \w+::|let mut |impl |pub fn )", re.M)),
    ("csharp", re.compile(r"^\s*using System|namespace \w+[\s{;]|\[HttpGet|\bstring\[\] args", re.M)),
    ("kotlin", re.compile(r"^\s*(fun \w+\(|val \w+\s*[:=]|data class )", re.M)),
    ("java", re.compile(r"^\s*(import java\.|public (final )?class |@Override|System\.out\.)", re.M)),
    ("cpp", re.compile(r"#include\s*<(iostream|string|vector|memory)>|std::", re.M)),
    ("c", re.compile(r"#include\s*[<\"]|\bint main\s*\(", re.M)),
    (
        "typescript",
        re.compile(r"^\s*(interface \w+|type \w+ = |export type )|:\s*(string|number|boolean)\b", re.M),
    ),
    (
        "javascript",
        re.compile(r"\b(const|let|var) \w+\s*=|require\(|=>|function \w*\(|console\.log|module\.exports"),
    ),
    ("ruby", re.compile(r"^\s*(require ['\"]|def \w+[^:]*$|end$|puts )", re.M)),
    ("python", re.compile(r"^\s*(def \w+\(.*\):|import \w+|from [\w.]+ import|class \w+.*:|print\()", re.M)),
)


class UnsupportedLanguage(ValueError):
    pass


def normalize(language: str) -> str:
    """Map a user-supplied name to vsguard's name, or raise with the supported list."""
    name = language.strip().lower()
    name = ALIASES.get(name, name)
    if name not in GRAMMARS:
        supported = ", ".join(sorted(GRAMMARS))
        raise UnsupportedLanguage(f"unsupported language {language!r}; supported: {supported}")
    return name


def from_filename(filename: str) -> str | None:
    return EXTENSIONS.get(PurePath(filename).suffix.lower())


def from_content(code: str) -> str | None:
    first = code.lstrip()[:200].splitlines()[0] if code.strip() else ""
    if first.startswith("#!"):
        for needle, lang in _SHEBANGS.items():
            if needle in first:
                return lang
    for lang, pattern in _CONTENT_HINTS:
        if pattern.search(code):
            return lang
    return None


def detect(code: str, filename: str | None = None) -> str | None:
    return (from_filename(filename) if filename else None) or from_content(code)


def rule_languages(language: str) -> tuple[str, ...]:
    return RULE_FAMILIES.get(language, (language,))
