"""SARIF that code-scanning dashboards take as it is: root-relative URIs, stable fingerprints, help."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]
import pytest
from sarif_schema import validate_sarif

from vsguard.cli import main
from vsguard.engine.scanner import scan_paths
from vsguard.models import Finding, Location
from vsguard.records import replace
from vsguard.report.options import ReportOptions
from vsguard.report.sarif import FINGERPRINT_KEY, render_sarif
from vsguard.rules.loader import load_rules

FLAW = "import os\n\n\ndef run(cmd):\n    os.system('ls ' + cmd)\n"


def _repo(tmp_path: Path) -> Path:
    repo = tmp_path / "project"
    (repo / "src" / "app").mkdir(parents=True)
    (repo / "src" / "app" / "main.py").write_text(FLAW, encoding="utf-8")
    (repo / "tool.py").write_text("import subprocess\nsubprocess.call(x, shell=True)\n", encoding="utf-8")
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    return repo


def _sarif(args: list[str], capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    main(["scan", *args, "-f", "sarif"])
    log: dict[str, Any] = json.loads(capsys.readouterr().out)
    validate_sarif(log)
    return log


def _artifact_uris(node: Any) -> list[str]:
    """Every artifactLocation uri anywhere in the log (results, code flows, notifications)."""
    found: list[str] = []
    if isinstance(node, dict):
        if "artifactLocation" in node:
            found.append(node["artifactLocation"]["uri"])
            assert node["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        for value in node.values():
            found += _artifact_uris(value)
    elif isinstance(node, list):
        for value in node:
            found += _artifact_uris(value)
    return found


def _identity(log: dict[str, Any]) -> list[tuple[str, str, str]]:
    run = log["runs"][0]
    return sorted(
        (
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["ruleId"],
            r["partialFingerprints"][FINGERPRINT_KEY],
        )
        for r in run["results"]
    )


def test_uris_and_fingerprints_do_not_depend_on_where_the_scan_starts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = _repo(tmp_path)
    from_absolute = _sarif([str(repo / "src")], capsys)
    monkeypatch.chdir(repo / "src" / "app")
    from_inside = _sarif(["."], capsys)
    monkeypatch.chdir(tmp_path)
    from_parent = _sarif(["project/src"], capsys)

    expected = _identity(from_absolute)
    assert [uri for uri, _, _ in expected] == ["src/app/main.py"]
    assert _identity(from_inside) == expected
    assert _identity(from_parent) == expected
    for log in (from_absolute, from_inside, from_parent):
        run = log["runs"][0]
        assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": repo.as_uri() + "/"}}
        uris = _artifact_uris(run)
        assert uris and not any(u.startswith(("file:", "/")) or ".." in u for u in uris)
        assert "workingDirectory" not in json.dumps(run["invocations"])


def test_sarif_root_option_and_a_path_outside_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = _repo(tmp_path)
    log = _sarif([str(repo / "src"), "--sarif-root", str(repo / "src")], capsys)
    assert _identity(log)[0][0] == "app/main.py"
    assert log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] == (repo / "src").as_uri() + "/"
    assert main(["scan", str(repo / "tool.py"), "--sarif-root", str(repo / "src"), "-f", "sarif"]) == 2
    assert "outside --sarif-root" in capsys.readouterr().err


def test_outside_a_repository_paths_are_relative_to_the_working_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "main.py").write_text(FLAW, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert _identity(_sarif(["pkg"], capsys))[0][0] == "pkg/main.py"
    monkeypatch.chdir(tmp_path / "pkg")  # the scanned path is above the working folder
    assert _identity(_sarif([str(tmp_path / "pkg")], capsys))[0][0] == "main.py"


def test_fingerprints_survive_moved_lines_and_tell_twins_apart(tmp_path: Path) -> None:
    src = tmp_path / "a.py"
    src.write_text(FLAW + FLAW.replace("def run", "def again"), encoding="utf-8")

    def fingerprints() -> list[str]:
        result = scan_paths([src])
        log = json.loads(render_sarif(result, ReportOptions(root=tmp_path, cwd=tmp_path)))
        return [r["partialFingerprints"][FINGERPRINT_KEY] for r in log["runs"][0]["results"]]

    before = fingerprints()
    assert len(before) == 2 and len(set(before)) == 2  # same rule and snippet, two places
    src.write_text("\n\n# moved down\n" + src.read_text(encoding="utf-8"), encoding="utf-8")
    assert fingerprints() == before


def test_not_analysed_files_are_notifications_with_relative_uris(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = _repo(tmp_path)
    big = repo / "big.py"
    big.write_text("# filler\n" * 300_000, encoding="utf-8")  # above the default size limit
    log = _sarif([str(repo)], capsys)
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    [note] = [n for n in invocation["toolExecutionNotifications"] if "big.py" in json.dumps(n)]
    assert note["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "big.py",
        "uriBaseId": "%SRCROOT%",
    }


def test_every_rule_has_help_a_help_uri_and_cwe_tags() -> None:
    for rule in load_rules():
        finding = Finding(
            rule_id=rule.id,
            title=rule.title,
            severity=rule.severity,
            confidence=rule.confidence,
            cwe=rule.cwe,
            asvs_5=rule.asvs,
            asvs_4=(),
            location=Location(start_line=1, start_column=1, end_line=1, end_column=2),
            snippet="x",
            message=rule.message,
            remediation=rule.remediation,
            language=rule.language,
            path="a",
        )
        result = scan_paths([])
        log = json.loads(render_sarif(replace(result, findings=(finding,))))
        validate_sarif(log)
        [descriptor] = log["runs"][0]["tool"]["driver"]["rules"]
        assert descriptor["helpUri"] == f"https://cwe.mitre.org/data/definitions/{rule.cwe[0]}.html"
        assert descriptor["fullDescription"]["text"] == rule.message
        for text in (descriptor["help"]["text"], descriptor["help"]["markdown"]):
            assert rule.remediation in text and rule.message in text
            assert all(a in text for a in rule.asvs) and f"CWE-{rule.cwe[0]}" in text
        props = descriptor["properties"]
        assert {f"external/cwe/cwe-{c}" for c in rule.cwe} <= set(props["tags"])
        assert props["precision"] == rule.confidence.value
        assert 0 < float(props["security-severity"]) <= 10


def test_the_vendored_schema_rejects_what_dashboards_reject(capsys: pytest.CaptureFixture[str]) -> None:
    log = _sarif([str(Path(__file__).parent.parent / "examples" / "vulnerable")], capsys)
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    with pytest.raises(jsonschema.ValidationError):
        validate_sarif(log)


def test_standard_input_is_placed_under_the_git_root_of_the_working_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    repo = _repo(tmp_path)
    monkeypatch.chdir(repo / "src")
    monkeypatch.setattr("sys.stdin", io.StringIO(FLAW))
    log = _sarif(["-", "--stdin-filename", "app/new.py"], capsys)
    assert _identity(log)[0][0] == "src/app/new.py"
