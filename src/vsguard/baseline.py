"""Baselines that survive edits: findings keyed by where they are in the project and what they say.

A key is the path relative to the repository root (the git root, else the scan root), the rule
id and a fingerprint of the flagged code with its whitespace normalised. Line numbers play no
part, so a baseline still matches after lines move, and the path is the same whichever way the
scan was spelled (`examples`, `$PWD/examples`, `.` from inside the folder).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from vsguard.models import Finding

# A baseline is one of our JSON reports; far larger than any real one means it is something else.
_MAX_BASELINE_BYTES = 64_000_000


class BaselineError(ValueError):
    """A baseline that cannot be used. The message never quotes the file (it may hold secrets)."""


def content_fingerprint(finding: Finding) -> str:
    """What the finding flags, independent of line number and indentation."""
    normalised = " ".join(finding.snippet.split())
    from vsguard.sha import sha256_hex  # late: a plain scan (no baseline, no SARIF) never needs it

    return sha256_hex(f"{finding.rule_id}\0{normalised}".encode())[:20]


def _git_root(directory: Path, cache: dict[Path, Path | None]) -> Path | None:
    """The nearest ancestor holding `.git` (a folder, or a file in a worktree)."""
    seen: list[Path] = []
    found: Path | None = None
    for candidate in (directory, *directory.parents):
        if candidate in cache:
            found = cache[candidate]
            break
        seen.append(candidate)
        if (candidate / ".git").exists():
            found = candidate
            break
    for candidate in seen:
        cache[candidate] = found
    return found


class ProjectPaths:
    """Turns any spelling of a scanned file's path into one project-relative form."""

    def __init__(self, scan_roots: Sequence[Path] = (), cwd: Path | None = None) -> None:
        self.cwd = (cwd or Path.cwd()).resolve()
        roots = [self._absolute(r) for r in scan_roots] or [self.cwd]
        self.scan_roots = [r if r.is_dir() else r.parent for r in roots]
        self._git_cache: dict[Path, Path | None] = {}

    def _absolute(self, path: Path) -> Path:
        # Resolve links too: `examples` and `$PWD/examples` must meet even through a linked folder.
        return Path(os.path.realpath(self.cwd / path))

    def root_for(self, absolute: Path) -> Path:
        git = _git_root(absolute.parent, self._git_cache)
        if git is not None:
            return git
        containing = [r for r in self.scan_roots if absolute.is_relative_to(r)]
        return max(containing, key=lambda r: len(r.parts)) if containing else self.cwd

    def relative(self, path: str | Path, base: Path | None = None) -> str:
        """`path` (relative to `base`, default the working directory) relative to its root."""
        text = str(path)
        if text.startswith("<"):  # <stdin>, <input>: not a file
            return text
        absolute = Path(os.path.realpath((base or self.cwd) / path))
        root = self.root_for(absolute)
        return absolute.relative_to(root).as_posix() if absolute.is_relative_to(root) else absolute.as_posix()

    def key(self, finding: Finding) -> str:
        return f"{self.relative(finding.path or '<input>')}\0{content_fingerprint(finding)}"


def _read_report(path: Path) -> list[Finding]:
    refusal = f"{path} is not a vsguard baseline (expected the output of `vsguard scan -f json`)"
    try:
        size = path.stat().st_size
        if size > _MAX_BASELINE_BYTES:
            raise BaselineError(f"{refusal}: larger than {_MAX_BASELINE_BYTES} bytes")
        data = json.loads(path.read_bytes().decode("utf-8"))
    except OSError as exc:
        raise BaselineError(f"cannot read baseline {path}: {exc.strerror or type(exc).__name__}") from None
    except ValueError:  # not UTF-8, not JSON: say so without quoting what was found
        raise BaselineError(refusal) from None
    if not (
        isinstance(data, dict)
        and isinstance(data.get("findings"), list)
        and isinstance(data.get("summary"), dict)
    ):
        raise BaselineError(refusal)
    from pydantic import TypeAdapter  # only a scan against a baseline needs the validator

    try:
        return TypeAdapter(list[Finding]).validate_python(data["findings"])
    except ValueError:  # pydantic's message would echo the offending values
        raise BaselineError(f"{refusal}: a finding has the wrong shape") from None


def _candidate_bases(baseline: Path, paths: ProjectPaths) -> list[Path]:
    """Where a relative path in the report may have been relative to: the baseline's folder, the
    working directory, the repository root."""
    here = Path(os.path.realpath(baseline)).parent
    bases = [here, paths.cwd]
    git = _git_root(here, {})
    if git is not None:
        bases.append(git)
    return list(dict.fromkeys(bases))


def load_baseline(baseline: Path, paths: ProjectPaths) -> frozenset[str]:
    """The keys (see `ProjectPaths.key`) of every finding recorded in a JSON report."""
    findings = _read_report(baseline)
    bases = _candidate_bases(baseline, paths)
    keys: set[str] = set()
    for f in findings:
        fingerprint = content_fingerprint(f)
        for where in _spellings(f.path or "<input>", bases, paths):
            keys.add(f"{where}\0{fingerprint}")
    return frozenset(keys)


def _spellings(recorded: str, bases: Iterable[Path], paths: ProjectPaths) -> list[str]:
    """The project-relative forms of a recorded path: one per base where that file exists, or the
    first base's when it exists under none (the file was since removed; nothing will match)."""
    if recorded.startswith("<") or Path(recorded).is_absolute():
        return [paths.relative(recorded)]
    bases = list(bases)
    found = [paths.relative(recorded, base) for base in bases if (base / recorded).exists()]
    return list(dict.fromkeys(found)) or [paths.relative(recorded, bases[0])]
