"""The folder report paths are relative to: the git root of the scanned paths.

Code-scanning dashboards match a result to a file by its path from the repository root, so a SARIF
log must not depend on where the scan was started. Looking for `.git` (a folder, or the file a
worktree or submodule has) costs a few `stat` calls and starts no process.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path


def git_root(path: Path) -> Path | None:
    """The nearest folder at or above `path` holding `.git`, or None outside any repository."""
    here = path if path.is_dir() else path.parent
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return folder
    return None


def report_root(paths: Iterable[Path], cwd: Path) -> Path:
    """The git root shared by every scanned path (of `cwd` for none); else `cwd` if it holds them
    all; else their common parent folder. Paths are made absolute against `cwd` without resolving
    links, as the report does with the paths the scanner gives back."""
    absolute = [Path(os.path.abspath(cwd / p)) for p in paths]
    if not absolute:  # standard input: its file name, if given, is relative to `cwd`
        return git_root(cwd) or cwd
    roots = {git_root(p) for p in absolute}
    shared = roots.pop() if len(roots) == 1 else None
    if shared is not None:
        return shared
    if all(p.is_relative_to(cwd) for p in absolute):
        return cwd
    common = Path(os.path.commonpath(absolute))
    return common if common.is_dir() else common.parent


def outside(paths: Iterable[Path], root: Path, cwd: Path) -> Path | None:
    """The first scanned path that does not lie inside `root`, or None."""
    base = Path(os.path.abspath(cwd / root))
    for p in paths:
        if not Path(os.path.abspath(cwd / p)).is_relative_to(base):
            return p
    return None
