"""One place where a project's settings file and the command line become a scan's `Policy`.

`vsguard scan` and the agent hooks both build their policy here, so a setting means the same
thing at every door; flags given on the command line win over the file.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from vsguard.baseline import ProjectPaths, load_baseline
from vsguard.models import Confidence, Finding, Severity
from vsguard.project_config import ConfigError, ProjectConfig
from vsguard.records import field, record
from vsguard.verdict import Policy

# An agent is stopped only for what is worth stopping for, unless the project says otherwise.
DEFAULT_HOOK_THRESHOLD = Severity.HIGH


@record(frozen=True)
class ScanSettings:
    """The policy, rules, excludes and paths a scan runs with."""

    policy: Policy
    rule_ids: tuple[str, ...] | None
    exclude: tuple[str, ...]
    paths: ProjectPaths
    baseline_key: Callable[[Finding], str] | None = field(default=None, compare=False)


def _known_rule_ids() -> frozenset[str]:
    from vsguard.rules.loader import load_rules

    return frozenset(r.id for r in load_rules())


def check_rule_ids(ids: Sequence[str], where: str = "") -> None:
    """Every id names a rule that exists; `ValueError` (`ConfigError` from a file) names the nearest."""
    known = _known_rule_ids()
    for rule_id in ids:
        if rule_id not in known:
            import difflib  # only when there is a typo to correct

            near = difflib.get_close_matches(rule_id, known, n=1)
            hint = f"; did you mean {near[0]}?" if near else "; `vsguard rules` lists them"
            message = f"unknown rule id {rule_id!r}{hint}"
            raise ConfigError(f"{where}: {message}") if where else ValueError(message)


def rule_selection(config: ProjectConfig, cli_rules: Sequence[str] = ()) -> tuple[str, ...] | None:
    """Rules to run: `--rule` if given, else the file's `enable` minus its `disable`; None is all."""
    if cli_rules:
        return tuple(cli_rules)
    if not (config.enable or config.disable):
        return None
    check_rule_ids(config.enable, f"{config.source}: enable")
    check_rule_ids(config.disable, f"{config.source}: disable")
    chosen = config.enable or tuple(sorted(_known_rule_ids()))
    return tuple(r for r in chosen if r not in set(config.disable))


def build_settings(
    config: ProjectConfig,
    scan_roots: Sequence[Path] = (),
    *,
    min_severity: Severity | None = None,
    min_confidence: Confidence | None = None,
    fail_on: Severity | None = None,
    baseline: Path | None = None,
    allow_incomplete: bool = False,
    rules: Sequence[str] = (),
    exclude: Sequence[str] = (),
    keep: tuple[str, Callable[[Finding], bool]] | None = None,
    cwd: Path | None = None,
) -> ScanSettings:
    """The settings of one scan: each value from the command line if given, else from the file."""
    paths = ProjectPaths(scan_roots, cwd)
    baseline_file = baseline or config.baseline
    keys = load_baseline(baseline_file, paths) if baseline_file is not None else frozenset()
    policy = Policy(
        min_severity=min_severity or config.min_severity or Severity.INFO,
        min_confidence=min_confidence or config.min_confidence or Confidence.LOW,
        fail_on=fail_on or config.fail_on,
        baseline=keys,
        allow_incomplete=allow_incomplete or bool(config.allow_incomplete),
        keep=keep,
    )
    return ScanSettings(
        policy=policy,
        rule_ids=rule_selection(config, rules),
        exclude=tuple(exclude) or config.exclude,
        paths=paths,
        baseline_key=paths.key if keys else None,
    )
