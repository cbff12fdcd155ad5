"""Lines changed since a git ref, for scans that report only what a change introduced.

`git diff --unified=0 REF` gives the added or modified lines of tracked files (working tree
against REF, so uncommitted edits count); files git does not track yet count as changed whole.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterable
from pathlib import Path

# A branch, tag, commit or `HEAD~2`-style expression; never an option (no leading dash).
_REF = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9._/@{}~^+-]{0,199}$")
_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")
_GIT_TIMEOUT = 30
_DIFF_OPTIONS = ("--unified=0", "--no-color", "--no-ext-diff", "--no-renames")

# resolved file -> changed line numbers, or None when the whole file is new
Changed = dict[Path, frozenset[int] | None]


class DiffScopeError(ValueError):
    """The ref or the folder cannot be diffed; the message says why."""


def _git(cwd: Path, *args: str) -> str:
    try:
        done = subprocess.run(
            ["git", "-c", "core.quotePath=false", "-C", str(cwd), *args],
            capture_output=True,
            timeout=_GIT_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise DiffScopeError(f"cannot run git: {exc}") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise DiffScopeError(f"git {args[0]} failed in {cwd}: {message[0] if message else done.returncode}")
    return done.stdout.decode("utf-8", "surrogateescape")


def parse_unified_zero(diff: str, top: Path) -> dict[Path, set[int]]:
    """Added and modified lines per file of a `git diff --unified=0` (paths under `top`)."""
    changed: dict[Path, set[int]] = {}
    current: set[int] | None = None
    for line in diff.splitlines():
        if line.startswith("+++ "):
            name = line[4:]
            deleted = name == "/dev/null"
            current = None if deleted else changed.setdefault(top / name.removeprefix("b/"), set())
        elif current is not None and (hunk := _HUNK.match(line)):
            start, count = int(hunk.group(1)), int(hunk.group(2) or "1")
            current.update(range(start, start + count))
    return changed


def changed_lines(paths: Iterable[Path], ref: str) -> Changed:
    """The changed lines of every file under `paths` (resolved, each inside a git work tree)."""
    if not _REF.match(ref):
        raise DiffScopeError(f"diff_ref {ref!r} is not a git ref (a branch, tag, commit or HEAD~N)")
    out: Changed = {}
    for path in paths:
        folder = path if path.is_dir() else path.parent
        top = Path(_git(folder, "rev-parse", "--show-toplevel").strip()).resolve()
        try:
            _git(top, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
        except DiffScopeError:
            raise DiffScopeError(f"diff_ref {ref!r} is not a commit in {top}") from None
        diff = _git(top, "diff", *_DIFF_OPTIONS, ref, "--", str(path))
        for file, lines in parse_unified_zero(diff, top).items():
            out[file.resolve()] = frozenset(lines)
        untracked = _git(top, "ls-files", "-z", "--others", "--exclude-standard", "--", str(path))
        for name in filter(None, untracked.split("\0")):
            out[(top / name).resolve()] = None
    return out


def touches(changed: Changed, path: str | None, first: int, last: int) -> bool:
    """True when lines first..last of `path` were changed."""
    if path is None:
        return False
    key = Path(path).resolve()
    if key not in changed:
        return False
    lines = changed[key]
    return lines is None or any(n in lines for n in range(first, last + 1))
