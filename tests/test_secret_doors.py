"""A secret in a shell script or a `.env` file is reported through every door: the CLI, the
pre-commit hook (its entry as `.pre-commit-hooks.yaml` declares it) and the `scan_code` tool."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import pytest
from mcp_helpers import run, text_of

from vsguard.cli import main
from vsguard.yamlio import load_yaml

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "Xk9#mP2vLq-7tR"  # `#` inside an unquoted value is part of it in shell and .env
TOKEN = "ghp_8aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA"

# file name -> (text, lines holding a secret)
FILES: dict[str, tuple[str, list[int]]] = {
    "deploy.sh": (
        f"#!/bin/sh\nset -eu\nexport DB_PASSWORD={PASSWORD}\n"
        f'curl -H "Authorization: Bearer {TOKEN}" "$API"\n',
        [3, 4],
    ),
    "release.bash": (f'API_TOKEN="{TOKEN}" ./publish\n', [1]),
    ".env": (f"# local settings\nDEBUG=true\nDB_PASSWORD={PASSWORD}\n", [3]),
    ".env.production": (f"GITHUB_TOKEN={TOKEN}\nSMTP_PASSWORD='{PASSWORD}'\n", [1, 2]),
    "worker.env": (f"DB_PASSWORD={PASSWORD} # rotated monthly\n", [1]),
}


def _write(folder: Path) -> list[str]:
    for name, (text, _) in FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return [str(folder / name) for name in FILES]


def _expected() -> list[tuple[str, int]]:
    return sorted((name, line) for name, (_, lines) in FILES.items() for line in lines)


def _cli_findings(args: list[str], out: Path, capsys: pytest.CaptureFixture[str]) -> list[tuple[str, int]]:
    assert main([*args, "-f", "json", "-o", str(out)]) == 1
    shown = out.read_text(encoding="utf-8") + "".join(capsys.readouterr())
    assert PASSWORD not in shown and TOKEN not in shown, "a whole secret was printed"
    report = json.loads(out.read_text(encoding="utf-8"))
    return sorted((Path(f["path"]).name, f["location"]["start_line"]) for f in report["findings"])


def test_cli_scan_reports_each_secret(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "src"
    src.mkdir()
    named = _write(src)
    assert _cli_findings(["scan", *named], tmp_path / "named.json", capsys) == _expected()
    assert _cli_findings(["scan", str(src)], tmp_path / "walked.json", capsys) == _expected()


def test_pre_commit_hook_entry_reports_each_secret(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hooks = load_yaml((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "vsguard")
    assert hook["types"] == ["text"]  # shell scripts and .env files are text: pre-commit passes them
    entry = shlex.split(hook["entry"])
    assert entry[0] == "vsguard"
    src = tmp_path / "src"
    src.mkdir()
    named = _write(src)
    (src / "LICENSE").write_text(
        "Permission is hereby granted, free of charge...\n"
    )  # unreadable for vsguard
    args = [*entry[1:], *named, str(src / "LICENSE")]
    assert _cli_findings(args, tmp_path / "hook.json", capsys) == _expected()


@pytest.mark.parametrize("name", sorted(FILES))
def test_scan_code_reports_each_secret(name: str) -> None:
    text, lines = FILES[name]
    result = run(lambda c: c.call_tool("scan_code", {"code": text, "filename": name}))
    assert not result.is_error, text_of(result)
    findings = result.structured_content["findings"]
    assert sorted(f["line"] for f in findings) == lines
    assert all(798 in f["cwe"] for f in findings)
    assert PASSWORD not in text_of(result) and TOKEN not in text_of(result)


def test_hash_inside_an_unquoted_value_is_part_of_it() -> None:
    from vsguard.engine.secrets import find_secrets

    hits = find_secrets(f"DB_PASSWORD={PASSWORD}\n")
    assert [h.redacted for h in hits] == [f"X…[redacted {len(PASSWORD)} chars]"]
    # a `#` that starts a word is a comment, and what it follows is judged alone
    assert find_secrets("DB_PASSWORD=Xk9 #mP2vLq-7tR-comment\n") == []
