"""The verdict people gate on: no silent pass, no silent crash, one filter for every door."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from refdata import PROJECT_ROOT

from vsguard.cli import main
from vsguard.config import Limits
from vsguard.engine.scanner import scan_paths, scan_source
from vsguard.models import Confidence, Severity, SkipKind
from vsguard.verdict import Policy, apply_policy, parse_severity

EXAMPLES = PROJECT_ROOT / "examples"
WEAK_HASH = "import hashlib\nh = hashlib.md5(b'x')\n"
INJECTION = "import os\n\ndef run(name):\n    os.system('ls ' + name)\n"
# A provider-shaped key the secrets rule reports (assembled so this file holds no whole secret).
KEY = "AKIA" + "Z3Q7XK2M9PLR4TBV"


def _cli(*args: str, stdin: str | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "vsguard", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
    )


def _one_line_error(proc: subprocess.CompletedProcess[str]) -> str:
    err = proc.stderr.strip()
    assert proc.returncode == 2, (proc.returncode, proc.stdout[-500:], err[-500:])
    assert "Traceback" not in err and len(err.splitlines()) == 1, err
    return err


# ---------------------------------------------------------------------- usage errors exit 2


def test_missing_path_is_an_error_not_a_pass() -> None:
    err = _one_line_error(_cli("scan", "/nonexistent/path"))
    assert "no such file or directory: /nonexistent/path" in err


def test_mistyped_rule_id_is_an_error_with_a_suggestion() -> None:
    err = _one_line_error(_cli("scan", "--rule", "py-sql-injecton", str(EXAMPLES / "safe")))
    assert "py-sql-injecton" in err and "py-sql-injection" in err


def test_unknown_severity_is_an_error_and_case_does_not_matter() -> None:
    assert "unknown severity" in _one_line_error(_cli("scan", "--min-severity", "severe", str(EXAMPLES)))
    assert main(["scan", str(EXAMPLES / "vulnerable"), "--min-severity", "HIGH", "-f", "json"]) == 1
    assert parse_severity(" Critical ") is Severity.CRITICAL


def test_unwritable_output_is_an_error_before_scanning() -> None:
    err = _one_line_error(_cli("scan", "-o", "/no/such/dir/out.json", str(EXAMPLES / "safe")))
    assert "/no/such/dir" in err


def test_unreadable_baseline_is_an_error() -> None:
    _one_line_error(_cli("scan", str(EXAMPLES / "safe"), "--baseline", "/nonexistent.json"))


def test_help_of_every_command_works() -> None:
    for command in (["scan"], ["fix"], ["asvs", "sync"], ["asvs", "import"], ["requirements", "search"]):
        proc = _cli(*command, "--help")
        assert proc.returncode == 0 and "Traceback" not in proc.stderr, (command, proc.stderr[-400:])
    assert "exit codes" in _cli("scan", "--help").stdout


def test_a_closed_pipe_ends_quietly() -> None:
    proc = subprocess.run(
        f"{sys.executable} -m vsguard rules | head -1", shell=True, capture_output=True, text=True, timeout=60
    )
    assert proc.stdout.count("\n") == 1 and proc.stderr == "", proc.stderr


# ---------------------------------------------------------------------- stdin


def test_stdin_is_scanned_and_named() -> None:
    proc = _cli("scan", "-", "--stdin-filename", "tool.py", stdin=INJECTION)
    assert proc.returncode == 1 and "tool.py:4" in proc.stdout and "FAILED" in proc.stdout
    clean = _cli("scan", "-", "--stdin-filename", "tool.py", stdin="print('hello')\n")
    assert clean.returncode == 0 and "PASSED" in clean.stdout


def test_stdin_whose_language_cannot_be_told_is_an_error() -> None:
    _one_line_error(_cli("scan", "-", stdin="just some words\n"))


# ---------------------------------------------------------------------- incomplete scans


def test_oversized_file_makes_the_scan_incomplete(tmp_path: Path) -> None:
    (tmp_path / "big.py").write_text("x = 1\n" * 5000)
    (tmp_path / "small.py").write_text(INJECTION)
    proc = subprocess.run(
        [sys.executable, "-m", "vsguard", "scan", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "VSGUARD_MAX_FILE_BYTES": "20000"},
    )
    assert proc.returncode == 2, proc.stdout
    assert "not analysed" in proc.stdout and "big.py" in proc.stdout and "INCOMPLETE" in proc.stdout
    assert "PASSED" not in proc.stdout and "small.py:4" in proc.stdout  # the rest is still reported
    allowed = _cli("scan", "--allow-incomplete", str(tmp_path))
    assert allowed.returncode == 1  # no size limit set here: the verdict of what was analysed


def test_a_crash_in_one_analysis_keeps_the_others(monkeypatch: pytest.MonkeyPatch) -> None:
    import vsguard.engine.taint as taint

    def boom(*args: object, **kwargs: object) -> list[object]:
        raise ValueError("simulated")

    monkeypatch.setattr(taint, "find_flows", boom)
    code = "import hashlib, os\nh = hashlib.md5(b'x')\nos.system('ls ' + input())\n"
    result = scan_source(code, "python")
    assert "py-weak-hash" in {f.rule_id for f in result.findings}, "pattern findings must survive"
    (gap,) = result.skipped
    assert gap.kind is SkipKind.INTERNAL_ERROR and gap.partial and gap.incomplete
    assert "ValueError" in gap.reason
    assert result.summary.verdict == "incomplete" and not result.summary.passed


def test_time_limit_keeps_what_was_found(tmp_path: Path) -> None:
    code = f'import hashlib\nkey = "{KEY}"\nh = hashlib.md5(b"x")\n'
    result = scan_source(code, "python", limits=Limits(max_seconds_per_file=0))
    assert [f.rule_id for f in result.findings] == ["hardcoded-secret"]  # found before the limit
    assert result.skipped and all(g.kind is SkipKind.TIME_LIMIT and g.partial for g in result.skipped)
    assert result.summary.verdict == "incomplete"


def test_sarif_execution_successful_exactly_when_complete(tmp_path: Path) -> None:
    (tmp_path / "ok.py").write_text(INJECTION)
    complete = json.loads(_cli("scan", "-f", "sarif", str(tmp_path)).stdout)
    (invocation,) = complete["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is True and invocation["toolExecutionNotifications"] == []
    (tmp_path / "big.py").write_text("x = 1\n" * 5000)
    proc = subprocess.run(
        [sys.executable, "-m", "vsguard", "scan", "-f", "sarif", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "VSGUARD_MAX_FILE_BYTES": "20000"},
    )
    assert proc.returncode == 2
    (invocation,) = json.loads(proc.stdout)["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "error" and "larger than" in note["message"]["text"]


# ---------------------------------------------------------------------- one filter, one summary


def test_summary_counts_what_is_shown_and_what_was_filtered() -> None:
    raw = scan_paths([EXAMPLES / "vulnerable"])
    for severity in Severity:
        shown = apply_policy(raw, Policy(min_severity=severity))
        assert shown.summary.total == len([f for f in shown.findings if not f.suppressed])
        assert all(f.severity.rank >= severity.rank for f in shown.findings)
        hidden = shown.summary.filtered.get("below_severity", 0)
        assert shown.summary.total + hidden == raw.summary.total
        assert shown.summary.passed == (shown.summary.total == 0)
    confident = apply_policy(raw, Policy(min_confidence=Confidence.HIGH))
    unsure = confident.summary.filtered.get("below_confidence", 0)
    assert unsure + confident.summary.total == raw.summary.total


def test_fail_on_separates_what_is_shown_from_what_fails() -> None:
    raw = scan_source(WEAK_HASH, "python")
    assert raw.findings and all(f.severity.rank < Severity.CRITICAL.rank for f in raw.findings)
    shown = apply_policy(raw, Policy(fail_on=Severity.CRITICAL))
    assert shown.summary.total == len(raw.findings) and shown.summary.verdict == "passed"
    text = _cli("scan", "-", "--stdin-filename", "h.py", "--fail-on", "critical", stdin=WEAK_HASH)
    assert text.returncode == 0 and "PASSED" in text.stdout


def test_text_verdict_agrees_with_the_exit_code() -> None:
    proc = _cli("scan", str(EXAMPLES / "vulnerable"), "--min-severity", "critical")
    assert proc.returncode == 1 and "FAILED" in proc.stdout and "below severity not shown" in proc.stdout
    clean = _cli("scan", str(EXAMPLES / "safe"))
    assert clean.returncode == 0 and clean.stdout.rstrip().endswith("PASSED")


def test_mcp_scan_code_counts_match_its_findings() -> None:
    from mcp_helpers import run

    code = (EXAMPLES / "vulnerable" / "app.py").read_text(encoding="utf-8")

    async def scan(client: Any, severity: str) -> Any:
        args = {"code": code, "filename": "app.py", "min_severity": severity}
        return await client.call_tool("scan_code", args)

    for severity in ("info", "medium", "HIGH", "critical"):
        result = run(lambda c, s=severity: scan(c, s))
        out = result.structured_content
        shown = out["findings"]
        assert out["summary"]["total"] == len(shown) or out["has_more"]
        assert out["passed"] == (out["summary"]["total"] == 0)
        assert all(Severity(f["severity"]).rank >= parse_severity(severity).rank for f in shown)


def test_a_folder_whose_code_is_all_passed_over_says_so(tmp_path: Path) -> None:
    (tmp_path / "venv" / "lib").mkdir(parents=True)
    (tmp_path / "venv" / "lib" / "x.py").write_text("import os\nos.system(input())\n")
    proc = _cli("scan", str(tmp_path))
    assert proc.returncode == 0 and "0 file(s) scanned" in proc.stdout
    assert "no file to analyse" in proc.stderr
    named = _cli("scan", str(tmp_path / "venv" / "lib" / "x.py"))  # named, it is scanned
    assert named.returncode == 1 and "no file to analyse" not in named.stderr
