"""Diff-aware scans: which files and lines changed since a git revision (or are staged).

`vsguard scan --diff REF`, `--staged` and the agents' stop hooks report only findings on lines
added or changed since REF. The scan itself is unchanged; a `Policy.keep` predicate built here
drops the rest (counted as "unchanged" in the summary).
"""

from __future__ import annotations

import codecs
import os
import re
import subprocess
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from vsguard.models import Finding, ScanResult, SkipKind, Skipped
from vsguard.records import record

# What `git diff` compares against in a repository without any commit yet.
EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"
_GIT_SECONDS = 30
_HUNK = re.compile(rb"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")


class GitError(ValueError):
    """Not a repository, an unknown revision, or git itself missing: one line for the user."""


# Lines added or changed per file (absolute, resolved path); None means the whole file is new.
ChangedLines = dict[Path, frozenset[int] | None]


def _git(cwd: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(
            ["git", "-c", "core.quotepath=false", *args],
            cwd=cwd,
            capture_output=True,
            timeout=_GIT_SECONDS,
            check=False,
        )
    except FileNotFoundError:
        raise GitError("git is not installed (needed for --diff and --staged)") from None
    except subprocess.TimeoutExpired:
        raise GitError(f"git {args[0]} took longer than {_GIT_SECONDS} s") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(message[0] if message else f"git {args[0]} failed")
    return done.stdout


def repo_root(start: Path) -> Path:
    here = start if start.is_dir() else start.parent
    try:
        out = _git(here, "rev-parse", "--show-toplevel")
    except GitError:
        raise GitError(f"not in a git repository: {start}") from None
    return Path(os.path.realpath(out.decode("utf-8", "surrogateescape").strip()))


def has_commits(root: Path) -> bool:
    try:
        _git(root, "rev-parse", "--verify", "--quiet", "HEAD^{commit}")
    except GitError:
        return False
    return True


def check_revision(root: Path, ref: str) -> None:
    if not ref or ref.startswith("-"):
        raise GitError(f"not a git revision: {ref!r}")
    try:
        _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    except GitError:
        raise GitError(f"unknown git revision {ref!r}") from None


def _unquote(raw: bytes) -> str:
    """A path as `git diff` prints it: C-quoted when it holds unusual characters."""
    if raw.startswith(b'"') and raw.endswith(b'"'):
        unescaped, _ = codecs.escape_decode(raw[1:-1])
        raw = unescaped
    return raw.decode("utf-8", "surrogateescape")


def parse_unified_zero(patch: bytes, root: Path) -> ChangedLines:
    """Added lines per file from `git diff --unified=0` output."""
    changed: dict[Path, set[int]] = {}
    current: set[int] | None = None
    for line in patch.splitlines():
        if line.startswith(b"+++ "):
            target = line[4:]
            if target == b"/dev/null":  # a deleted file: nothing added
                current = None
                continue
            name = _unquote(target)
            name = name[2:] if name.startswith("b/") else name
            current = changed.setdefault(Path(os.path.realpath(root / name)), set())
        elif current is not None and (match := _HUNK.match(line)):
            start, count = int(match[1]), int(match[2]) if match[2] is not None else 1
            current.update(range(start, start + count))
    return {path: frozenset(lines) for path, lines in changed.items()}


def untracked_files(root: Path) -> list[Path]:
    out = _git(root, "ls-files", "-z", "--others", "--exclude-standard")
    names = [n for n in out.decode("utf-8", "surrogateescape").split("\0") if n]
    return [Path(os.path.realpath(root / n)) for n in names]


@record(frozen=True)
class DiffScope:
    """What changed in one repository since `ref` (or in the index, when `staged`)."""

    root: Path
    changed: ChangedLines

    def files(self) -> list[Path]:
        return sorted(p for p in self.changed if p.is_file())

    def keep(self, cwd: Path | None = None) -> tuple[str, Callable[[Finding], bool]]:
        return ("unchanged", touches_changed_lines(self.changed, cwd or Path.cwd()))


def diff_scope(start: Path, ref: str | None, staged: bool = False) -> DiffScope:
    """Changed lines since `ref` (HEAD when None). Without `staged`, the working tree is compared
    and untracked files count as wholly added; with it, only what is staged counts."""
    root = repo_root(start)
    if ref is None:
        ref = "HEAD" if has_commits(root) else EMPTY_TREE
    else:
        check_revision(root, ref)
    args = ["diff", "--unified=0", "--no-color", "--no-ext-diff", "--src-prefix=a/", "--dst-prefix=b/"]
    if staged:
        args.append("--cached")
    patch = _git(root, *args, ref, "--")
    changed: ChangedLines = dict(parse_unified_zero(patch, root))
    if not staged:
        for path in untracked_files(root):
            changed[path] = None
    return DiffScope(root=root, changed=changed)


def touches_changed_lines(
    changed: Mapping[Path, frozenset[int] | None], cwd: Path
) -> Callable[[Finding], bool]:
    """True for a finding whose flagged lines (or any step of its data flow) were added or changed."""
    resolved: dict[str, Path] = {}

    def keep(finding: Finding) -> bool:
        if finding.path is None:
            return False
        path = resolved.get(finding.path)
        if path is None:
            path = resolved[finding.path] = Path(os.path.realpath(cwd / finding.path))
        if path not in changed:
            return False
        lines = changed[path]
        if lines is None:
            return True
        loc = finding.location
        flagged = set(range(loc.start_line, loc.end_line + 1)) | {step.line for step in finding.trace}
        return not flagged.isdisjoint(lines)

    return keep


def staged_blob(root: Path, path: Path, limit: int) -> bytes | tuple[SkipKind, str]:
    """The staged content of `path`, or why it cannot be scanned."""
    name = path.relative_to(root).as_posix()
    try:
        size = int(_git(root, "cat-file", "-s", f":{name}").strip() or 0)
    except (GitError, ValueError):
        return SkipKind.UNREADABLE, "not in the index"
    if size > limit:
        return SkipKind.TOO_LARGE, f"larger than {limit} bytes (VSGUARD_MAX_FILE_BYTES)"
    return _git(root, "show", f":{name}")


def scan_staged(scope: DiffScope, files: Sequence[Path], rule_ids: Sequence[str] | None) -> ScanResult:
    """Scan what is staged for `files` (named as given), not the working tree: with unstaged edits
    on top, the staged lines are what the commit will hold and what the line numbers refer to."""
    from vsguard.config import Limits
    from vsguard.engine.files import classify
    from vsguard.engine.scanner import scan_text
    from vsguard.verdict import summarize

    limits = Limits.from_env()
    findings: list[Finding] = []
    skipped: list[Skipped] = []
    scanned = 0
    for shown in files:
        language = classify(shown)
        if language is False:
            continue
        blob = staged_blob(scope.root, Path(os.path.realpath(shown)), limits.max_file_bytes)
        if isinstance(blob, tuple):
            skipped.append(Skipped(path=str(shown), reason=blob[1], kind=blob[0]))
            continue
        if b"\0" in blob[:8192]:
            continue  # binary, as in a path scan
        try:
            text = blob.decode("utf-8")
        except UnicodeDecodeError as exc:
            reason = f"not text in a known encoding ({exc.reason})"
            skipped.append(Skipped(path=str(shown), reason=reason, kind=SkipKind.NOT_TEXT))
            continue
        lang = language if isinstance(language, str) else None
        result = scan_text(text, lang, rule_ids, limits, str(shown))
        findings.extend(result.findings)
        skipped.extend(result.skipped)
        scanned += 1
    return ScanResult(
        language=None,
        findings=tuple(findings),
        summary=summarize(findings, skipped),
        skipped=tuple(skipped),
        files_scanned=scanned,
    )
