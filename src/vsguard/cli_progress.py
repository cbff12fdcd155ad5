"""A one-line progress bar on stderr for long path scans: files done of total, findings, files/s.

Shown only when stderr is a terminal and the scan has enough files to be worth it, so logs, pipes,
CI and hooks see nothing; redrawn at most a few times a second so it never slows the scan.
"""

from __future__ import annotations

import shutil
import sys
import time
from collections.abc import Callable
from typing import TextIO

MIN_FILES = 20  # below this a scan ends before a bar would help
_REDRAW_SECONDS = 0.1


class ProgressBar:
    """Call with (files done, files in total, findings so far); `close()` clears the line."""

    def __init__(self, stream: TextIO, clock: Callable[[], float] = time.monotonic) -> None:
        self._stream = stream
        self._clock = clock
        self._start = clock()
        self._last_draw = float("-inf")
        self._drawn = False

    def __call__(self, done: int, total: int, findings: int) -> None:
        now = self._clock()
        if total < MIN_FILES or (done < total and now - self._last_draw < _REDRAW_SECONDS):
            return
        self._last_draw = now
        self._stream.write("\r" + self.line(done, total, findings, now - self._start) + "\x1b[K")
        self._stream.flush()
        self._drawn = True

    def line(self, done: int, total: int, findings: int, elapsed: float) -> str:
        rate = done / elapsed if elapsed > 0 else 0.0
        stats = f" {done}/{total} files · {findings} finding(s) · {rate:.0f} files/s"
        width = max(10, min(40, shutil.get_terminal_size((80, 24)).columns - len(stats) - 4))
        filled = width * done // total if total else width
        return f"[{'#' * filled}{'.' * (width - filled)}]{stats}"

    def close(self) -> None:
        if self._drawn:
            self._stream.write("\r\x1b[K")
            self._stream.flush()


def progress_bar(quiet: bool, stream: TextIO | None = None) -> ProgressBar | None:
    """A bar for `stream` (stderr by default) when it is a terminal and not `quiet`, else None."""
    stream = stream if stream is not None else sys.stderr
    if quiet or not stream.isatty():
        return None
    return ProgressBar(stream)
