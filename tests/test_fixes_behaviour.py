"""The fixed corpus code still does its job: run original and fixed functions on safe inputs.

These run our own test fixtures (tests/fixes/*), never code that was scanned for a user.
"""

from __future__ import annotations

import importlib.util
import json
import shlex
import shutil
import sqlite3
import subprocess
import sys
import types
from pathlib import Path
from typing import Any

import pytest

CASES = Path(__file__).parent / "fixes"


def load(path: Path, name: str) -> types.ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def pair(case: str) -> tuple[types.ModuleType, types.ModuleType]:
    original = CASES / "python" / f"{case}.py"
    fixed = CASES / "python" / f"{case}.fixed.py"
    return load(original, f"orig_{case}"), load(fixed, f"fixed_{case}")


@pytest.fixture
def users_db() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT, email TEXT, active INTEGER)")
    conn.executemany(
        "INSERT INTO users (id, name, email, active) VALUES (?, ?, ?, ?)",
        [(1, "alice", "a@example.com", 1), (2, "bob", "b@example.com", 0), (3, "alicia", "c@example.com", 1)],
    )
    return conn


def test_parameterized_sql_returns_the_same_rows(users_db: sqlite3.Connection) -> None:
    orig, fixed = pair("sql_sqlite")
    for name in ("alice", "bob", "nobody"):
        assert fixed.find_user(users_db, name) == orig.find_user(users_db, name)
    for user_id in (1, 2, 99):
        assert fixed.find_by_id(users_db, user_id) == orig.find_by_id(users_db, user_id)
    for term, limit in (("ali", 5), ("ali", 1), ("zzz", 3)):
        assert fixed.search(users_db, term, limit) == orig.search(users_db, term, limit)
    assert (
        fixed.by_email(users_db, "a@example.com", 1) == orig.by_email(users_db, "a@example.com", 1) == [(1,)]
    )


def test_parameterized_sql_no_longer_obeys_injected_quotes(users_db: sqlite3.Connection) -> None:
    orig, fixed = pair("sql_sqlite")
    attack = "x' OR '1'='1"
    assert len(orig.find_user(users_db, attack)) == 3  # the flaw the fix removes
    assert fixed.find_user(users_db, attack) == []


class Recorder:
    """Stands in for subprocess/os.system and records what would have run."""

    def __init__(self) -> None:
        self.argvs: list[list[str]] = []

    def shell(self, command: str, **_: Any) -> Any:
        self.argvs.append(shlex.split(command))
        return types.SimpleNamespace(returncode=0, stdout="", wait=lambda: 0)

    def argv(self, argv: list[str], **kwargs: Any) -> Any:
        assert "shell" not in kwargs
        self.argvs.append(list(argv))
        return types.SimpleNamespace(returncode=0, stdout="", wait=lambda: 0)


def test_argument_lists_run_the_same_commands(monkeypatch: pytest.MonkeyPatch) -> None:
    orig, fixed = pair("command")
    before, after = Recorder(), Recorder()
    for module, recorder, runner in ((orig, before, before.shell), (fixed, after, after.argv)):
        monkeypatch.setattr(module.subprocess, "run", runner)
        monkeypatch.setattr(module.subprocess, "Popen", runner)
        if hasattr(module, "os"):  # the fixed module no longer needs (or imports) os
            monkeypatch.setattr(module.os, "system", lambda cmd, r=recorder: r.shell(cmd).returncode)
            monkeypatch.setattr(
                module.os,
                "popen",
                lambda cmd, r=recorder: types.SimpleNamespace(read=lambda: r.shell(cmd).stdout),
            )
        module.ping("example.com")
        module.archive("/srv/data")
        module.disk_usage("/var/log")
    assert after.argvs == before.argvs
    assert after.argvs[0] == ["ping", "-c", "1", "example.com"]
    assert ["tar", "czf", "backup file.tgz", "/srv/data"] in after.argvs


def test_argument_list_keeps_hostile_value_in_one_argument(monkeypatch: pytest.MonkeyPatch) -> None:
    _, fixed = pair("command")
    recorder = Recorder()
    monkeypatch.setattr(fixed.subprocess, "run", recorder.argv)
    fixed.ping("example.com; rm -rf /")
    assert recorder.argvs == [["ping", "-c", "1", "example.com; rm -rf /"]]


def test_data_loaders_give_the_same_values() -> None:
    orig, fixed = pair("deserialization")
    doc = b"name: app\nports: [80, 443]\nnested: {debug: false}\n"
    assert fixed.load_settings(doc) == orig.load_settings(doc)
    stream = "a: 1\n---\nb: 2\n"
    assert fixed.load_all(stream) == orig.load_all(stream)
    for literal in ("[1, 2, 3]", "{'k': (1, None)}", "'text'", "-4.5"):
        assert fixed.parse_literal(literal) == orig.parse_literal(literal)
    with pytest.raises(ValueError):
        fixed.parse_literal("__import__('os').getcwd()")


def test_token_helpers_keep_their_shape(monkeypatch: pytest.MonkeyPatch) -> None:
    recorded: list[bytes] = []

    class FakeHasher:  # argon2-cffi is an optional dependency of the user's project, not of vsguard
        def hash(self, secret: bytes) -> str:
            recorded.append(secret)
            return "$argon2id$fake"

    monkeypatch.setitem(sys.modules, "argon2", types.SimpleNamespace(PasswordHasher=FakeHasher))
    _, fixed = pair("crypto")
    assert fixed.store_password("pässword") == "$argon2id$fake" and recorded == ["pässword".encode()]
    for _ in range(50):
        assert 100000 <= fixed.reset_token() <= 999999
    key = fixed.make_api_key("abc123")
    assert len(key) == 32 and set(key) <= set("abc123")
    assert len(fixed.signature(b"data")) == 128  # two SHA-256 hex digests


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_javascript_fixes_still_run(tmp_path: Path) -> None:
    stub = tmp_path / "node_modules" / "bcrypt"
    stub.mkdir(parents=True)
    (stub / "index.js").write_text("exports.hashSync = (pw, cost) => `$2b$${cost}$stub:${pw}`;\n")
    crypto_fixed = (CASES / "javascript" / "crypto.fixed.js").read_text()
    web_fixed = (CASES / "javascript" / "web.fixed.js").read_text()
    runner = tmp_path / "check.js"
    runner.write_text(
        crypto_fixed
        + web_fixed.replace('const https = require("https");', "")
        + """
const out = {
  hash: hashPassword("hunter2"),
  fingerprint: fingerprint("body"),
  tokens: Array.from({ length: 20 }, newToken),
  parsed: parse('{"a": [1, 2]}'),
};
console.log(JSON.stringify(out));
"""
    )
    done = subprocess.run(
        ["node", str(runner)], capture_output=True, text=True, cwd=tmp_path, timeout=60, check=True
    )
    out = json.loads(done.stdout)
    assert out["hash"] == "$2b$12$stub:hunter2"
    assert len(out["fingerprint"]) == 64
    assert all(t and set(t) <= set("0123456789abcdefghijklmnopqrstuvwxyz.") for t in out["tokens"])
    assert len(set(out["tokens"])) == 20
    assert out["parsed"] == {"a": [1, 2]}
