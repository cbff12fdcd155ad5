"""The bundled examples and the command line, run as a user would run them."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from refdata import PROJECT_ROOT
from sarif_schema import validate_sarif

from vsguard.cli import main
from vsguard.engine.scanner import scan_paths

EXAMPLES = PROJECT_ROOT / "examples"
_PLANTED = re.compile(r"(?:#|//)\s*planted:\s*(?P<cwes>CWE-\d+(?:,\s*CWE-\d+)*)")


def planted(directory: Path) -> set[tuple[str, int, int]]:
    """(file name, line, CWE) for every `planted:` marker in the example sources."""
    found = set()
    for path in sorted(directory.iterdir()):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            m = _PLANTED.search(line)
            if m:
                for cwe in re.findall(r"\d+", m.group("cwes")):
                    found.add((path.name, number, int(cwe)))
    return found


def test_vulnerable_example_reports_exactly_the_planted_flaws() -> None:
    expected = planted(EXAMPLES / "vulnerable")
    assert len(expected) >= 20
    result = scan_paths([EXAMPLES / "vulnerable"])
    reported = {(Path(f.path or "").name, f.location.start_line, c) for f in result.findings for c in f.cwe}
    assert expected - reported == set(), "planted flaws not reported"
    assert reported - expected == set(), "reported flaws that were not planted"


def test_safe_example_is_clean() -> None:
    result = scan_paths([EXAMPLES / "safe"])
    assert result.files_scanned == 2
    assert result.findings == ()


def test_cli_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scan", str(EXAMPLES / "vulnerable")]) == 1
    assert main(["scan", str(EXAMPLES / "vulnerable"), "--exit-zero"]) == 0
    assert main(["scan", str(EXAMPLES / "safe")]) == 0
    assert main(["scan", str(EXAMPLES / "vulnerable"), "--min-severity", "critical"]) == 1  # eval is critical
    assert main(["scan", str(EXAMPLES / "safe" / "app.py"), "--rule", "py-sql-injection"]) == 0
    capsys.readouterr()
    with pytest.raises(SystemExit) as exc:
        main(["scan", "--format", "pdf", "x"])
    assert exc.value.code == 2
    assert main(["scan", str(EXAMPLES / "vulnerable"), "--baseline", "/nonexistent.json"]) == 2


def test_cli_json_and_baseline(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "baseline.json"
    assert main(["scan", str(EXAMPLES / "vulnerable"), "-f", "json", "-o", str(report)]) == 1
    data = json.loads(report.read_text())
    assert data["summary"]["total"] == len(data["findings"]) > 0
    # With every known finding in the baseline, nothing new remains.
    assert main(["scan", str(EXAMPLES / "vulnerable"), "--baseline", str(report)]) == 0
    capsys.readouterr()


def test_sarif_validates_against_the_official_schema(capsys: pytest.CaptureFixture[str]) -> None:
    main(["scan", str(EXAMPLES / "vulnerable"), "-f", "sarif"])
    log = json.loads(capsys.readouterr().out)
    validate_sarif(log)
    run = log["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert "external/cwe/cwe-89" in rules["py-sql-injection"]["properties"]["tags"]
    for rule in rules.values():
        assert any(t.startswith("external/cwe/cwe-") for t in rule["properties"]["tags"])
    assert len(run["results"]) == len(
        planted(EXAMPLES / "vulnerable")
    )  # one CWE per rule, one result per flaw


def test_markdown_and_text_formats(capsys: pytest.CaptureFixture[str]) -> None:
    main(["scan", str(EXAMPLES / "vulnerable"), "-f", "markdown"])
    md = capsys.readouterr().out
    assert md.startswith("## vsguard scan: FAILED") and "`py-sql-injection`" in md
    main(["scan", str(EXAMPLES / "vulnerable")])
    text = capsys.readouterr().out
    assert "app.py:26:" in text and "CWE-89" in text and "FAILED" in text


def test_console_script_and_module_entry_point() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "vsguard", "--version"], capture_output=True, text=True, check=True
    )
    assert out.stdout.startswith("vsguard ")
    out = subprocess.run(
        [sys.executable, "-m", "vsguard", "requirements", "show", "V6.2.1"], capture_output=True, text=True
    )
    assert out.returncode == 0 and "V6.2.1" in out.stdout


def test_scan_skips_binary_and_gitignored_files(tmp_path: Path) -> None:
    (tmp_path / "bin.py").write_bytes(b"\x00\x01eval(x)")
    (tmp_path / "ignored.py").write_text("import os\nos.system('x' + y)\n")
    (tmp_path / "kept.py").write_text("import os\nos.system('x' + y)\n")
    (tmp_path / ".gitignore").write_text("ignored.py\n")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    result = scan_paths([tmp_path])
    assert {Path(f.path or "").name for f in result.findings} == {"kept.py"}


def test_a_named_folder_that_git_ignores_is_still_scanned(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / ".gitignore").write_text("vendor/\n")
    vendor = tmp_path / "vendor"
    vendor.mkdir()
    (vendor / "lib.py").write_text("import os\nos.system('x' + y)\n")
    assert {Path(f.path or "").name for f in scan_paths([vendor]).findings} == {"lib.py"}
    assert scan_paths([tmp_path]).findings == ()  # from the top, the ignore rule holds


def test_exclude_globs_skip_files_and_folders(tmp_path: Path) -> None:
    flaw = "import os\nos.system('x' + y)\n"
    for rel in ("app.py", "tests/test_app.py", "pkg/fixtures/data.py", "pkg/util_test.py"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(flaw)

    def names(*globs: str) -> set[str]:
        return {Path(f.path or "").name for f in scan_paths([tmp_path], exclude=globs).findings}

    assert names() == {"app.py", "test_app.py", "data.py", "util_test.py"}
    assert names("tests", "fixtures", "*_test.py") == {"app.py"}
    assert names("pkg/*") == {"app.py", "test_app.py"}
    assert main(["scan", str(tmp_path), "-x", "tests", "-x", "pkg"]) == 1  # app.py remains
    assert main(["scan", str(tmp_path), "-x", "*.py"]) == 0
