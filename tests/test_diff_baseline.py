"""Diff-aware scans, baselines that survive moved lines and path spellings, and `vsguard init`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from git_helpers import git as _git
from refdata import PROJECT_ROOT

from vsguard.cli import main

EXAMPLES = PROJECT_ROOT / "examples"
SQL = "def find(db, request):\n    return db.execute(f\"SELECT * FROM t WHERE id = {request.args['id']}\")\n"
FLASK = "from flask import request\n\n"
SHELL = 'import os\n\n\ndef run(request):\n    os.system("ping " + request.args["host"])\n'


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    (root / "old.py").write_text(FLASK + SHELL)
    _git(root, "init", "-q")
    _git(root, "add", ".")
    _git(root, "commit", "-qm", "init")
    return root


def _rules(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[tuple[str, str]]]:
    code = main(["scan", *args, "-f", "json"])
    data = json.loads(capsys.readouterr().out)
    return code, sorted((Path(f["path"]).name, f["rule_id"]) for f in data["findings"])


def test_diff_reports_what_the_change_adds_not_what_head_has(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    assert _rules(capsys, ".", "--diff", "HEAD") == (0, [])
    # A new flaw in a tracked file, below the one HEAD already has, and one in an untracked file.
    (repo / "old.py").write_text(FLASK + SHELL + "\n\n" + SQL)
    (repo / "new.py").write_text(FLASK + SQL)
    code, found = _rules(capsys, ".", "--diff", "HEAD")
    assert code == 1
    assert found == [("new.py", "py-sql-injection"), ("old.py", "py-sql-injection")]
    code, full = _rules(capsys, ".")
    assert ("old.py", "py-os-system") in full  # still there, just not part of the change
    # --staged: only what is staged counts, as staged, whatever the working tree holds since.
    _git(repo, "add", "old.py")
    assert _rules(capsys, ".", "--staged") == (1, [("old.py", "py-sql-injection")])
    (repo / "old.py").write_text(FLASK + SHELL)
    assert _rules(capsys, ".", "--staged") == (1, [("old.py", "py-sql-injection")])
    _git(repo, "add", "old.py")
    (repo / "old.py").write_text(FLASK + SHELL + "\n\n" + SQL)
    assert _rules(capsys, ".", "--staged") == (0, [])


def test_diff_against_an_older_commit_and_moved_lines(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    (repo / "old.py").write_text(FLASK + SQL + "\n\n" + SHELL)
    _git(repo, "commit", "-qam", "add sql")
    assert _rules(capsys, "old.py", "--diff", "HEAD~1")[1] == [("old.py", "py-sql-injection")]
    assert _rules(capsys, "old.py", "--diff", "HEAD") == (0, [])


@pytest.mark.parametrize(
    ("setup", "args", "message"),
    [
        ("plain", [".", "--diff", "HEAD"], "not in a git repository"),
        ("repo", [".", "--diff", "no-such-branch"], "unknown git revision 'no-such-branch'"),
        ("repo", [".", "--diff=--output=x"], "not a git revision"),
        ("repo", ["-", "--staged"], "not standard input"),
    ],
)
def test_diff_usage_errors_are_one_line(
    tmp_path: Path,
    repo: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    setup: str,
    args: list[str],
    message: str,
) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    monkeypatch.chdir(plain if setup == "plain" else repo)
    assert main(["scan", *args]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def _copy_examples(tmp_path: Path, git: bool) -> Path:
    root = tmp_path / ("gitrepo" if git else "plain")
    shutil.copytree(EXAMPLES, root / "examples")
    if git:
        _git(root, "init", "-q")
    return root


@pytest.mark.parametrize("git", [True, False], ids=["git-root", "scan-root"])
def test_baseline_matches_every_spelling_of_the_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, git: bool
) -> None:
    root = _copy_examples(tmp_path, git)
    monkeypatch.chdir(root)
    baseline = root / "baseline.json"
    assert main(["scan", "examples", "-f", "json", "-o", str(baseline)]) == 1
    known = len(json.loads(baseline.read_text())["findings"])
    for target, cwd in [("examples", root), (str(root / "examples"), root), (".", root / "examples")]:
        monkeypatch.chdir(cwd)
        code = main(["scan", target, "--baseline", str(baseline), "-f", "json"])
        summary = json.loads(capsys.readouterr().out)["summary"]
        assert (code, summary["total"], summary["filtered"]) == (0, 0, {"baseline": known}), target


def test_baseline_survives_moved_lines_but_not_a_new_flaw(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _copy_examples(tmp_path, git=True)
    monkeypatch.chdir(root)
    baseline = root / "baseline.json"
    main(["scan", "examples", "-f", "json", "-o", str(baseline)])
    app = root / "examples" / "vulnerable" / "app.py"
    app.write_text("# a comment\n\n\n" + app.read_text())  # every finding moves down three lines
    assert main(["scan", "examples", "--baseline", str(baseline)]) == 0
    capsys.readouterr()
    app.write_text(app.read_text() + "\n\ndef again(request):\n    eval(request.args['x'])\n")
    code, found = _rules(capsys, "examples", "--baseline", str(baseline))
    assert code == 1 and found == [("app.py", "py-eval")]


@pytest.mark.parametrize(
    "content",
    [
        '{"api_key": "sk_live_51HcV8dFAKEFAKEFAKE0123456789"}',
        '[{"findings": "sk_live_51HcV8dFAKEFAKEFAKE0123456789"}]',
        '{"findings": [{"rule_id": "sk_live_51HcV8dFAKEFAKEFAKE0123456789"}], "summary": {}}',
        "sk_live_51HcV8dFAKEFAKEFAKE0123456789 not json",
    ],
)
def test_a_file_that_is_not_a_baseline_is_refused_without_quoting_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str
) -> None:
    other = tmp_path / "secrets.json"
    other.write_text(content)
    assert main(["scan", str(EXAMPLES / "vulnerable"), "--baseline", str(other)]) == 2
    err = capsys.readouterr().err
    assert "is not a vsguard baseline" in err and err.count("\n") == 1
    assert "sk_live" not in err


def test_init_merges_into_existing_settings_and_is_idempotent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    settings = tmp_path / ".claude" / "settings.json"
    settings.parent.mkdir()
    theirs: dict[str, Any] = {
        "permissions": {"allow": ["Bash(npm test)"]},
        "hooks": {
            "PostToolUse": [{"matcher": "Write", "hooks": [{"type": "command", "command": "prettier -w"}]}]
        },
    }
    settings.write_text(json.dumps(theirs))
    (tmp_path / ".mcp.json").write_text(json.dumps({"mcpServers": {"db": {"command": "db-mcp"}}}))
    args = ["init", "claude-code", "--command", "vsguard"]
    assert main([*args, "--dry-run"]) == 0
    assert json.loads(settings.read_text()) == theirs  # a dry run writes nothing
    assert main(args) == 0
    merged = json.loads(settings.read_text())
    assert merged["permissions"] == theirs["permissions"]
    post = merged["hooks"]["PostToolUse"]
    assert post[0] == theirs["hooks"]["PostToolUse"][0]
    assert post[1] == {
        "matcher": "Write|Edit|MultiEdit",
        "hooks": [{"type": "command", "command": "vsguard hook claude-code"}],
    }
    assert merged["hooks"]["Stop"] == [
        {"hooks": [{"type": "command", "command": "vsguard hook claude-code"}]}
    ]
    mcp = json.loads((tmp_path / ".mcp.json").read_text())
    assert mcp["mcpServers"]["db"] == {"command": "db-mcp"}
    assert mcp["mcpServers"]["vsguard"] == {"type": "stdio", "command": "vsguard", "args": ["serve"]}
    capsys.readouterr()
    before = settings.read_text(), (tmp_path / ".mcp.json").read_text()
    assert main(args) == 0
    assert (settings.read_text(), (tmp_path / ".mcp.json").read_text()) == before
    assert capsys.readouterr().out.count("unchanged") == 2


def test_init_cursor_and_vscode(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".cursor").mkdir()
    (tmp_path / ".cursor" / "hooks.json").write_text(
        json.dumps({"version": 1, "hooks": {"afterFileEdit": [{"command": "./format.sh"}]}})
    )
    assert main(["init", "cursor", "--command", "/opt/bin/vsguard"]) == 0
    hooks = json.loads((tmp_path / ".cursor" / "hooks.json").read_text())["hooks"]
    assert hooks["afterFileEdit"] == [{"command": "./format.sh"}, {"command": "/opt/bin/vsguard hook cursor"}]
    assert hooks["stop"] == [{"command": "/opt/bin/vsguard hook cursor"}]
    servers = json.loads((tmp_path / ".cursor" / "mcp.json").read_text())["mcpServers"]
    assert servers == {"vsguard": {"command": "/opt/bin/vsguard", "args": ["serve"]}}
    # Re-running with another command updates our entry rather than adding a second one.
    assert main(["init", "cursor", "--command", "vsguard"]) == 0
    hooks = json.loads((tmp_path / ".cursor" / "hooks.json").read_text())["hooks"]
    assert hooks["afterFileEdit"] == [{"command": "./format.sh"}, {"command": "vsguard hook cursor"}]
    assert main(["init", "vscode", "--command", "vsguard"]) == 0
    assert json.loads((tmp_path / ".vscode" / "mcp.json").read_text()) == {
        "servers": {"vsguard": {"type": "stdio", "command": "vsguard", "args": ["serve"]}}
    }


def test_init_refuses_a_file_it_cannot_merge(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".vscode").mkdir()
    original = '// my servers\n{"servers": {}}\n'
    (tmp_path / ".vscode" / "mcp.json").write_text(original)
    assert main(["init", "vscode"]) == 2
    assert (tmp_path / ".vscode" / "mcp.json").read_text() == original
    assert "left unchanged" in capsys.readouterr().err
