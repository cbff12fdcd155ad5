"""The coverage matrix: vulnerability classes by language, computed from the loaded rules.

Rows are classes (each with the rule property that puts a rule in it), columns are rule languages
(JavaScript rules cover TypeScript). A cell lists the rules covering it, with their labelled corpus
cases when the corpus is at hand, or the reason the language has no such sink, read from
`rules/_matrix/<language>.yaml`. Nothing here runs on the scan path: `vsguard rules --matrix`, the
README and the tests use it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from vsguard.models import Rule
from vsguard.records import record
from vsguard.yamlio import YAMLError, load_yaml

COLUMNS: tuple[str, ...] = (
    "python",
    "javascript",
    "java",
    "kotlin",
    "go",
    "php",
    "ruby",
    "csharp",
    "rust",
    "c",
    "cpp",
    "github-actions",
    "dockerfile",
    "generic",
)
# Rule languages shown in another language's column.
_COLUMN_OF = {"typescript": "javascript", "tsx": "javascript"}
# Rules that also run on another language's files (C rules check C++ files too).
_ALSO_IN = {"c": ("cpp",)}


@record(frozen=True)
class When:
    """One way for a rule to count toward a row; every given condition must hold."""

    vulnerability_class: str | None = None
    tag: str | None = None
    cwe: int | None = None  # the rule names this CWE
    cwe_other_than: int | None = None  # the rule names some CWE besides this one

    def holds(self, rule: Rule) -> bool:
        return (
            (self.vulnerability_class is None or rule.vulnerability_class.value == self.vulnerability_class)
            and (self.tag is None or self.tag in rule.tags)
            and (self.cwe is None or self.cwe in rule.cwe)
            and (self.cwe_other_than is None or any(c != self.cwe_other_than for c in rule.cwe))
        )


@record(frozen=True)
class Row:
    id: str
    title: str
    when: tuple[When, ...]
    # a row about build and deployment files: other columns are n/a for this reason
    only: tuple[str, ...] = ()
    elsewhere: str = ""

    def covers(self, rule: Rule) -> bool:
        return any(w.holds(rule) for w in self.when)


def _by_class(row_id: str, title: str, vulnerability_class: str) -> Row:
    return Row(row_id, title, (When(vulnerability_class=vulnerability_class),))


ROWS: tuple[Row, ...] = (
    _by_class("sql", "SQL injection", "sql_injection"),
    _by_class("nosql", "NoSQL injection", "nosql_injection"),
    _by_class("command", "OS command injection", "command_injection"),
    _by_class("code", "code injection (eval & co)", "code_injection"),
    _by_class("template", "server-side template injection", "template_injection"),
    _by_class("xss", "cross-site scripting", "xss"),
    _by_class("path", "path traversal", "path_traversal"),
    _by_class("ssrf", "SSRF", "ssrf"),
    _by_class("redirect", "open redirect", "open_redirect"),
    _by_class("xxe", "XXE", "xxe"),
    _by_class("ldap", "LDAP injection", "ldap_injection"),
    _by_class("xpath", "XPath injection", "xpath_injection"),
    _by_class("deserialization", "unsafe deserialization", "insecure_deserialization"),
    _by_class("log", "log injection", "log_injection"),
    _by_class("header", "HTTP header / response splitting", "header_injection"),
    Row(
        "weak-hash",
        "weak hash (incl. for passwords)",
        (When(vulnerability_class="weak_crypto", cwe=328), When(vulnerability_class="weak_password_hash")),
    ),
    Row(
        "weak-cipher",
        "weak cipher / mode / key size",
        (When(vulnerability_class="weak_crypto", cwe_other_than=328),),
    ),
    _by_class("weak-random", "weak random for security", "weak_random"),
    _by_class("hardcoded-secret", "hardcoded credentials and keys", "hardcoded_secret"),
    _by_class("tls", "TLS verification off", "tls_verification"),
    _by_class("cookie", "insecure cookies", "insecure_cookie"),
    _by_class("cors", "permissive CORS", "cors"),
    _by_class("csrf", "CSRF protection off", "csrf"),
    _by_class("debug", "debug mode in production", "debug_mode"),
    _by_class("jwt", "JWT misuse", "jwt_verification"),
    _by_class("temp-file", "insecure temp files", "insecure_temp_file"),
    _by_class("file-upload", "file upload to a user-chosen path", "file_upload"),
    _by_class("mass-assignment", "mass assignment", "mass_assignment"),
    Row("llm-output", "LLM output to a dangerous sink", (When(tag="llm-output"),)),
    _by_class("prompt-injection", "prompt built from untrusted input", "prompt_injection"),
    Row(
        "unverified-download",
        "code fetched and run without an integrity check",
        (When(vulnerability_class="unverified_download"),),
        only=("github-actions", "dockerfile"),
        elsewhere="a build-file class: images and pipelines fetch tools at build time, programs do not",
    ),
    Row(
        "privilege",
        "more privilege than the job needs",
        (When(vulnerability_class="excessive_privilege"),),
        only=("github-actions", "dockerfile"),
        elsewhere="a build-file class: the user a container or the token a workflow runs with",
    ),
)
ROW_IDS = tuple(r.id for r in ROWS)


class MatrixError(ValueError):
    """A `_matrix/<language>.yaml` file is malformed or contradicts the rules; names the file."""


def column_of(language: str) -> str:
    return _COLUMN_OF.get(language, language)


# ----------------------------------------------------------------------------- n/a files


def parse_not_applicable(raw: Any, name: str) -> dict[str, str]:
    """{row id: reason} from the parsed content of `_matrix/<language>.yaml`, checked strictly."""
    if not isinstance(raw, dict) or set(raw) != {"not_applicable"}:
        keys = sorted(raw) if isinstance(raw, dict) else type(raw).__name__
        raise MatrixError(f"{name}: expected exactly one key, not_applicable (got {keys})")
    entries = raw["not_applicable"]
    if not isinstance(entries, dict) or not entries:
        raise MatrixError(f"{name}: not_applicable must map row ids to reasons")
    reasons: dict[str, str] = {}
    for row_id, reason in entries.items():
        if row_id not in ROW_IDS:
            raise MatrixError(f"{name}: unknown row id {row_id!r} (known: {', '.join(ROW_IDS)})")
        if not isinstance(reason, str) or len(reason.strip()) < 10:
            raise MatrixError(f"{name}: row {row_id}: the reason must be a sentence, got {reason!r}")
        reasons[row_id] = " ".join(reason.split())
    return reasons


def load_not_applicable(folder: Traversable | None = None) -> dict[str, dict[str, str]]:
    """{column: {row id: reason}} from every `<language>.yaml` in `folder` (default: the bundled
    `rules/_matrix`)."""
    if folder is None:
        folder = resources.files("vsguard.rules").joinpath("_matrix")
    if not folder.is_dir():
        return {}
    table: dict[str, dict[str, str]] = {}
    for item in sorted(folder.iterdir(), key=lambda t: t.name):
        if not item.name.endswith((".yaml", ".yml")):
            continue
        name = f"_matrix/{item.name}"
        language = item.name.rsplit(".", 1)[0]
        if language not in COLUMNS:
            raise MatrixError(f"{name}: unknown language {language!r} (known: {', '.join(COLUMNS)})")
        try:
            raw = load_yaml(item.read_text(encoding="utf-8"))
        except YAMLError as exc:
            raise MatrixError(f"{name}: not valid YAML: {exc}") from exc
        table[language] = parse_not_applicable(raw, name)
    return table


# ----------------------------------------------------------------------------- corpus counts

# The labelled corpus's annotations (see tests/test_corpus.py): `expect: IDS` or `ok: IDS` in a
# comment at the end of a line, or alone on the line above the one it labels.
_ANNOTATION = re.compile(r"(?:#|//|/\*|--)\s*(?P<kind>expect|ok):\s*(?P<ids>[a-z0-9, -]+)")
_COMMENT_ONLY = re.compile(r"^\s*(?:#|//|/\*|--)")


@record(frozen=True)
class CorpusCounts:
    vulnerable: Counter[str]
    safe: Counter[str]


def label_lines(text: str) -> tuple[set[tuple[str, int]], set[tuple[str, int]]]:
    """(expect, ok) sets of (rule id, labelled line) in one corpus file."""
    expect: set[tuple[str, int]] = set()
    ok: set[tuple[str, int]] = set()
    for number, line in enumerate(text.splitlines(), start=1):
        for m in _ANNOTATION.finditer(line):
            target = number + 1 if _COMMENT_ONLY.match(line) else number
            bucket = expect if m.group("kind") == "expect" else ok
            bucket.update((i.strip(), target) for i in m.group("ids").split(",") if i.strip())
    return expect, ok


def count_corpus(files: Iterable[Path]) -> CorpusCounts:
    counts = CorpusCounts(Counter(), Counter())
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue  # binary fixtures carry no labels
        expect, ok = label_lines(text)
        counts.vulnerable.update(rule_id for rule_id, _ in expect)
        counts.safe.update(rule_id for rule_id, _ in ok)
    return counts


def corpus_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


def source_corpus() -> Path | None:
    """`tests/corpus` of the source checkout this package runs from; None for an installed wheel,
    which ships no corpus."""
    top = Path(__file__).resolve().parents[3]
    corpus = top / "tests" / "corpus"
    pyproject = top / "pyproject.toml"
    if corpus.is_dir() and pyproject.is_file() and 'name = "vsguard"' in pyproject.read_text("utf-8"):
        return corpus
    return None


# ----------------------------------------------------------------------------- the matrix


@record(frozen=True)
class CellRule:
    rule_id: str
    vulnerable: int | None  # corpus cases; None when no corpus was read
    safe: int | None


@record(frozen=True)
class Cell:
    rules: tuple[CellRule, ...] = ()
    not_applicable: str | None = None

    @property
    def empty(self) -> bool:
        return not self.rules and self.not_applicable is None


@record(frozen=True)
class Matrix:
    rows: tuple[Row, ...]
    columns: tuple[str, ...]
    cells: Mapping[tuple[str, str], Cell]  # (row id, column)
    counted: bool  # corpus counts are shown

    def cell(self, row_id: str, column: str) -> Cell:
        return self.cells[(row_id, column)]

    def empty_cells(self) -> list[tuple[str, str]]:
        return [(r.id, c) for r in self.rows for c in self.columns if self.cell(r.id, c).empty]


def build_matrix(
    rules: Sequence[Rule],
    not_applicable: Mapping[str, Mapping[str, str]],
    counts: CorpusCounts | None = None,
) -> Matrix:
    """The matrix for `rules`; a cell both covered by a rule and marked n/a is a `MatrixError`."""
    cells: dict[tuple[str, str], Cell] = {}
    for row in ROWS:
        for column in COLUMNS:
            covering = tuple(
                CellRule(
                    r.id,
                    counts.vulnerable[r.id] if counts else None,
                    counts.safe[r.id] if counts else None,
                )
                for r in sorted(rules, key=lambda r: r.id)
                if column in (column_of(r.language), *_ALSO_IN.get(r.language, ())) and row.covers(r)
            )
            reason = not_applicable.get(column, {}).get(row.id)
            if reason is None and row.only and column not in row.only and not covering:
                reason = row.elsewhere
            if covering and reason is not None:
                ids = ", ".join(c.rule_id for c in covering)
                raise MatrixError(f"_matrix/{column}.yaml: row {row.id} is marked n/a but {ids} cover(s) it")
            cells[(row.id, column)] = Cell(covering, reason)
    return Matrix(ROWS, COLUMNS, cells, counts is not None)


def bundled_matrix(corpus: Path | None) -> Matrix:
    """The matrix of the installed rules, with counts from `corpus` when given."""
    from vsguard.rules.loader import load_rules

    counts = count_corpus(corpus_files(corpus)) if corpus is not None else None
    return build_matrix(load_rules(), load_not_applicable(), counts)


# ----------------------------------------------------------------------------- rendering

_HEADINGS = {"javascript": "javascript / typescript", "generic": "generic (any text file)"}


def _cell_text(cell: Cell) -> str:
    if cell.not_applicable is not None:
        return f"n/a: {cell.not_applicable}".replace("|", "\\|")
    if not cell.rules:
        return "**not covered**"
    parts = []
    for c in cell.rules:
        counted = f" {c.vulnerable}/{c.safe}" if c.vulnerable is not None else ""
        parts.append(f"`{c.rule_id}`{counted}")
    return "<br>".join(parts)


def markdown_table(matrix: Matrix) -> str:
    """Classes down, languages across; a cell's numbers are its vulnerable/safe corpus cases."""
    head = ["class", *(_HEADINGS.get(c, c) for c in matrix.columns)]
    lines = ["| " + " | ".join(head) + " |", "| " + " | ".join("---" for _ in head) + " |"]
    for row in matrix.rows:
        cells = [_cell_text(matrix.cell(row.id, c)) for c in matrix.columns]
        lines.append(f"| {row.title} (`{row.id}`) | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def as_json(matrix: Matrix) -> dict[str, Any]:
    rows = []
    for row in matrix.rows:
        cells: dict[str, Any] = {}
        for column in matrix.columns:
            cell = matrix.cell(row.id, column)
            cells[column] = {
                "rules": [
                    {"id": c.rule_id, "vulnerable": c.vulnerable, "safe": c.safe}
                    if matrix.counted
                    else {"id": c.rule_id}
                    for c in cell.rules
                ],
                "not_applicable": cell.not_applicable,
            }
        rows.append({"id": row.id, "title": row.title, "cells": cells})
    return {"columns": list(matrix.columns), "corpus_counts": matrix.counted, "rows": rows}
