"""Proof by running for the `pull_request_target` checkout fix: local git repositories stand in for
the base repository (with GitHub's `refs/pull/N/head` and `refs/pull/N/merge`) and the contributor's
fork, a stand-in for actions/checkout fetches what its inputs name the way the action does (no
`repository:` is the workflow's own repository, no `ref:` is the event's commit, `github.sha`), and
each job's `run:` steps are run by bash in the checked-out tree.

A contributor whose head changes the CI scripts runs them with the original workflow and not with
the fixed one; for a pull request whose head is the base commit, both give the same output. The
fixed file is the original less the checkout inputs that named the head.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

CASES = Path(__file__).parent / "fixes" / "github-actions" / ".github" / "workflows"
_EXPRESSION = re.compile(r"\$\{\{\s*([\w.]+)\s*\}\}")
_BASE_SCRIPT = '#!/bin/sh\necho "{name}: passed on $(cat VERSION)"\n'
_HEAD_SCRIPT = '#!/bin/sh\ntouch "$PWNED"\necho "{name}: the contributor\'s code ran"\n'


def _git(cwd: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "ci", "GIT_AUTHOR_EMAIL": "ci@example.com"}
    env |= {"GIT_COMMITTER_NAME": "ci", "GIT_COMMITTER_EMAIL": "ci@example.com", "GIT_CONFIG_NOSYSTEM": "1"}
    done = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def _commit_scripts(repo: Path, template: str, message: str) -> str:
    for name in ("test", "lint"):
        script = repo / "ci" / f"{name}.sh"
        script.parent.mkdir(exist_ok=True)
        script.write_text(template.format(name=name))
        script.chmod(0o755)
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", message)
    return _git(repo, "rev-parse", "HEAD")


def _repositories(tmp: Path, change_scripts: bool) -> dict[str, str]:
    """The base repository `org/app` and the fork `contributor/app`, and the event's values."""
    base, fork = tmp / "org-app", tmp / "contributor-app"
    base.mkdir(parents=True)
    _git(base, "init", "-q", "-b", "main")
    (base / "VERSION").write_text("1.4.0\n")
    base_sha = _commit_scripts(base, _BASE_SCRIPT, "base")
    _git(tmp, "clone", "-q", str(base), str(fork))
    head_sha = _commit_scripts(fork, _HEAD_SCRIPT, "improve the CI scripts") if change_scripts else base_sha
    # what GitHub keeps in the base repository for pull request 7
    _git(base, "fetch", "-q", str(fork), f"{head_sha}:refs/pull/7/head")
    _git(base, "checkout", "-q", "-b", "merge-7")
    _git(base, "merge", "-q", "--no-ff", "-m", "merge 7", "refs/pull/7/head")
    _git(base, "update-ref", "refs/pull/7/merge", "HEAD")
    _git(base, "checkout", "-q", "main")
    _git(base, "branch", "-q", "-D", "merge-7")
    return {
        "repo:org/app": str(base),
        "repo:contributor/app": str(fork),
        "github.repository": "org/app",
        "github.sha": base_sha,
        "github.event.number": "7",
        "github.event.pull_request.head.sha": head_sha,
        "github.event.pull_request.head.repo.full_name": "contributor/app",
    }


def _expand(text: str, context: dict[str, str]) -> str:
    return _EXPRESSION.sub(lambda m: context[m.group(1)], text)


def _checkout(inputs: dict[str, Any], context: dict[str, str], workspace: Path) -> str:
    """What actions/checkout fetches for these inputs; the commit it checked out."""
    repository = _expand(str(inputs.get("repository", "${{ github.repository }}")), context)
    ref = _expand(str(inputs.get("ref", "${{ github.sha }}")), context)
    _git(workspace, "init", "-q")
    _git(workspace, "fetch", "-q", context[f"repo:{repository}"], ref)
    _git(workspace, "checkout", "-q", "FETCH_HEAD")
    return _git(workspace, "rev-parse", "HEAD")


def _run(path: Path, context: dict[str, str], work: Path) -> tuple[list[str], list[str]]:
    """(commits checked out, each run step's output) for every job of the workflow."""
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    checked_out, outputs = [], []
    env = {**os.environ, "PWNED": str(work / "pwned")}
    for name, job in workflow["jobs"].items():
        workspace = work / name
        workspace.mkdir(parents=True)
        for step in job["steps"]:
            if str(step.get("uses", "")).startswith("actions/checkout@"):
                checked_out.append(_checkout(step.get("with") or {}, context, workspace))
            elif "run" in step:
                program = ["bash", "-e", "-c", _expand(step["run"], context)]
                done = subprocess.run(
                    program, cwd=workspace, env=env, capture_output=True, text=True, timeout=30
                )
                outputs.append(done.stdout + done.stderr)
    return checked_out, outputs


@pytest.fixture
def case() -> tuple[Path, Path]:
    if shutil.which("bash") is None or shutil.which("git") is None:
        pytest.skip("bash and git are needed to run the workflow's checkouts and steps")
    return CASES / "pr_checks.yml", CASES / "pr_checks.fixed.yml"


def test_checkout_fix_stops_running_the_contributors_code(case: tuple[Path, Path], tmp_path: Path) -> None:
    original, fixed = case
    context = _repositories(tmp_path / "repos", change_scripts=True)
    before, after = tmp_path / "before", tmp_path / "after"
    commits, outputs = _run(original, context, before)
    assert (before / "pwned").exists(), "the original must run the head's code, or the driver proves nothing"
    assert commits[0] == context["github.event.pull_request.head.sha"] and commits[1] != context["github.sha"]
    commits, outputs = _run(fixed, context, after)
    assert not (after / "pwned").exists()
    assert commits == [context["github.sha"]] * 2
    assert outputs == ["", "test: passed on 1.4.0\n", "lint: passed on 1.4.0\n"]


def test_checkout_fix_keeps_a_pull_request_that_changes_nothing(
    case: tuple[Path, Path], tmp_path: Path
) -> None:
    original, fixed = case
    context = _repositories(tmp_path / "repos", change_scripts=False)
    assert _run(fixed, context, tmp_path / "after")[1] == _run(original, context, tmp_path / "before")[1]


def _without_head_inputs(workflow: Any) -> Any:
    """The workflow with the checkout inputs that name the head removed (and `with:` if it empties)."""
    for job in workflow["jobs"].values():
        for step in job["steps"]:
            inputs = step.get("with") or {}
            for key in ("ref", "repository"):
                if "pull_request.head" in str(inputs.get(key)) or "refs/pull/" in str(inputs.get(key)):
                    del inputs[key]
            if "with" in step and not inputs:
                del step["with"]
    return workflow


def test_checkout_fix_removes_only_the_inputs_naming_the_head(case: tuple[Path, Path]) -> None:
    original, fixed = (yaml.safe_load(p.read_text(encoding="utf-8")) for p in case)
    assert _without_head_inputs(original) == fixed != yaml.safe_load(case[0].read_text(encoding="utf-8"))
