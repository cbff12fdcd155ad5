"""`vsguard fix`: diff by default, atomic --apply that keeps permissions, refusals and exit codes."""

from __future__ import annotations

import difflib
import os
import re
import shutil
import stat
from pathlib import Path

import pytest

from vsguard.cli import main
from vsguard.engine.files import classify
from vsguard.engine.scanner import scan_text
from vsguard.fixes import fixable_rule_ids
from vsguard.fixes import registry as fix_registry
from vsguard.fixes.edits import Edit
from vsguard.fixes.registry import Rewrite, Target

EXAMPLES = Path(__file__).parent.parent / "examples" / "vulnerable"
VULNERABLE = "import yaml\n\n\ndef load(data):\n    return yaml.load(data)\n"


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    path = tmp_path / "app.py"
    path.write_text(VULNERABLE)
    path.chmod(0o640)
    return path


def test_default_prints_a_diff_and_writes_nothing(sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["fix", str(sample)]) == 0
    out = capsys.readouterr()
    assert "-    return yaml.load(data)\n+    return yaml.safe_load(data)\n" in out.out
    assert "py-yaml-unsafe-load: verified" in out.err
    assert sample.read_text() == VULNERABLE


def test_apply_writes_atomically_and_keeps_mode(sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["fix", "--apply", str(sample)]) == 0
    assert sample.read_text() == VULNERABLE.replace("yaml.load(", "yaml.safe_load(")
    assert stat.S_IMODE(sample.stat().st_mode) == 0o640
    assert [p.name for p in sample.parent.iterdir()] == ["app.py"]  # no temporary file left behind
    assert capsys.readouterr().out == ""  # --apply alone prints no diff
    assert main(["fix", str(sample)]) == 0  # nothing left to fix


def test_apply_with_diff_prints_it(sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["fix", "--apply", "--diff", str(sample)]) == 0
    assert "+    return yaml.safe_load(data)" in capsys.readouterr().out


def test_crlf_file_stays_crlf(tmp_path: Path) -> None:
    path = tmp_path / "win.py"
    path.write_bytes(VULNERABLE.replace("\n", "\r\n").encode())
    assert main(["fix", "--apply", str(path)]) == 0
    assert (
        path.read_bytes()
        == VULNERABLE.replace("\n", "\r\n").replace("yaml.load(", "yaml.safe_load(").encode()
    )


def test_remaining_findings_exit_one(tmp_path: Path) -> None:
    path = tmp_path / "run.py"
    path.write_text("from flask import request\n\ndef run():\n    exec(request.form['code'])\n")
    before = path.read_text()
    assert main(["fix", "--apply", str(path)]) == 1
    assert path.read_text() == before


def test_rule_filter(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "two.py"
    path.write_text(
        VULNERABLE
        + "\n\ndef digest(password):\n    import hashlib\n    return hashlib.md5(password).hexdigest()\n"
    )
    assert main(["fix", "--rule", "py-yaml-unsafe-load", str(path)]) == 0
    assert "py-weak-password-hash" not in capsys.readouterr().err
    assert main(["fix", "--rule", "no-such-rule", str(path)]) == 2


def test_refuses_directories_links_and_unknown_files(tmp_path: Path, sample: Path) -> None:
    link = tmp_path / "link.py"
    link.symlink_to(sample)
    other = tmp_path / "notes.xyz"
    other.write_text("hello")
    for bad in (tmp_path, link, other, tmp_path / "missing.py"):
        assert main(["fix", "--apply", str(bad)]) == 2
    assert sample.read_text() == VULNERABLE
    assert link.is_symlink()


def test_never_writes_a_fix_that_did_not_verify(sample: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(t: Target) -> Rewrite:
        return Rewrite((Edit.replace(t.node, "yaml.safe_load(("),), "broken on purpose")

    table = fix_registry.registered()
    table[("yaml_safe_load", "python")] = broken
    monkeypatch.setattr(fix_registry, "_REGISTRY", table)
    assert main(["fix", "--apply", str(sample)]) == 1
    assert sample.read_text() == VULNERABLE


def _changed_lines(before: str, after: str) -> set[int]:
    """1-based lines of `before` that were replaced or deleted."""
    changed: set[int] = set()
    matcher = difflib.SequenceMatcher(a=before.splitlines(), b=after.splitlines(), autojunk=False)
    for tag, i1, i2, _, _ in matcher.get_opcodes():
        if tag in ("replace", "delete"):
            changed.update(range(i1 + 1, i2 + 1))
    return changed


def _inserted_lines(before: str, after: str) -> list[str]:
    matcher = difflib.SequenceMatcher(a=before.splitlines(), b=after.splitlines(), autojunk=False)
    lines = after.splitlines()
    return [line for tag, _, _, j1, j2 in matcher.get_opcodes() if tag == "insert" for line in lines[j1:j2]]


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.iterdir()) if EXAMPLES.is_dir() else [])
def test_bundled_example_scans_clean_after_apply(name: str, tmp_path: Path) -> None:
    copy = tmp_path / name
    shutil.copy(EXAMPLES / name, copy)
    language = str(classify(copy))
    before = copy.read_text()
    found = [f for f in scan_text(before, language).findings if not f.suppressed]
    assert any(f.rule_id in fixable_rule_ids() for f in found)
    main(["fix", "--apply", "--accept-review", str(copy)])
    after = copy.read_text()
    left = [f.rule_id for f in scan_text(after, language).findings if not f.suppressed]
    assert not set(left) & fixable_rule_ids(), left
    # Only the flagged lines (and the single-use query/command variables they read) changed; any
    # whole new line is an import.
    flagged = {f.location.start_line for f in found}
    changed = _changed_lines(before, after)
    source_lines = before.splitlines()
    flagged_text = " ".join(source_lines[n - 1] for n in flagged)

    def feeds_a_flagged_line(n: int) -> bool:
        target = re.match(r"^\s*(?:const |let |var )?(\w+)\s*=", source_lines[n - 1])
        return target is not None and re.search(rf"\b{target.group(1)}\b", flagged_text) is not None

    def is_import(n: int) -> bool:
        return (
            re.match(r"^\s*(import |from \S+ import |const .*= require\()", source_lines[n - 1]) is not None
        )

    unexplained = {n for n in changed - flagged if not feeds_a_flagged_line(n) and not is_import(n)}
    assert not unexplained, [source_lines[n - 1] for n in sorted(unexplained)]
    # ... or part of the one HTML-escaping function an XSS rewrite appends, called where it escapes.
    helper = re.search(r"\n\n// [^\n]*\nfunction escapeHtml\(.*?\n\}\n$", after, flags=re.S)
    if helper is not None:
        after = after[: helper.start()] + "\n"
        assert "escapeHtml(" in after
    for line in _inserted_lines(before, after):
        assert line.startswith(("import ", "from ", "const ", "require ")), line
    assert stat.S_IMODE(os.stat(copy).st_mode) == stat.S_IMODE(os.stat(EXAMPLES / name).st_mode)


def test_config_file_secrets_are_reported_not_rewritten(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    env = tmp_path / ".env"
    env.write_text("STRIPE_KEY=sk_live_4eC39HqLyjWDarjtT1zdp7dcQ2\n")
    assert main(["fix", "--apply", str(env)]) == 1
    assert "hardcoded-secret: guidance" in capsys.readouterr().err
    assert env.read_text() == "STRIPE_KEY=sk_live_4eC39HqLyjWDarjtT1zdp7dcQ2\n"
    env.write_text("DEBUG=1\n")
    assert main(["fix", str(env)]) == 0
