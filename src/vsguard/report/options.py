"""What a formatter needs to know beyond the scan result: where the repository root is.

Formatters stay pure functions: the command line finds the root (see `report.root`) and passes it
here, so a report is the same whichever folder the scan was started from.
"""

from __future__ import annotations

import os
from pathlib import Path

from vsguard.records import record


@record(frozen=True)
class ReportOptions:
    """`root`: the folder report paths are relative to (the repository root), or None to keep the
    paths as the scanner gave them. `cwd`: the folder relative scanner paths are relative to."""

    root: Path | None = None
    cwd: Path | None = None

    def relative(self, path: str) -> str:
        """`path` relative to the root, in POSIX form; unchanged when there is no root to use."""
        if self.root is None:
            return Path(path).as_posix()
        absolute = Path(path)
        if not absolute.is_absolute():
            if self.cwd is None:
                return absolute.as_posix()
            absolute = self.cwd / absolute
        # abspath, not resolve: the root was found from the same unresolved spelling of the paths
        rel = os.path.relpath(os.path.abspath(absolute), os.path.abspath(self.root))
        return Path(rel).as_posix()
