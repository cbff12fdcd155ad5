"""`vsguard fix --apply` saves like a careful editor: read-only files refused unless --force, owner,
mode and hard links kept, no temporary file left behind, and every error one line with exit 2."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest

from vsguard.cli import main
from vsguard.fixes import write

VULNERABLE = "import yaml\n\n\ndef load(data):\n    return yaml.load(data)\n"
FIXED = VULNERABLE.replace("yaml.load(", "yaml.safe_load(")


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    path = tmp_path / "app.py"
    path.write_text(VULNERABLE)
    path.chmod(0o640)
    return path


def _one_error_line(err: str) -> str:
    """The one error line (the per-finding report may come before it); no traceback."""
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.startswith("vsguard: error: ")]
    assert len(lines) == 1 and err.rstrip().endswith(lines[0]), err
    return lines[0]


def _temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(write.TMP_SUFFIX))


def test_read_only_file_is_refused_unless_forced(sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sample.chmod(0o444)
    assert main(["fix", "--apply", str(sample)]) == 2
    line = _one_error_line(capsys.readouterr().err)
    assert "read-only" in line and "--force" in line
    assert sample.read_text() == VULNERABLE
    assert main(["fix", str(sample)]) == 0  # showing the diff writes nothing, so it is allowed
    assert main(["fix", "--apply", "--force", str(sample)]) == 0
    assert sample.read_text() == FIXED
    assert stat.S_IMODE(sample.stat().st_mode) == 0o444


def test_hard_links_stay_one_file(sample: Path) -> None:
    twin = sample.with_name("twin.py")
    os.link(sample, twin)
    inode = sample.stat().st_ino
    assert main(["fix", "--apply", str(sample)]) == 0
    assert sample.stat().st_ino == inode and sample.stat().st_nlink == 2
    assert twin.read_text() == FIXED
    assert stat.S_IMODE(sample.stat().st_mode) == 0o640
    assert _temporaries(sample.parent) == []


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another user needs root")
def test_owner_is_kept(sample: Path) -> None:
    os.chown(sample, 4321, 4321)
    assert main(["fix", "--apply", str(sample)]) == 0
    info = sample.stat()
    assert (info.st_uid, info.st_gid) == (4321, 4321)
    assert stat.S_IMODE(info.st_mode) == 0o640 and sample.read_text() == FIXED


@pytest.mark.skipif(os.geteuid() != 0, reason="a writable file of another owner needs root to set up")
def test_an_owner_that_cannot_be_given_back_means_writing_in_place(
    sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    os.chown(sample, 4321, 4321)
    before = os.lstat(sample)

    def refuse(*args: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "chown", refuse)  # as for a user who is not root
    assert main(["fix", "--apply", str(sample)]) == 0
    after = os.lstat(sample)
    assert after.st_ino == before.st_ino and (after.st_uid, after.st_gid) == (4321, 4321)
    assert sample.read_text() == FIXED and _temporaries(sample.parent) == []


def test_a_stale_temporary_copy_is_removed_on_the_next_run(
    sample: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stale = sample.with_name(f".app.py.k1ll3d_x{write.TMP_SUFFIX}")
    stale.write_text("half a file")
    other = sample.with_name(f".app.py.notours{write.TMP_SUFFIX}")  # not the name mkstemp gives
    other.write_text("someone else's")
    neighbour = sample.with_name(f".lib.py.abcdefgh{write.TMP_SUFFIX}")
    neighbour.write_text("another file's")
    assert main(["fix", "--apply", str(sample)]) == 0
    assert not stale.exists() and other.exists() and neighbour.exists()
    assert f"removed {stale.name}" in capsys.readouterr().err
    assert sample.read_text() == FIXED


def test_interrupt_while_writing_leaves_the_file_and_no_temporary(
    sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_read_back = write._read_back

    def interrupted(path: Path) -> bytes:
        if path.name.endswith(write.TMP_SUFFIX):
            raise KeyboardInterrupt
        return real_read_back(path)

    monkeypatch.setattr(write, "_read_back", interrupted)
    assert main(["fix", "--apply", str(sample)]) == 130
    assert sample.read_text() == VULNERABLE
    assert _temporaries(sample.parent) == []


def test_sigterm_while_writing_leaves_the_file_and_no_temporary(sample: Path) -> None:
    script = textwrap.dedent(
        f"""
        import os, signal, sys
        from vsguard.cli import main
        from vsguard.fixes import write
        real = write._read_back
        def killed(path):
            if path.name.endswith(write.TMP_SUFFIX):
                os.kill(os.getpid(), signal.SIGTERM)
            return real(path)
        write._read_back = killed
        sys.exit(main(["fix", "--apply", {str(sample)!r}]))
        """
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert out.returncode == 128 + 15, out.stderr
    assert "Traceback" not in out.stderr
    assert sample.read_text() == VULNERABLE
    assert _temporaries(sample.parent) == []


def test_permission_error_is_one_line(
    sample: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def denied(**kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied", str(sample.parent))

    monkeypatch.setattr(tempfile, "mkstemp", denied)
    assert main(["fix", "--apply", str(sample)]) == 2
    line = _one_error_line(capsys.readouterr().err)
    assert "Permission denied" in line and str(sample) in line
    assert sample.read_text() == VULNERABLE


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into any folder")
def test_unwritable_folder_is_one_line(sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sample.parent.chmod(0o555)
    try:
        assert main(["fix", "--apply", str(sample)]) == 2
    finally:
        sample.parent.chmod(0o755)
    assert "Permission denied" in _one_error_line(capsys.readouterr().err)
    assert sample.read_text() == VULNERABLE


def test_any_other_error_is_one_line(
    sample: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import vsguard.fixes as fixes

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("simulated\nover two lines")

    monkeypatch.setattr(fixes, "suggest_fix", broken)
    assert main(["fix", "--apply", str(sample)]) == 2
    line = _one_error_line(capsys.readouterr().err)
    assert "internal error (RuntimeError: simulated over two lines)" in line
    assert sample.read_text() == VULNERABLE


def test_a_file_changed_while_fixing_is_left_alone(
    sample: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import vsguard.fixes as fixes

    real = fixes.suggest_fix

    def meanwhile(*args: object, **kwargs: object) -> object:
        result = real(*args, **kwargs)  # type: ignore[arg-type]
        sample.write_text(VULNERABLE + "# edited\n")
        return result

    monkeypatch.setattr(fixes, "suggest_fix", meanwhile)
    assert main(["fix", "--apply", str(sample)]) == 2
    assert "changed on disk" in _one_error_line(capsys.readouterr().err)
    assert sample.read_text() == VULNERABLE + "# edited\n"
    assert _temporaries(sample.parent) == []
