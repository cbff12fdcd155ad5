"""Which files a path scan reads: git-aware walking, binary and size checks, confinement."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from fnmatch import fnmatch
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from vsguard.engine.languages import from_filename
from vsguard.records import record

if TYPE_CHECKING:
    import subprocess

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
        # Text an agent writes beside code, where a pasted key is as exposed as in code.
        ".md",
        ".markdown",
        ".rst",
        ".txt",
        ".sh",
        ".bash",
        ".zsh",
        ".ps1",
        ".html",
        ".htm",
        ".vue",
        ".svelte",
        ".gradle",
        ".sql",
        ".dockerfile",
    }
)
# Documentation, where only keys in a provider's own format are secrets (see `is_prose`).
PROSE_SUFFIXES = frozenset({".md", ".markdown", ".rst", ".txt", ".html", ".htm"})
SECRET_ONLY_NAMES = frozenset(
    {
        *("dockerfile", "containerfile", ".env", ".npmrc", ".pypirc", ".netrc", "docker-compose.yml"),
        *("makefile", "jenkinsfile", "procfile"),
    }
)
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


@record(frozen=True)
class Candidate:
    """A file the walk chose to scan, with its language and the scanned folder."""

    path: Path
    language: str | None  # None: secrets-only text file
    root: Path | None = None  # the scanned folder, resolved: reads for this file stay inside it
    explicit: bool = False  # named by the user rather than found by walking a folder


@record(frozen=True)
class ReadScope:
    """Which other files a scan of one file may read (sibling modules for cross-file analysis):
    the files the walk would scan, inside `root` (resolved), with links followed only while they
    stay inside it, outside the folders the walk skips, and at most `max_bytes` long."""

    root: Path
    max_bytes: int

    @classmethod
    def under(cls, root: Path, max_bytes: int) -> ReadScope:
        return cls(_resolved_dir(str(root)), max_bytes)

    def allows(self, path: Path) -> bool:
        try:
            real = Path(os.path.realpath(path, strict=True))
        except (OSError, ValueError):
            return False  # a link loop, a missing target
        if not real.is_relative_to(self.root):
            return False
        if any(part in SKIP_DIRS for part in real.relative_to(self.root).parts):
            return False
        try:
            info = real.stat()
        except OSError:
            return False
        return stat.S_ISREG(info.st_mode) and info.st_size <= self.max_bytes


def _resolved_dir(directory: str) -> Path:
    return Path(os.path.realpath(directory))


def link_refusal(path: Path, tree: Path) -> str | None:
    """Why the symlink `path` is not followed from inside `tree` (resolved), or None when it may be."""
    try:
        target = Path(os.path.realpath(path, strict=True))
    except OSError as exc:
        return "symlink loop" if exc.errno == errno.ELOOP else "broken symlink (its target does not exist)"
    if not target.is_relative_to(tree):
        return "symlink pointing outside the scanned tree"
    return None


def is_prose(path: str) -> bool:
    """Documentation text: examples there (`PASSWORD = "swordfish"`) are not credentials."""
    return Path(path).suffix.lower() in PROSE_SUFFIXES


def classify(path: Path) -> str | bool | None:
    """Language name, None for a secrets-only file, False when the file is not ours to read."""
    lang = from_filename(str(path))
    if lang:
        return lang
    name = path.name.lower()
    if name in SECRET_ONLY_NAMES or name.startswith((".env", "dockerfile.")):
        return None
    if path.suffix.lower() in SECRET_ONLY_SUFFIXES:
        return None
    return False


def is_binary(path: Path) -> bool:
    with path.open("rb") as fh:
        return looks_binary(fh.read(_SNIFF_BYTES))


def looks_binary(data: bytes) -> bool:
    return b"\0" in data[:_SNIFF_BYTES]


def _git(directory: Path, *args: str) -> subprocess.CompletedProcess[bytes] | None:
    import subprocess  # only a folder walk asks git; a one-file scan never starts it

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
    # Links to folders are never followed: the walk stays in the tree it was given, and cannot loop.
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


Walked = Candidate | tuple[Path, str]


def iter_candidates(paths: list[Path], exclude: tuple[str, ...] = ()) -> Iterator[Walked]:
    """Files to scan, or (path, reason) for what was passed over and why.

    Ignore rules (skipped folders, .gitignore, `exclude`) apply below a named folder, relative to
    it; a file the user names is never ignored. Each file is yielded once, however many names
    (links, overlapping arguments) reach it.
    """
    seen: set[str] = set()  # real paths already yielded
    for named in paths:
        if named.is_dir():
            yield from _tree(named, exclude, seen)
        elif named.is_symlink() or named.exists():
            item = _named_file(named, seen)
            if item is not None:
                yield item
        else:
            yield named, "no such file or directory"


def _named_file(path: Path, seen: set[str]) -> Walked | None:
    tree = _resolved_dir(str(path.parent))
    if path.is_symlink():
        why = link_refusal(path, tree)
        if why is not None:
            return path, why
    if not path.is_file():
        return path, "not a regular file"
    kind = classify(path)
    if kind is False:
        try:
            return path, "binary file" if is_binary(path) else "unsupported file type"
        except OSError as exc:
            return path, f"unreadable: {exc.strerror or exc}"
    real = os.path.realpath(path)
    if real in seen:
        return None
    seen.add(real)
    return Candidate(path, kind if isinstance(kind, str) else None, tree, explicit=True)


def _tree(root: Path, exclude: tuple[str, ...], seen: set[str]) -> Iterator[Walked]:
    tree = _resolved_dir(str(root))
    listed = _git_listed(root)
    files = sorted(listed) if listed is not None else list(_walk(root))
    kept: list[tuple[Path, str | None, str, bool]] = []  # path, language, real path, is a link
    # Walked and git-listed paths are `root / rel`, which pathlib spells "rel" when root is ".".
    prefix = 0 if str(root) == "." else len(str(root).rstrip(os.sep)) + 1
    for path in files:
        rel = str(path)[prefix:]
        if any(part in SKIP_DIRS for part in rel.split(os.sep)) or excluded(path, root, exclude):
            continue
        link = path.is_symlink()
        if link:
            why = link_refusal(path, tree)
            if why is not None:
                yield path, why
                continue
        if not path.is_file():  # links to folders, sockets, devices
            continue
        kind = classify(path)
        if kind is False:
            continue
        # The walk never enters a linked folder, so a plain file's real path is the tree's plus rel.
        real = os.path.realpath(path) if link else os.path.join(tree, rel)
        kept.append((path, kind if isinstance(kind, str) else None, real, link))
    # A link to a file the walk reaches anyway is passed over: the file is scanned under its own name.
    plain = {real for _, _, real, link in kept if not link}
    for path, language, real, link in kept:
        if real in seen or (link and real in plain):
            continue
        seen.add(real)
        yield Candidate(path, language, tree)
