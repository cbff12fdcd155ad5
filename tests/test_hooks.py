"""`vsguard hook`: fed the documented Claude Code and Cursor payloads, as the agents run it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
from git_helpers import git as _git

from vsguard.hooks import agents
from vsguard.hooks.edits import Replacement, undo
from vsguard.records import record

CLEAN_APP = """from flask import Flask, request
import sqlite3

app = Flask(__name__)


@app.route("/user")
def user():
    db = sqlite3.connect("app.db")
    return str(db.execute("SELECT 1").fetchall())
"""
SAFE_LINE = '    return str(db.execute("SELECT 1").fetchall())'
SQL_LINES = (
    '    name = request.args.get("name")\n'
    "    return str(db.execute(f\"SELECT * FROM users WHERE name = '{name}'\").fetchall())"
)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    project.mkdir()
    (project / "app.py").write_text(CLEAN_APP, encoding="utf-8")
    _git(project, "init", "-q")
    _git(project, "add", ".")
    _git(project, "commit", "-qm", "init")
    return project


def run_hook(
    payload: dict[str, Any], *args: str, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VSGUARD_", "CLAUDE_"))}
    # Session notes are kept in the temporary directory: one per test.
    env["TMPDIR"] = str((cwd or Path.cwd()) / ".." / "tmp")
    Path(env["TMPDIR"]).mkdir(exist_ok=True)
    return subprocess.run(
        [sys.executable, "-m", "vsguard", "hook", *(args or ("claude-code",))],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=60,
    )


@record(frozen=True)
class Done:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture(autouse=True)
def private_tempdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Session notes of in-process calls go to this test's own temporary directory."""
    folder = tmp_path / "tmp"
    folder.mkdir(exist_ok=True)
    monkeypatch.setattr(tempfile, "tempdir", str(folder))


def hook(payload: dict[str, Any], *args: str, cwd: Path) -> Done:
    """The hook's logic in this process: the same answers as `run_hook`, without a process start."""
    name = args[0] if args else "claude-code"
    handler = agents.generic if name == "--stdin-json" else agents.AGENTS[name]
    here = Path.cwd()
    os.chdir(cwd)
    try:
        reply = handler(payload)
    finally:
        os.chdir(here)
    return Done(reply.exit_code, reply.stdout, reply.stderr)


def post_tool_use(
    repo: Path, tool: str, tool_input: dict[str, Any], response: dict[str, Any] | None = None
) -> dict[str, Any]:
    return {
        "session_id": "abc123",
        "transcript_path": str(repo / "transcript.jsonl"),
        "cwd": str(repo),
        "hook_event_name": "PostToolUse",
        "tool_name": tool,
        "tool_input": tool_input,
        "tool_response": response
        if response is not None
        else {"filePath": tool_input["file_path"], "success": True},
    }


def edit(repo: Path, old: str, new: str, name: str = "app.py") -> dict[str, Any]:
    """Apply an Edit to the file, as Claude Code does, and return its PostToolUse payload."""
    path = repo / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return post_tool_use(repo, "Edit", {"file_path": str(path), "old_string": old, "new_string": new})


def test_edit_adding_sql_injection_blocks_with_cwe_89(repo: Path) -> None:
    done = run_hook(edit(repo, SAFE_LINE, SQL_LINES), cwd=repo)
    assert done.returncode == 2, done.stderr
    assert "CWE-89" in done.stderr and "py-sql-injection" in done.stderr
    assert "line 11" in done.stderr and "app.py" in done.stderr
    assert "Fix:" in done.stderr
    assert len(done.stderr) <= 1500


def test_edit_of_already_vulnerable_file_that_adds_nothing_passes(repo: Path) -> None:
    (repo / "app.py").write_text(CLEAN_APP.replace(SAFE_LINE, SQL_LINES), encoding="utf-8")
    _git(repo, "commit", "-qam", "vulnerable already")
    payload = edit(repo, "app = Flask(__name__)", "app = Flask(__name__)  # the web application")
    done = run_hook(payload, cwd=repo)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""


def test_second_copy_of_an_existing_flaw_is_new(repo: Path) -> None:
    (repo / "app.py").write_text(CLEAN_APP.replace(SAFE_LINE, SQL_LINES), encoding="utf-8")
    extra = '\n\n@app.route("/again")\ndef again():\n    db = sqlite3.connect("app.db")\n' + SQL_LINES + "\n"
    text = (repo / "app.py").read_text(encoding="utf-8")
    payload = edit(repo, text, text + extra)
    done = hook(payload, cwd=repo)
    assert done.returncode == 2, done.stderr
    assert "adds 1 security flaw" in done.stderr


def test_write_of_a_clean_file_passes(repo: Path) -> None:
    path = repo / "util.py"
    content = "def add(a: int, b: int) -> int:\n    return a + b\n"
    path.write_text(content, encoding="utf-8")
    done = run_hook(post_tool_use(repo, "Write", {"file_path": str(path), "content": content}), cwd=repo)
    assert (done.returncode, done.stderr) == (0, "")


def test_write_compares_with_head_when_the_payload_has_no_old_content(repo: Path) -> None:
    vulnerable = CLEAN_APP.replace(SAFE_LINE, SQL_LINES)
    (repo / "app.py").write_text(vulnerable, encoding="utf-8")
    _git(repo, "commit", "-qam", "vulnerable already")
    rewritten = vulnerable + "\n# touched\n"
    (repo / "app.py").write_text(rewritten, encoding="utf-8")
    payload = post_tool_use(repo, "Write", {"file_path": str(repo / "app.py"), "content": rewritten})
    assert hook(payload, cwd=repo).returncode == 0
    # A new file has nothing to compare with: every finding is new.
    new = repo / "new_app.py"
    new.write_text(vulnerable, encoding="utf-8")
    payload = post_tool_use(repo, "Write", {"file_path": str(new), "content": vulnerable}, {"type": "create"})
    done = hook(payload, cwd=repo)
    assert done.returncode == 2 and "CWE-89" in done.stderr


def test_multiedit_is_undone_to_find_what_it_added(repo: Path) -> None:
    path = repo / "app.py"
    path.write_text(CLEAN_APP.replace(SAFE_LINE, SQL_LINES), encoding="utf-8")  # uncommitted, vulnerable
    edits = [{"old_string": "import sqlite3", "new_string": "import sqlite3  # stdlib"}]
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(edits[0]["old_string"], edits[0]["new_string"]), encoding="utf-8")
    payload = post_tool_use(repo, "MultiEdit", {"file_path": str(path), "edits": edits})
    # HEAD is clean, but the file before this edit was already vulnerable: nothing new.
    assert hook(payload, cwd=repo).returncode == 0


def test_broken_config_warns_and_never_blocks(repo: Path) -> None:
    (repo / ".vsguard.toml").write_text('min-severty = "high"\n', encoding="utf-8")
    done = run_hook(edit(repo, SAFE_LINE, SQL_LINES), cwd=repo)
    assert done.returncode == 0
    assert done.stderr.count("\n") == 1 and "warning" in done.stderr
    assert "min-severty" in done.stderr and ".vsguard.toml" in done.stderr


def test_unreadable_payload_warns_and_never_blocks(repo: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "vsguard", "hook", "claude-code"],
        input="not json",
        capture_output=True,
        text=True,
        cwd=repo,
        timeout=60,
    )
    assert done.returncode == 0 and "warning" in done.stderr


def test_hook_threshold_from_config(repo: Path) -> None:
    (repo / ".vsguard.toml").write_text('hook-threshold = "critical"\n', encoding="utf-8")
    assert hook(edit(repo, SAFE_LINE, SQL_LINES), cwd=repo).returncode == 0  # SQL injection is high


def test_files_outside_the_project_are_not_scanned(repo: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.py"
    outside.write_text(CLEAN_APP.replace(SAFE_LINE, SQL_LINES), encoding="utf-8")
    payload = post_tool_use(repo, "Write", {"file_path": str(outside), "content": ""}, {"type": "create"})
    assert hook(payload, cwd=repo).returncode == 0


def test_incomplete_analysis_is_told_once_per_session(repo: Path) -> None:
    path = repo / "broken.py"
    content = 'x = """'  # an unterminated string: not Python the grammar can read
    path.write_text(content, encoding="utf-8")
    payload = post_tool_use(repo, "Write", {"file_path": str(path), "content": content}, {"type": "create"})
    first = hook(payload, cwd=repo)
    assert first.returncode == 2 and "could not be fully analysed" in first.stderr
    second = hook(payload, cwd=repo)
    assert (second.returncode, second.stderr) == (0, "")


def test_stop_blocks_once_on_uncommitted_flaws(repo: Path) -> None:
    stop = {"session_id": "abc123", "cwd": str(repo), "hook_event_name": "Stop", "stop_hook_active": False}
    assert hook(stop, cwd=repo).stdout == ""  # nothing changed yet
    edit(repo, SAFE_LINE, SQL_LINES)
    (repo / "notes.py").write_text('import os\nos.system("ls " + input())\n', encoding="utf-8")  # untracked
    done = hook(stop, cwd=repo)
    assert done.returncode == 0
    answer = json.loads(done.stdout)
    assert answer["decision"] == "block"
    assert (
        "app.py:11" in answer["reason"] and "CWE-89" in answer["reason"] and "notes.py:2" in answer["reason"]
    )
    again = hook({**stop, "stop_hook_active": True}, cwd=repo)
    assert (again.returncode, again.stdout) == (0, "")
    # A later turn with the same flaws is not held up again; a new flaw is told.
    assert hook(stop, cwd=repo).stdout == ""
    with (repo / "notes.py").open("a") as fh:
        fh.write("eval(input())\n")
    answer = json.loads(hook(stop, cwd=repo).stdout)
    assert "notes.py:3" in answer["reason"] and "py-eval" in answer["reason"]


def test_cursor_after_file_edit_and_stop(repo: Path) -> None:
    payload = edit(repo, SAFE_LINE, SQL_LINES)
    common = {"conversation_id": "c1", "generation_id": "g1", "workspace_roots": [str(repo)]}
    after = {
        **common,
        "hook_event_name": "afterFileEdit",
        "file_path": payload["tool_input"]["file_path"],
        "edits": [{"old_string": SAFE_LINE, "new_string": SQL_LINES}],
    }
    done = hook(after, "cursor", cwd=repo)
    assert done.returncode == 0 and json.loads(done.stdout) == {}
    assert "CWE-89" in done.stderr
    stop = {**common, "hook_event_name": "stop", "status": "completed", "loop_count": 0}
    answer = json.loads(hook(stop, "cursor", cwd=repo).stdout)
    assert "CWE-89" in answer["followup_message"]
    assert json.loads(hook({**stop, "loop_count": 1}, "cursor", cwd=repo).stdout) == {}


def test_generic_stdin_json_form(repo: Path) -> None:
    vulnerable = CLEAN_APP.replace(SAFE_LINE, SQL_LINES)
    done = hook({"path": "app.py", "content": vulnerable}, "--stdin-json", cwd=repo)
    assert done.returncode == 2 and "CWE-89" in done.stderr
    same = hook({"path": "app.py", "content": vulnerable, "before": vulnerable}, "--stdin-json", cwd=repo)
    assert same.returncode == 0


def test_original_file_in_the_response_is_what_the_edit_is_compared_with(repo: Path) -> None:
    vulnerable = CLEAN_APP.replace(SAFE_LINE, SQL_LINES)
    (repo / "app.py").write_text(vulnerable + "# end\n", encoding="utf-8")
    tool_input = {"file_path": str(repo / "app.py"), "old_string": "x", "new_string": "# end"}
    payload = post_tool_use(repo, "Edit", tool_input, {"originalFile": vulnerable})
    assert agents.claude_code(payload).exit_code == 0
    payload = post_tool_use(repo, "Edit", tool_input, {"originalFile": CLEAN_APP})
    assert agents.claude_code(payload).exit_code == 2


def test_files_in_a_virtualenv_or_excluded_are_not_scanned(repo: Path) -> None:
    vulnerable = CLEAN_APP.replace(SAFE_LINE, SQL_LINES)
    for name in (".venv/lib/site.py", "generated/app.py"):
        path = repo / name
        path.parent.mkdir(parents=True)
        path.write_text(vulnerable, encoding="utf-8")
    (repo / ".vsguard.toml").write_text('exclude = ["generated"]\n', encoding="utf-8")
    for name in (".venv/lib/site.py", "generated/app.py"):
        payload = post_tool_use(repo, "Write", {"file_path": str(repo / name), "content": vulnerable}, {})
        assert agents.claude_code(payload).exit_code == 0, name


def test_edit_that_cannot_be_undone_falls_back_to_head() -> None:
    assert undo("a = 1\n", [Replacement("b", "missing")]) is None
    assert undo("x y x", [Replacement("y", "x", replace_all=True)]) == "y y y"
    assert (
        undo("one TWO three", [Replacement("two", "TWO"), Replacement("three", "three")]) == "one two three"
    )
