"""What an agent's edit introduced, and what its uncommitted changes add, under the project's policy.

Both go through `apply_policy`: the project's thresholds and baseline apply as in `vsguard scan`;
the hook threshold is the failure threshold; and the findings that were already there before the
edit (or on lines untouched since HEAD) are left out by `Policy.keep`.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Iterable
from pathlib import Path

from vsguard.baseline import content_fingerprint
from vsguard.config import Limits
from vsguard.models import Finding, Location, ScanResult, Severity, Skipped
from vsguard.records import record, replace
from vsguard.scan_settings import ScanSettings
from vsguard.verdict import Policy, apply_policy

_GIT_SECONDS = 10


def inside(path: Path, project: Path) -> bool:
    return path == project or path.is_relative_to(project)


def hook_policy(settings: ScanSettings, threshold: Severity) -> Policy:
    """The scan's policy with the hook threshold as the failure threshold. Findings below what the
    project shows are not shown to the agent either."""
    return replace(settings.policy, fail_on=threshold)


@record(frozen=True)
class EditCheck:
    """What one edit introduced: the findings new in the edited file."""

    path: str  # as shown to the agent: relative to the project (findings carry the absolute path)
    result: ScanResult  # filtered: only what the edit introduced

    @property
    def failing(self) -> list[Finding]:
        threshold = self.result.summary.threshold
        return [f for f in self.result.findings if not f.suppressed and f.severity.rank >= threshold.rank]

    @property
    def gaps(self) -> list[Skipped]:
        return [s for s in self.result.skipped if s.incomplete]


def _occurrences(findings: Iterable[Finding]) -> dict[tuple[str, Location], str]:
    """A key per finding: what it flags, and which occurrence of that it is in the file. Counting
    occurrences keeps a second copy of an existing flaw from hiding behind the first."""
    seen: dict[str, int] = {}
    keys: dict[tuple[str, Location], str] = {}
    for f in sorted(findings, key=lambda f: (f.location.start_line, f.location.start_column)):
        base = content_fingerprint(f)
        n = seen.get(base, 0)
        seen[base] = n + 1
        keys[(f.rule_id, f.location)] = f"{base}#{n}"
    return keys


def _new_since(before: ScanResult, after: ScanResult) -> Callable[[Finding], bool]:
    known = set(_occurrences(before.findings).values())
    now = _occurrences(after.findings)
    return lambda f: now.get((f.rule_id, f.location)) not in known


def committed_text(path: Path, limit: int) -> str | None:
    """The file as committed at HEAD, or None (not in git, not tracked, git missing, over `limit`)."""
    try:
        done = subprocess.run(
            ["git", "show", f"HEAD:./{path.name}"],
            cwd=path.parent,
            capture_output=True,
            timeout=_GIT_SECONDS,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if done.returncode != 0 or len(done.stdout) > limit:
        return None
    return done.stdout.decode("utf-8", "replace")


def _read_text(path: Path) -> str | None:
    """The edited file's text, for undoing the edit; None when it cannot be read as UTF-8 (then the
    edit is compared with HEAD instead)."""
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def check_edit(
    project: Path,
    file_path: str,
    settings: ScanSettings,
    threshold: Severity,
    *,
    after: str | None = None,
    before: str | None = None,
    rebuild_before: Callable[[str], str | None] | None = None,
) -> EditCheck | None:
    """Check one edited file. `after` is its content (read from disk when None); `before` the
    content before the edit, else what `rebuild_before(after)` gives, else HEAD's, else nothing
    (every finding counts as new). None when the file is outside the project or not code we read."""
    from vsguard.engine.files import SKIP_DIRS, classify, excluded
    from vsguard.engine.scanner import scan_text

    absolute = Path(os.path.realpath(project / file_path))
    if not inside(absolute, project) or absolute == project:
        return None
    if any(part in SKIP_DIRS for part in absolute.relative_to(project).parts):
        return None  # a virtualenv, node_modules, .git: not the project's code, as in `vsguard scan`
    language = classify(absolute)
    if language is False or excluded(absolute, project, settings.exclude):
        return None
    shown = absolute.relative_to(project).as_posix()
    lang = language if isinstance(language, str) else None
    limits = Limits.from_env()
    rules = list(settings.rule_ids) if settings.rule_ids is not None else None
    policy = hook_policy(settings, threshold)
    now = after if after is not None else _read_text(absolute)
    if before is None and rebuild_before is not None and now is not None:
        before = rebuild_before(now)
    if before is None:
        before = committed_text(absolute, limits.max_file_bytes)
    unchanged = before is not None and before == now  # the same text has the same findings
    scanned, earlier = _scans(absolute, lang, after, None if unchanged else before, rules, limits, threshold)
    first = apply_policy(scanned, policy, settings.baseline_key)
    if not first.summary.failing or before is None:  # nothing failing, or nothing to compare with
        return EditCheck(shown, first)
    if unchanged:
        keep: tuple[str, Callable[[Finding], bool]] = ("unchanged", lambda _: False)
    else:
        if earlier is None:  # the worker could not say: compare here
            earlier = scan_text(before, lang, rules, limits, str(absolute))
        keep = ("unchanged", _new_since(earlier, scanned))
    return EditCheck(shown, apply_policy(scanned, replace(policy, keep=keep), settings.baseline_key))


_Scans = tuple[ScanResult, ScanResult | None]


def edit_scans(
    path: Path,
    language: str | None,
    after: str | None,
    before: str | None,
    rules: list[str] | None,
    limits: Limits,
    threshold: Severity,
) -> _Scans:
    """The edited file's scan and, when it reports anything at or above `threshold`, the scan of
    `before` too, with the rules that did (the caller's policy decides what counts): both in one
    process, so the second scan finds the rules, patterns and catalogs the first one prepared."""
    from vsguard.engine.scanner import scan_paths, scan_text

    if after is None:  # the walk's reader: size limit, binary check, encodings, reasons
        scanned = scan_paths([path], rule_ids=rules, limits=limits)
    else:
        scanned = scan_text(after, language, rules, limits, str(path))
    # Only findings of the rules that report something at the threshold can be new: the old
    # content is scanned with those rules alone.
    at_risk = sorted(
        {f.rule_id for f in scanned.findings if not f.suppressed and f.severity.rank >= threshold.rank}
    )
    if before is None or not at_risk:
        return scanned, None
    return scanned, scan_text(before, language, at_risk, limits, str(path))


def _scans(
    path: Path,
    language: str | None,
    after: str | None,
    before: str | None,
    rules: list[str] | None,
    limits: Limits,
    threshold: Severity,
) -> _Scans:
    """`edit_scans` in one worker process (see `engine.isolation`); if the worker fails, the
    scanner's own path scan says why (and still reports secrets), without the comparison."""
    from vsguard.engine.scanner import scan_paths

    inner = replace(limits, isolation=False)
    args = (path, language, after, before, rules, inner, threshold)
    if not limits.isolation:
        return edit_scans(*args)
    from vsguard.engine import isolation

    call = isolation.Call(edit_scans, args, 2 * limits.max_seconds_per_file)
    (outcome,) = isolation.run_all([call], 1, limits)
    if isinstance(outcome, isolation.WorkerFailure):
        return scan_paths([path], rule_ids=rules, limits=limits), None
    scans: _Scans = outcome
    return scans


def check_changes(project: Path, settings: ScanSettings, threshold: Severity) -> ScanResult | None:
    """Findings on lines added or changed since HEAD (untracked files included) inside the project;
    None when the project is not in a git repository."""
    from vsguard.diffscope import GitError, diff_scope
    from vsguard.engine.files import classify, excluded
    from vsguard.engine.scanner import scan_paths

    try:
        scope = diff_scope(project, None)
    except GitError:
        return None
    files = [
        p
        for p in scope.files()
        if inside(p, project) and classify(p) is not False and not excluded(p, project, settings.exclude)
    ]
    rules = list(settings.rule_ids) if settings.rule_ids is not None else None
    raw = scan_paths(files, rule_ids=rules)
    policy = replace(hook_policy(settings, threshold), keep=scope.keep(project))
    return apply_policy(raw, policy, settings.baseline_key)
