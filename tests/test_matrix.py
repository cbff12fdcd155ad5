"""The coverage matrix: computed from the rules, current in the README, no cell left unexplained."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from test_corpus import CORPUS, read_labels
from test_corpus import corpus_files as labelled_files

from vsguard.cli import main
from vsguard.models import VulnClass
from vsguard.rules.loader import load_rules
from vsguard.rules.matrix import (
    COLUMNS,
    ROW_IDS,
    ROWS,
    MatrixError,
    build_matrix,
    bundled_matrix,
    column_of,
    corpus_files,
    count_corpus,
    load_not_applicable,
    markdown_table,
    parse_not_applicable,
    source_corpus,
)
from vsguard.yamlio import load_yaml

ROOT = Path(__file__).resolve().parents[1]

# Cells with neither a rule nor an n/a reason, row id -> columns. This set may only shrink: a cell
# filled (or given a reason) must leave it, and an empty cell not listed here fails the test.
KNOWN_GAPS: dict[str, str] = {}
# Row classes not yet members of VulnClass (added together with their first rule).
PENDING_CLASSES: set[str] = set()


def _known_gaps() -> set[tuple[str, str]]:
    return {(row, column) for row, columns in KNOWN_GAPS.items() for column in columns.split()}


def test_no_empty_cell_without_an_na_reason() -> None:
    empty = set(bundled_matrix(None).empty_cells())
    unexplained = sorted(empty - _known_gaps())
    filled = sorted(_known_gaps() - empty)
    assert not unexplained, f"cells with neither a rule nor an n/a reason: {unexplained}"
    assert not filled, f"filled cells still listed in KNOWN_GAPS (remove them): {filled}"


def test_known_gaps_name_real_rows_and_columns() -> None:
    assert set(KNOWN_GAPS) <= set(ROW_IDS)
    assert all(set(columns.split()) <= set(COLUMNS) for columns in KNOWN_GAPS.values())


def test_every_rule_language_is_a_column() -> None:
    assert {column_of(r.language) for r in load_rules()} <= set(COLUMNS)


def test_row_classes_are_vulnerability_classes() -> None:
    named = {w.vulnerability_class for row in ROWS for w in row.when if w.vulnerability_class}
    values = {c.value for c in VulnClass}
    assert named - values <= PENDING_CLASSES, named - values - PENDING_CLASSES
    assert not PENDING_CLASSES & values, "a pending class is now a VulnClass: drop it from PENDING_CLASSES"
    # the 30 classes every language is checked for, and two that only build files have
    assert len(ROW_IDS) == len(set(ROW_IDS)) == 32
    assert [r.id for r in ROWS if r.only] == ["unverified-download", "privilege"]


def test_a_rule_lands_in_the_rows_its_class_and_cwe_say() -> None:
    by_id = {r.id: r for r in load_rules()}
    matrix = bundled_matrix(None)

    def ids(row: str, column: str) -> set[str]:
        return {c.rule_id for c in matrix.cell(row, column).rules}

    assert "py-weak-hash" in ids("weak-hash", "python") and "py-weak-hash" not in ids("weak-cipher", "python")
    assert "py-weak-password-hash" in ids("weak-hash", "python")
    assert {"py-weak-cipher", "py-weak-key-size"} <= ids("weak-cipher", "python")
    assert "py-llm-output-sql" in ids("llm-output", "python") and "py-llm-output-sql" in ids("sql", "python")
    assert "py-llm-prompt-injection" not in ids("llm-output", "python")
    assert by_id["js-sql-injection"].language == "javascript"
    assert "js-sql-injection" in ids("sql", "javascript")


def test_model_output_rules_carry_the_llm_output_tag() -> None:
    """The tag the llm-output row reads: on exactly the flow rules whose source is model output."""
    for rule in load_rules():
        from_model = rule.kind == "taint" and "llm" in getattr(rule.match, "sources", ())
        # languages without taint tracking match model output by pattern, tagged as LLM rules
        matched = rule.kind == "pattern" and "llm" in rule.tags
        tagged = "llm-output" in rule.tags
        assert tagged == from_model or (tagged and matched), rule.id


def test_corpus_counts_are_the_corpus_tests_labels() -> None:
    counts = count_corpus(corpus_files(CORPUS))
    expect: dict[str, int] = {}
    ok: dict[str, int] = {}
    for path in labelled_files():
        labels = read_labels(path.read_text(encoding="utf-8"))
        for rule_id, _ in labels.expect:
            expect[rule_id] = expect.get(rule_id, 0) + 1
        for rule_id, _ in labels.ok:
            ok[rule_id] = ok.get(rule_id, 0) + 1
    assert dict(counts.vulnerable) == expect and dict(counts.safe) == ok
    assert source_corpus() == CORPUS.resolve()


def test_na_reason_shows_in_the_cell_and_a_covered_na_cell_is_an_error() -> None:
    rules = load_rules()
    table = markdown_table(build_matrix(rules, {"generic": {"nosql": "No NoSQL driver binding here."}}))
    nosql = next(line for line in table.splitlines() if "(`nosql`)" in line)
    assert "n/a: No NoSQL driver binding here." in nosql
    with pytest.raises(
        MatrixError,
        match=r"_matrix/python.yaml: row sql is marked n/a but py-llm-output-sql, py-sql-injection cover",
    ):
        build_matrix(rules, {"python": {"sql": "Python has no database drivers."}})


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not_applicable:\n  sqll: 'No such sink in this language.'\n", "unknown row id 'sqll'"),
        ("not_applicable:\n  sql: ''\n", "row sql: the reason must be a sentence"),
        ("notapplicable:\n  sql: 'No such sink in this language.'\n", "expected exactly one key"),
        ("not_applicable: {}\n", "not_applicable must map row ids to reasons"),
    ],
)
def test_na_file_mistakes_name_the_file(text: str, message: str) -> None:
    with pytest.raises(MatrixError, match=f"^_matrix/go.yaml: {message}"):
        parse_not_applicable(load_yaml(text), "_matrix/go.yaml")


def test_na_file_of_an_unknown_language_fails(tmp_path: Path) -> None:
    (tmp_path / "cobol.yaml").write_text("not_applicable:\n  xss: 'No browser output here.'\n")
    with pytest.raises(MatrixError, match=r"^_matrix/cobol.yaml: unknown language 'cobol'"):
        load_not_applicable(tmp_path)
    (tmp_path / "cobol.yaml").rename(tmp_path / "c.yaml")
    assert load_not_applicable(tmp_path) == {"c": {"xss": "No browser output here."}}


def test_bundled_na_files_load() -> None:
    table = load_not_applicable()
    assert set(table) <= set(COLUMNS)
    bundled_matrix(None)  # no n/a cell is also covered by a rule


def test_the_wheel_ships_the_na_files() -> None:
    """Hatch puts every file under the package folder in the wheel unless told otherwise."""
    wheel = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["hatch"]["build"]
    target = wheel["targets"]["wheel"]
    assert target["packages"] == ["src/vsguard"]
    assert not {"exclude", "only-include", "include"} & set(target) and "exclude" not in wheel


def test_cli_matrix_markdown_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "--matrix"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("| class | python | javascript / typescript |")
    assert "`py-sql-injection` " in out and "vulnerable/safe labelled cases" in out
    assert main(["rules", "--matrix", "-f", "json", "--language", "go"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["columns"] == ["go"] and data["corpus_counts"] is True
    sql = next(r for r in data["rows"] if r["id"] == "sql")["cells"]["go"]["rules"]
    counts = count_corpus(corpus_files(CORPUS))
    expected = {"vulnerable": counts.vulnerable["go-sql-injection"], "safe": counts.safe["go-sql-injection"]}
    assert {"id": "go-sql-injection", **expected} in sql and expected["vulnerable"] >= 3


def test_cli_matrix_without_a_corpus_shows_ids_and_says_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["rules", "--matrix", "--corpus", str(tmp_path)]) == 0
    assert "`py-sql-injection` 0/0" in capsys.readouterr().out
    assert main(["rules", "--matrix", "--corpus", str(tmp_path / "none")]) == 2
    assert "not a directory" in capsys.readouterr().err


def test_the_scan_path_does_not_import_the_matrix_or_rule_docs() -> None:
    probe = (
        "import json, sys\nfrom vsguard.cli import main\n"
        "try:\n    main(['scan', sys.argv[1]])\nexcept SystemExit:\n    pass\n"
        "print(json.dumps(sorted(sys.modules)), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, str(ROOT / "examples" / "vulnerable" / "app.py")],
        capture_output=True,
        text=True,
        check=True,
    )
    modules = set(json.loads(done.stderr.strip().splitlines()[-1]))
    assert "vsguard.engine.scanner" in modules
    assert not {"vsguard.rules.matrix", "vsguard.report.rule_doc"} & modules
