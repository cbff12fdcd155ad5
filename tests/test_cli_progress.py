"""The progress bar: on a terminal for scans of many files, silent elsewhere and under -q."""

from __future__ import annotations

import io
import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import pytest

from vsguard.cli import main
from vsguard.cli_progress import MIN_FILES, ProgressBar, progress_bar
from vsguard.engine.scanner import scan_paths

FLAW = "import os\nos.system('ls ' + x)\n"


def _tree(root: Path, files: int) -> Path:
    for i in range(files):
        (root / f"m{i:02}.py").write_text(FLAW if i % 3 == 0 else "x = 1\n", encoding="utf-8")
    return root


class _Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_bar_draws_counts_and_rate_throttled_and_clears() -> None:
    stream, clock = io.StringIO(), _Clock()
    bar = ProgressBar(stream, clock)
    clock.now += 2.0
    bar(10, 40, 3)
    assert "10/40 files" in stream.getvalue() and "3 finding(s)" in stream.getvalue()
    assert "5 files/s" in stream.getvalue()
    drawn = stream.getvalue()
    bar(11, 40, 3)  # within the redraw interval: nothing new
    assert stream.getvalue() == drawn
    clock.now += 0.01
    bar(40, 40, 7)  # the last file is always drawn
    assert stream.getvalue().endswith("40/40 files · 7 finding(s) · 20 files/s\x1b[K")
    bar.close()
    assert stream.getvalue().endswith("\r\x1b[K")


def test_small_scans_and_non_terminals_get_no_bar() -> None:
    stream = io.StringIO()
    bar = ProgressBar(stream)
    bar(1, MIN_FILES - 1, 0)
    bar.close()
    assert stream.getvalue() == ""
    assert progress_bar(quiet=False, stream=io.StringIO()) is None  # not a terminal

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert progress_bar(quiet=False, stream=Terminal()) is not None
    assert progress_bar(quiet=True, stream=Terminal()) is None


@pytest.mark.parametrize("jobs", [1, 2])
def test_scan_paths_reports_each_file(tmp_path: Path, jobs: int) -> None:
    _tree(tmp_path, 24)
    calls: list[tuple[int, int, int]] = []
    result = scan_paths([tmp_path], jobs=jobs, progress=lambda *a: calls.append(a))
    assert [done for done, _, _ in calls] == list(range(1, 25))
    assert {total for _, total, _ in calls} == {24}
    assert calls[-1][2] == len(result.findings) == 8
    assert [found for _, _, found in calls] == sorted(found for _, _, found in calls)
    assert result == scan_paths([tmp_path], jobs=jobs)  # watching changes nothing


def _stderr_on_a_terminal(args: list[str]) -> str:
    leader, follower = pty.openpty()
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "vsguard", *args], stdout=subprocess.DEVNULL, stderr=follower
        )
        os.close(follower)
        chunks = []
        while True:
            ready, _, _ = select.select([leader], [], [], 60)
            if not ready:
                break
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
        proc.wait(timeout=60)
        return b"".join(chunks).decode("utf-8", "replace")
    finally:
        os.close(leader)


def test_cli_shows_the_bar_on_a_terminal_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _tree(tmp_path, MIN_FILES + 5)
    shown = _stderr_on_a_terminal(["scan", str(tmp_path), "-j", "1"])
    assert f"{MIN_FILES + 5}/{MIN_FILES + 5} files" in shown and "files/s" in shown
    assert _stderr_on_a_terminal(["scan", str(tmp_path), "-j", "1", "-q"]) == ""
    main(["scan", str(tmp_path)])  # captured stderr is not a terminal
    assert capsys.readouterr().err == ""
