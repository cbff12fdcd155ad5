"""Project settings: where they are found, what they change, and how mistakes in them are told."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from refdata import PROJECT_ROOT

from vsguard.cli import main
from vsguard.models import Severity
from vsguard.project_config import ConfigError, find_config, load_config

VULNERABLE = PROJECT_ROOT / "examples" / "vulnerable"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    (root / "src" / "pkg").mkdir(parents=True)
    (root / "src" / "pkg" / "app.py").write_text((VULNERABLE / "app.py").read_text())
    (root / "src" / "pkg" / "server.js").write_text((VULNERABLE / "server.js").read_text())
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    return root


def _scan_json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, Any]]:
    code = main(["scan", *args, "-f", "json"])
    return code, json.loads(capsys.readouterr().out)


def test_found_upwards_from_the_scanned_path(project: Path) -> None:
    (project / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.vsguard]\nmin-severity = "high"\n'
    )
    assert find_config(project / "src" / "pkg" / "app.py") == project / "pyproject.toml"
    # A nearer .vsguard.toml wins; a pyproject.toml without [tool.vsguard] is passed over.
    (project / "src" / ".vsguard.toml").write_text('min-severity = "critical"\n')
    (project / "src" / "pkg" / "pyproject.toml").write_text('[project]\nname = "inner"\n')
    assert load_config(project / "src" / "pkg").min_severity is Severity.CRITICAL


def test_search_stops_at_the_repository_root(project: Path) -> None:
    (project.parent / ".vsguard.toml").write_text('min-severity = "critical"\n')
    assert find_config(project / "src") is None


def test_settings_change_the_scan_and_flags_override_them(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = str(project / "src")
    _, everything = _scan_json(capsys, target)
    (project / ".vsguard.toml").write_text(
        'exclude = ["*.js"]\ndisable = ["py-eval"]\nmin-severity = "HIGH"\nmin-confidence = "medium"\n'
    )
    code, configured = _scan_json(capsys, target)
    paths = {f["path"] for f in configured["findings"]}
    rules = {f["rule_id"] for f in configured["findings"]}
    assert code == 1 and paths and all(p.endswith("app.py") for p in paths)
    assert "py-eval" not in rules and "py-sql-injection" in rules
    assert all(f["severity"] in ("high", "critical") for f in configured["findings"])
    assert len(configured["findings"]) < len(everything["findings"])
    # The command line wins: -x replaces the file's exclude, --min-severity its threshold.
    _, flagged = _scan_json(capsys, target, "-x", "*.py", "--min-severity", "info")
    assert {f["path"] for f in flagged["findings"]} == {str(project / "src" / "pkg" / "server.js")}


def test_fail_on_and_enable(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / ".vsguard.toml").write_text('enable = ["py-sql-injection"]\nfail-on = "critical"\n')
    code, result = _scan_json(capsys, str(project / "src"))
    assert {f["rule_id"] for f in result["findings"]} == {"py-sql-injection"}
    assert code == 0  # shown, but below the failure threshold


def test_baseline_path_is_relative_to_the_settings_file(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = str(project / "src")
    assert main(["scan", target, "-f", "json", "-o", str(project / "known.json")]) == 1
    (project / ".vsguard.toml").write_text('baseline = "known.json"\n')
    assert main(["scan", target]) == 0
    assert "in baseline" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('min_severity = "high"\n', "unknown key 'min_severity'; did you mean 'min-severity'?"),
        ('exclude = "tests"\n', "exclude must be a list of strings"),
        ("min-severity = 3\n", "min-severity must be a string"),
        ('fail-on = "severe"\n', "fail-on: unknown severity 'severe'"),
        ("allow-incomplete = 1\n", "allow-incomplete must be true or false"),
        (
            'disable = ["py-sql-injektion"]\n',
            "unknown rule id 'py-sql-injektion'; did you mean py-sql-injection?",
        ),
        ("min-severity = \n", "invalid TOML"),
    ],
)
def test_mistakes_name_the_key_and_the_file(
    project: Path, capsys: pytest.CaptureFixture[str], text: str, expected: str
) -> None:
    (project / ".vsguard.toml").write_text(text)
    assert main(["scan", str(project / "src")]) == 2
    err = capsys.readouterr().err
    assert expected in err and str(project / ".vsguard.toml") in err
    assert err.count("\n") == 1


def test_pyproject_keys_are_named_with_their_table(project: Path) -> None:
    (project / "pyproject.toml").write_text("[tool.vsguard]\nbogus = true\n")
    with pytest.raises(ConfigError, match=r"unknown key 'tool\.vsguard\.bogus'"):
        load_config(project)


def test_explicit_config_flag(project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    settings = tmp_path / "ci.toml"
    settings.write_text('min-severity = "critical"\n')
    code, result = _scan_json(capsys, str(project / "src"), "--config", str(settings))
    assert code == 1 and {f["severity"] for f in result["findings"]} == {"critical"}
    assert main(["scan", str(project / "src"), "--config", str(tmp_path / "missing.toml")]) == 2
