"""Which files a path scan reads: git-aware walking, binary and size checks, confinement."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path, PurePosixPath

from vsguard.engine.languages import from_filename

# Config-like files are scanned for secrets only.
SECRET_ONLY_SUFFIXES = frozenset(
    {
        ".env",
        ".yaml",
        ".yml",
        ".json",
        ".toml",
        ".ini",
        ".cfg",
        ".conf",
        ".properties",
        ".tf",
        ".tfvars",
        ".xml",
        ".pem",  # key files: private key blocks
        ".key",
        ".p8",
        ".ppk",
    }
)
SECRET_ONLY_NAMES = frozenset({"dockerfile", ".env", ".npmrc", ".pypirc", ".netrc", "docker-compose.yml"})
SKIP_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        "node_modules",
        "__pycache__",
        ".venv",
        "venv",
        ".tox",
        ".mypy_cache",
        ".ruff_cache",
    }
)
_SNIFF_BYTES = 8192


@dataclass(frozen=True)
class Candidate:
    path: Path
    language: str | None  # None: secrets-only text file


def classify(path: Path) -> str | bool | None:
    """Language name, None for a secrets-only file, False when the file is not ours to read."""
    lang = from_filename(path.name)
    if lang:
        return lang
    name = path.name.lower()
    if name in SECRET_ONLY_NAMES or name.startswith(".env") or path.suffix.lower() in SECRET_ONLY_SUFFIXES:
        return None
    return False


def is_binary(path: Path) -> bool:
    with path.open("rb") as fh:
        return b"\0" in fh.read(_SNIFF_BYTES)


def _git(directory: Path, *args: str) -> subprocess.CompletedProcess[bytes] | None:
    try:
        return subprocess.run(["git", "-C", str(directory), *args], capture_output=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None


def _git_listed(directory: Path) -> list[Path] | None:
    """Tracked and untracked-but-not-ignored files, or None when git cannot speak for the folder:
    outside a work tree, or a folder that is itself ignored (the user named it, so it is walked)."""
    ignored = _git(directory, "check-ignore", "-q", ".")
    if ignored is None or ignored.returncode == 0:
        return None
    listed = _git(directory, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    if listed is None or listed.returncode != 0:
        return None
    return [directory / p for p in listed.stdout.decode("utf-8", "surrogateescape").split("\0") if p]


def _walk(directory: Path) -> Iterator[Path]:
    for dirpath, dirnames, filenames in os.walk(directory, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS)
        for name in sorted(filenames):
            yield Path(dirpath) / name


def excluded(path: Path, root: Path, patterns: tuple[str, ...]) -> bool:
    """True when a glob matches the path relative to the scanned root, or any of its parts
    (`tests/*`, `*_test.go`, `fixtures`): the conventions of Bandit's and Ruff's `--exclude`."""
    if not patterns:
        return False
    rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()
    parts = PurePosixPath(rel).parts
    return any(fnmatch(rel, p) or any(fnmatch(part, p) for part in parts) for p in patterns)


def iter_candidates(
    paths: list[Path], exclude: tuple[str, ...] = ()
) -> Iterator[Candidate | tuple[Path, str]]:
    """Files to scan, or (path, reason) for what was passed over and why."""
    for root in paths:
        if root.is_file():
            files: list[Path] = [root]
        elif root.is_dir():
            listed = _git_listed(root)
            files = sorted(listed) if listed is not None else list(_walk(root))
        else:
            yield root, "no such file or directory"
            continue
        resolved_root = root.resolve()
        for path in files:
            if path.is_symlink() and not path.resolve().is_relative_to(
                resolved_root.parent if root.is_file() else resolved_root
            ):
                yield path, "symlink pointing outside the scanned tree"
                continue
            if not path.is_file() or any(part in SKIP_DIRS for part in path.parts):
                continue
            if root.is_dir() and excluded(path, root, exclude):
                continue
            kind = classify(path)
            if kind is False:
                continue
            yield Candidate(path=path, language=kind if isinstance(kind, str) else None)
