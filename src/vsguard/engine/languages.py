"""Language names, aliases and detection from file name, shebang and content.

Content detection scores weighted signals per language (syntax that is typical of one language and
rare in the others) and only answers when one language clearly leads; an unclear or foreign snippet
gives `None`, and `require_language` turns that into a message that says what went wrong.
"""

from __future__ import annotations

import re
from pathlib import PurePath
from typing import Any

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
    # Configuration that runs code. A Dockerfile's instructions read as shell commands (RUN's
    # pipelines and lists included), so the bash grammar gives each instruction a node to match.
    "dockerfile": "bash",
    "github-actions": "yaml",
}

# Languages whose files are configuration: secrets in them count unquoted, as in `.env` files.
CONFIG_LANGUAGES = frozenset({"dockerfile", "github-actions"})

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
    "docker": "dockerfile",
    "containerfile": "dockerfile",
    "gha": "github-actions",
    "github_actions": "github-actions",
    "github-workflow": "github-actions",
}

EXTENSIONS: dict[str, str] = {
    ".py": "python",
    ".pyw": "python",
    ".pyi": "python",
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
    ".phtml": "php",
    ".rb": "ruby",
    ".rake": "ruby",
    ".gemspec": "ruby",
    ".cs": "csharp",
    ".c": "c",
    ".h": "c",
    ".cc": "cpp",
    ".cpp": "cpp",
    ".cxx": "cpp",
    ".hpp": "cpp",
    ".hh": "cpp",
    ".hxx": "cpp",
    ".rs": "rust",
    ".kt": "kotlin",
    ".kts": "kotlin",
}
_FILENAMES: dict[str, str] = {"rakefile": "ruby", "gemfile": "ruby", "podfile": "ruby", "vagrantfile": "ruby"}

# Extensions of languages vsguard does not parse, so their files are named, not guessed at.
_FOREIGN_EXTENSIONS: dict[str, str] = {
    ".sh": "shell script",
    ".bash": "shell script",
    ".zsh": "shell script",
    ".ps1": "PowerShell",
    ".swift": "Swift",
    ".scala": "Scala",
    ".sql": "SQL",
    ".pl": "Perl",
    ".pm": "Perl",
    ".lua": "Lua",
    ".dart": "Dart",
    ".r": "R",
    ".ex": "Elixir",
    ".exs": "Elixir",
    ".hs": "Haskell",
    ".m": "Objective-C",
    ".vue": "Vue single-file component",
    ".svelte": "Svelte component",
    ".html": "HTML",
    ".css": "CSS",
}

_SHEBANGS: tuple[tuple[re.Pattern[str], str | None], ...] = (
    (re.compile(r"\bpython[\d.]*\b|\bpypy"), "python"),
    (re.compile(r"\b(?:ts-node|tsx|deno)\b"), "typescript"),
    (re.compile(r"\b(?:node|nodejs|bun)\b"), "javascript"),
    (re.compile(r"\b(?:ruby|jruby)\b"), "ruby"),
    (re.compile(r"\bphp\b"), "php"),
    (re.compile(r"\bkotlin\b|\bkscript\b"), "kotlin"),
    (re.compile(r"\b(?:bash|sh|zsh|dash|ksh|fish)\b"), None),
    (re.compile(r"\bperl\b"), None),
)


class _Signal:
    """A multi-line regex compiled on first use: detection by content is needed only for text
    without a telling file name, and compiling every signal up front cost each scan's start-up."""

    __slots__ = ("_compiled", "source")

    def __init__(self, source: str) -> None:
        self.source = source
        self._compiled: re.Pattern[str] | None = None

    def findall(self, text: str) -> list[Any]:
        if self._compiled is None:
            self._compiled = re.compile(self.source, re.M)
        return self._compiled.findall(text)


def _signals(*pairs: tuple[str, int]) -> tuple[tuple[_Signal, int], ...]:
    return tuple((_Signal(p), w) for p, w in pairs)


# Weighted signals. A weight says how strongly the syntax points at this language alone.
_SIGNALS: dict[str, tuple[tuple[_Signal, int], ...]] = {
    "dockerfile": _signals(
        (r"^# ?syntax=docker/", 10),
        (r"(?i)^FROM[ \t]+(?:--platform=\S+[ \t]+)?[\w.:/@${}-]+(?:[ \t]+AS[ \t]+[\w.-]+)?[ \t\r]*$", 8),
        (r"^(?:RUN|COPY|ADD|WORKDIR|ENTRYPOINT|CMD|EXPOSE|USER|ENV|ARG|LABEL|HEALTHCHECK|VOLUME)[ \t]", 2),
    ),
    "github-actions": _signals(
        (r"^jobs:[ \t\r]*$", 5),
        (r"^[ \t]+runs-on:[ \t]", 8),
        (r"^[ \t]+(?:-[ \t]+)?uses:[ \t]+[\w.-]+/[\w./-]+@", 6),
        (r"^on:[ \t]*(?:\[|[a-z_]+[ \t\r]*$|$)", 2),
        (r"\$\{\{[ \t]*(?:github|secrets|matrix|steps|inputs)\.", 3),
    ),
    "php": _signals(
        (r"<\?php", 12),
        (r"<\?=", 6),
        (r"\$this->", 5),
        (r"^[ \t]*\$\w+[ \t]*=[^=]", 3),
        (r"\bfunction \w+\([ \t]*\$", 4),
        (r"\becho[ \t]+[\"'$]", 2),
        (r"\$_(?:GET|POST|REQUEST|SERVER|COOKIE)\b", 6),
        (r"->\w+\(", 1),
    ),
    "go": _signals(
        (r"^package \w+[ \t\r]*$", 6),
        (r"^import \([ \t\r]*$", 4),
        (r"^import \"[\w./-]+\"[ \t\r]*$", 4),
        (r"^func (?:\(\w+ \*?\w+\) )?\w+\(", 6),
        (r"\w := ", 2),
        (r"\bfmt\.\w+\(", 3),
        (r"\berr != nil\b", 5),
        (r"\bgo func\(", 4),
        (r"\bchan \w+", 3),
        (r"^type \w+ struct \{", 5),
        (r"\bdefer \w", 3),
    ),
    "rust": _signals(
        # `unsafe fn`, `const fn` and `extern "C" fn` (the FFI idiom) are function headers too
        (r"^[ \t]*(?:pub(?:\(crate\))? )?(?:const )?(?:async )?(?:unsafe )?(?:extern \"\w+\" )?fn \w+", 5),
        (r"\blet mut \w+", 5),
        (r"^[ \t]*use \w+(?:::\w+)+", 4),
        (r"^[ \t]*impl(?:<[^>\n]*>)? \w+", 4),
        (r"\b\w+!\(", 1),
        (r"\bprintln!\(|\bformat!\(|\bvec!\[", 5),
        (r"#\[derive\(", 6),
        (r"&(?:mut |'\w+ )?str\b", 4),
        (r"->[ \t]*(?:Result|Option)<", 4),
        (r"\bunsafe \{", 3),
        (r"\.unwrap\(\)", 3),
        (r"::new\(", 1),
    ),
    "csharp": _signals(
        (r"^[ \t]*using System(?:\.[\w.]+)?;", 8),
        (r"^[ \t]*namespace [\w.]+[ \t]*[{;]?[ \t\r]*$", 2),
        (r"\[(?:HttpGet|HttpPost|ApiController|Route|Authorize|Fact|Test)\b", 5),
        (r"\bstring\[\] args\b", 4),
        (r"\bConsole\.Write(?:Line)?\(", 6),
        (r"\{ get; (?:private |init; )?set; \}|\{ get; \}", 6),
        (r"\basync Task\b|\bTask<\w+>", 5),
        (r"\bpublic (?:static |override |virtual |async )*(?:void|string|int|bool|Task)\b", 1),
        (r"\b(?:var|string|int) \w+ = \$\"", 5),
        (r"\busing var \w+", 4),
        (r"\bnew\(\)", 1),
        (r"\.(?:Where|Select|FirstOrDefault|ToList)\(\w+ =>", 4),
    ),
    "java": _signals(
        (r"^import (?:java|javax|jakarta|org\.springframework|lombok)\.[\w.*]+;", 8),
        (r"^package [\w.]+;", 6),
        (r"\bpublic (?:final |abstract )?class \w+", 2),
        (r"\bSystem\.(?:out|err)\.print", 6),
        (r"^[ \t]*@Override[ \t\r]*$", 4),
        (r"\bString\[\] args\b", 3),
        (r"\bthrows \w+(?:Exception|Error)\b", 4),
        (r"\bnew \w+<>\(", 4),
        (r"\bprivate (?:static )?final \w", 3),
        (r"\bpublic static void main\(", 4),
        (r"\bextends \w+ implements\b", 3),
        (r"\b(?:List|Map|Set|Optional)<\w+(?:, ?\w+)?> \w+ =", 3),
    ),
    "kotlin": _signals(
        (r"^[ \t]*(?:(?:private|internal|public|override|suspend|inline) )*fun (?:<[^>\n]*> )?[\w.]+\(", 6),
        (r"^[ \t]*(?:private |internal )?va[lr] \w+[ \t]*(?::[\w<>?, \t]*)?=", 3),
        (r"\bdata class \w+", 6),
        (r"^package [\w.]+[ \t\r]*$", 2),
        (r"^import [\w.]+(?: as \w+)?[ \t\r]*$", 1),
        (r"\bcompanion object\b", 6),
        (r":[ \t]*Unit\b", 3),
        (r"\?\.let[ \t]*\{|\?: ", 3),
        (r"\b(?:listOf|mapOf|setOf|mutableListOf)\(", 3),
        (r"\bwhen[ \t]*\([^()\n]*\)[ \t]*\{", 3),
        (r"\bobject \w+[ \t]*[:{]", 2),
        (r"\bit\.\w+", 1),
        (r"\"\$\{?\w+", 1),
    ),
    "cpp": _signals(
        (
            r"#include[ \t]*<(?:iostream|string|vector|memory|map|unordered_map|algorithm|cstdio|cstring"
            r"|cstdlib)>",
            6,
        ),
        (r"\bstd::\w+", 5),
        (r"\busing namespace std;", 6),
        (r"^[ \t]*template[ \t]*<", 4),
        (r"\bstd::cout[ \t]*<<|\bcout[ \t]*<<", 5),
        (r"\bnullptr\b", 4),
        (r"^[ \t]*class \w+(?:[ \t]*:[ \t]*public \w+)?[ \t]*\{", 2),
        (r"\bconst \w+&", 3),
        (r"\b(?:public|private|protected):[ \t\r]*$", 3),
        (r"::~?\w+\(", 1),
    ),
    "c": _signals(
        (r"#include[ \t]*<(?:stdio|stdlib|string|unistd|stdint|stddef|errno|fcntl|sys/\w+)\.h>", 5),
        (r"#include[ \t]*\"[\w/]+\.h\"", 3),
        (r"\bint main[ \t]*\((?:void|int argc)", 4),
        (r"\b(?:f|s|sn)?printf\(", 2),
        (r"\bmalloc\(|\bfree\(|\bmemcpy\(|\bstrcpy\(", 3),
        (r"\bchar \*\w+", 2),
        (r"\bNULL\b", 2),
        (r"^[ \t]*(?:typedef )?struct \w+[ \t]*\{", 2),
        (r"^#define \w+", 2),
    ),
    "typescript": _signals(
        (r"\b\w+\??:[ \t]*(?:string|number|boolean|any|unknown|void|never)(?:\[\])?[ \t]*[,;)=|]", 4),
        (r"^[ \t]*(?:export )?interface \w+(?:<[^>\n]*>)? (?:extends [\w, <>]+ )?\{", 4),
        (r"^[ \t]*(?:export )?type \w+(?:<[^>\n]*>)? = ", 4),
        (r"\bas const\b|\bas unknown as\b", 5),
        (r"\):[ \t]*(?:Promise<|void\b|string\b|number\b|boolean\b)", 4),
        (r"\bprivate readonly \w+:", 4),
        (r"^[ \t]*(?:export )?enum \w+ \{", 2),
        (r"<\w+(?:\[\])?>\(", 1),
        (r"^import type ", 6),
        (r"\bimplements \w+ \{", 1),
    ),
    "javascript": _signals(
        (r"\b(?:const|let) \w+ = ", 2),
        (r"\brequire\(['\"][\w@./-]+['\"]\)", 5),
        (r"\bmodule\.exports\b", 6),
        (r"\) => \{|\w => ", 2),
        (r"\bfunction \w*\((?:\w+(?:, ?\w+)*)?\)[ \t]*\{", 3),
        (r"\bconsole\.(?:log|error)\(", 3),
        (r"\b(?:document|window)\.\w+", 3),
        (r"^import .* from ['\"][\w@./-]+['\"];?[ \t\r]*$", 3),
        (r"\basync function\b", 2),
        (r"[^=!]===[^=]", 2),
        (r"^export (?:default|const|function|async) ", 3),
        (r"\bawait \w+", 1),
        (r"\bvar \w+ = ", 1),
    ),
    "ruby": _signals(
        (r"^[ \t]*def (?:self\.)?\w+[?!]?(?:\(.*\))?[ \t\r]*$", 4),
        (r"^[ \t]*end[ \t\r]*$", 3),
        (r"^require(?:_relative)? ['\"]", 4),
        (r"^[ \t]*puts ", 3),
        (r"\.each(?:_with_index)? do \|", 6),
        (r"\bdo \|\w+(?:, ?\w+)?\|", 5),
        (r"\battr_(?:accessor|reader|writer) :", 6),
        (r"^[ \t]*class \w+ < [\w:]+[ \t\r]*$", 5),
        (r"^[ \t]*module \w+[ \t\r]*$", 3),
        (r"\belsif\b", 6),
        (r"^[ \t]*unless ", 3),
        (r":\w+ => ", 3),
        (r"\b@\w+ = ", 2),
        (r"#\{\w", 3),
    ),
    "python": _signals(
        (r"^[ \t]*(?:async )?def \w+\((?>[^#\n]*\))[ \t]*(?:->[^:\n]+)?:[ \t]*(?:#.*)?$", 6),
        (r"^from [\w.]+ import [\w*, \t()]++(?:#.*)?\r?$", 5),
        (r"^import [\w.]+(?: as \w+)?(?:, [\w.]+)*[ \t\r]*$", 2),
        (r"^import \w+[ \t\r]*$", 1),
        (r"^\w+ = .*\S  # ", 2),
        (r"^[ \t]*class \w+(?:\([\w., =]*\))?:[ \t\r]*$", 6),
        (r"\bself\.\w+", 3),
        (r"if __name__ == ['\"]__main__['\"]", 8),
        (r"^[ \t]*elif .*:[ \t\r]*$", 6),
        (r"\b(?:None|True|False)\b", 1),
        (r"^[ \t]*with .* as \w+:[ \t\r]*$", 4),
        (r"\bf\"[^\"\n]*\{", 3),
        (r"\bprint\(", 1),
        (r"^[ \t]*except(?: \w+(?: as \w+)?)?:[ \t\r]*$", 5),
        (r"\blambda \w*:", 3),
    ),
}
# Signals of languages vsguard cannot parse, used only to explain a refusal.
_FOREIGN_SIGNALS: dict[str, tuple[tuple[_Signal, int], ...]] = {
    "Swift": _signals(
        (r"^import (?:SwiftUI|Foundation|UIKit)[ \t\r]*$", 8),
        (r"\bguard let\b", 6),
        (r"\bfunc \w+\([^()\n]*\) -> ", 3),
    ),
    "Scala": _signals(
        (r"^[ \t]*object \w+ extends ", 6), (r"\bdef \w+\([^()\n]*\): \w+ =", 5), (r"\bcase class\b", 5)
    ),
    "SQL": _signals(
        (r"(?i)^[ \t]*(?:SELECT .+ FROM|INSERT INTO|CREATE TABLE|UPDATE \w+ SET|ALTER TABLE)\b", 8)
    ),
    "shell script": _signals(
        (r"^[ \t]*(?:if \[|fi|then|done|esac)[ \t\r]*$", 5),
        (r"^[ \t]*export \w+=", 3),
        (r"\$\{?\w+\}?[ \t]*\|\|", 1),
    ),
    "HTML": _signals((r"(?i)<!DOCTYPE html|<html[\s>]", 10), (r"(?i)<(?:div|body|head|script)[\s>]", 3)),
    "Perl": _signals((r"^use strict;", 8), (r"\bmy \$\w+", 5)),
    "Lua": _signals((r"\blocal function\b", 6), (r"\blocal \w+ = ", 3), (r"^[ \t]*end[ \t\r]*$", 1)),
}
_MIN_SCORE = 4  # below this, nothing typical was seen


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
    """The language a file name (or path) says; workflows are told apart by their folder."""
    path = PurePath(filename)
    name = path.name.lower()
    if (
        name in ("dockerfile", "containerfile")
        or name.startswith("dockerfile.")
        or name.endswith(".dockerfile")
    ):
        return "dockerfile"
    if path.suffix.lower() in (".yml", ".yaml") and [p.lower() for p in path.parts[-3:-1]] == [
        ".github",
        "workflows",
    ]:
        return "github-actions"
    return EXTENSIONS.get(path.suffix.lower()) or _FILENAMES.get(name)


_SAMPLE_CHARS = 20_000
_SAMPLE_LINE = 1_000  # characters kept of each line: signals look at how lines begin
_LONG_LINE_TAIL = re.compile(rf"^([^\n]{{{_SAMPLE_LINE}}})[^\n]+", re.M)


def _sample(code: str) -> str:
    """The text content signals are matched on: the start of the file, long lines cut short.

    Every signal is written to run in time linear in the text it reads (no quantifier that can
    cross a line end, no two adjacent quantifiers that match the same characters); cutting lines
    bounds the cost further for the few that backtrack within a line.
    """
    return _LONG_LINE_TAIL.sub(r"\1", code[:_SAMPLE_CHARS])


def _score(code: str, table: dict[str, tuple[tuple[_Signal, int], ...]]) -> dict[str, int]:
    return {
        lang: sum(w * min(3, len(p.findall(code))) for p, w in signals) for lang, signals in table.items()
    }


def _jsx(code: str) -> bool:
    return (
        re.search(
            r"(?:return|=>|=)\s*\(?[ \t]*<[A-Za-z][\w.]*[\s/>]|^[ \t]*</[A-Za-z][\w.]*>[ \t\r]*$", code, re.M
        )
        is not None
    )


def language_scores(code: str) -> dict[str, int]:
    """Evidence for each supported language; supersets (TypeScript, C++) include their base language."""
    sample = _sample(code)
    scores = _score(sample, _SIGNALS)
    # TypeScript is JavaScript plus types: credit the shared syntax only once types are seen.
    if scores["typescript"] >= _MIN_SCORE:
        scores["typescript"] += scores["javascript"]
    if scores["cpp"] > 0:
        scores["cpp"] += scores["c"]
    scores["tsx"] = scores["typescript"] + 4 if scores["typescript"] >= _MIN_SCORE and _jsx(sample) else 0
    return scores


def from_shebang(code: str) -> str | None:
    first = code.lstrip()[:200].split("\n", 1)[0]
    if not first.startswith("#!"):
        return None
    for pattern, lang in _SHEBANGS:
        if pattern.search(first):
            return lang
    return None


def from_content(code: str) -> str | None:
    """The language the code is clearly written in, or None when no language clearly leads."""
    if not code.strip():
        return None
    first = code.lstrip()[:200].split("\n", 1)[0]
    if first.startswith("#!"):
        return from_shebang(code)
    scores = language_scores(code)
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    (best, top), (_, second) = ranked[0], ranked[1]
    if top < _MIN_SCORE:
        return None
    # Supersets win ties with their base language (a typed .ts snippet also scores as JavaScript).
    if best in ("javascript", "typescript") and scores["tsx"] >= top:
        return "tsx"
    if best == "javascript" and scores["typescript"] == top:
        return "typescript"
    if best == "c" and scores["cpp"] == top:
        return "cpp"
    if top - second < 2 and {best, ranked[1][0]} not in (
        {"typescript", "javascript"},
        {"c", "cpp"},
        {"tsx", "typescript"},
    ):
        return None  # two unrelated languages look equally likely: refuse rather than guess
    foreign = _score(_sample(code), _FOREIGN_SIGNALS)
    if max(foreign.values()) > top:
        return None
    return best


def detect(code: str, filename: str | None = None) -> str | None:
    """From the file name when it names a known language, else from the shebang and content."""
    if filename:
        path = PurePath(filename)
        lang = from_filename(filename)
        if lang == "c" and path.suffix.lower() == ".h":
            scores = language_scores(code)
            return "cpp" if scores["cpp"] > scores["c"] else "c"
        if lang:
            return lang
        if path.suffix.lower() in _FOREIGN_EXTENSIONS:
            return None
    return from_content(code)


def _foreign_name(code: str, filename: str | None) -> str | None:
    if filename and (name := _FOREIGN_EXTENSIONS.get(PurePath(filename).suffix.lower())):
        return name
    first = code.lstrip()[:200].split("\n", 1)[0]
    if first.startswith("#!"):
        for pattern, lang in _SHEBANGS:
            if lang is None and pattern.search(first):
                return "Perl" if "perl" in first else "shell script"
    scores = _score(_sample(code), _FOREIGN_SIGNALS)
    name, score = max(scores.items(), key=lambda kv: kv[1])
    return name if score >= _MIN_SCORE else None


def require_language(code: str, filename: str | None = None) -> str:
    """`detect`, or `UnsupportedLanguage` with a message that says why and what to do."""
    lang = detect(code, filename)
    if lang is not None:
        return lang
    supported = ", ".join(sorted(GRAMMARS))
    foreign = _foreign_name(code, filename)
    if foreign:
        raise UnsupportedLanguage(
            f"this looks like {foreign}, which vsguard cannot parse, so it was not scanned. "
            f"Supported languages: {supported}."
        )
    where = f" from the file name {PurePath(filename).name!r} or" if filename else ""
    raise UnsupportedLanguage(
        f"could not tell the language{where} from the code, so it was not scanned; "
        f"pass language= (one of: {supported})."
    )


# Frameworks an agent names instead of the language ("Flask endpoint", "Express route").
_CONTEXT_HINTS: dict[str, tuple[str, ...]] = {
    "python": ("flask", "django", "fastapi"),
    "javascript": ("node", "express", "react"),
    "typescript": ("nestjs",),
    "java": ("spring",),
    "php": ("laravel",),
    "ruby": ("rails",),
    "csharp": (".net", "asp.net"),
}


# Language names that are also ordinary words count only when written as names.
_AMBIGUOUS_NAMES = frozenset({"go", "c"})


def from_context(context: str | None) -> str | None:
    """A language named in free text, through a framework ("Flask") or directly ("TypeScript")."""
    if not context:
        return None
    text = f" {context.lower()} "
    hinted = next((lang for lang, words in _CONTEXT_HINTS.items() if any(w in text for w in words)), None)
    if hinted:
        return hinted
    for word in re.findall(r"[A-Za-z#+]+", context):
        if word in _AMBIGUOUS_NAMES:
            continue
        try:
            return normalize(word)
        except UnsupportedLanguage:
            pass
    return None


def rule_languages(language: str) -> tuple[str, ...]:
    return RULE_FAMILIES.get(language, (language,))
