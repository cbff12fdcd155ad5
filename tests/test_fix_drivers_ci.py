"""Proof by running for workflow fixes: the steps of tests/fixes/github-actions are run the way the
runner runs them, before and after the rewrite.

The runner replaces every `${{ expr }}` in a step's `run:` (and github-script's `script:`) with the
value's text before the shell (or Node) sees it; `env:` values are expanded the same way but reach
the program as data. The driver does exactly that with an event payload: benign titles must give
the same output before and after, and an attacker's title must run its command only before.
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


def _expand(text: str, context: dict[str, str]) -> str:
    return _EXPRESSION.sub(lambda m: context.get(m.group(1), ""), text)


def _steps(path: Path) -> list[dict[str, Any]]:
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


_NODE_PRELUDE = "const core = { info: (m) => console.log(String(m)) };\n"


def _run_workflow(path: Path, context: dict[str, str], work: Path) -> list[str]:
    """Each step's output, as the runner would produce it."""
    outputs = []
    for step in _steps(path):
        env = {**os.environ, **{k: _expand(str(v), context) for k, v in (step.get("env") or {}).items()}}
        if "run" in step:
            program = ["bash", "-e", "-c", _expand(step["run"], context)]
        elif str(step.get("uses", "")).startswith("actions/github-script@"):
            script = _expand(step["with"]["script"], context)
            program = ["node", "-e", f"{_NODE_PRELUDE}(async () => {{\n{script}\n}})()"]
        else:
            continue
        done = subprocess.run(program, cwd=work, env=env, capture_output=True, text=True, timeout=30)
        outputs.append(done.stdout + done.stderr)
    return outputs


def _event(title: str, body: str = "Steps to reproduce", head_ref: str = "fix/login") -> dict[str, str]:
    return {"github.event.issue.title": title, "github.event.issue.body": body, "github.head_ref": head_ref}


# Text without shell or JavaScript syntax: what the original workflow handles correctly.
BENIGN = [
    _event("Login fails on Safari"),
    _event("Crash on the settings page, v2.1", body="a  b", head_ref="x-1"),
]
ATTACKS = {
    "shell via the title": _event('x"; touch pwned; echo "'),
    "shell via the body": _event("t", body="$(touch pwned)"),
    "shell via the branch": _event("t", head_ref="'$(touch${IFS}pwned)'"),
    "javascript via the title": _event("'; require('fs').writeFileSync('pwned', ''); //"),
}


@pytest.fixture
def case() -> tuple[Path, Path]:
    if shutil.which("bash") is None or shutil.which("node") is None:
        pytest.skip("bash and node are needed to run the workflow steps")
    return CASES / "greet.yml", CASES / "greet.fixed.yml"


@pytest.mark.parametrize("event", BENIGN, ids=["plain", "punctuation"])
def test_workflow_fix_keeps_benign_output(
    case: tuple[Path, Path], event: dict[str, str], tmp_path: Path
) -> None:
    original, fixed = case
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    assert _run_workflow(fixed, event, tmp_path / "b") == _run_workflow(original, event, tmp_path / "a")
    assert (tmp_path / "a" / "body.txt").read_text() == (tmp_path / "b" / "body.txt").read_text()


@pytest.mark.parametrize("name", sorted(ATTACKS))
def test_workflow_fix_stops_the_injection(case: tuple[Path, Path], name: str, tmp_path: Path) -> None:
    original, fixed = case
    before, after = tmp_path / "before", tmp_path / "after"
    before.mkdir()
    after.mkdir()
    _run_workflow(original, ATTACKS[name], before)
    assert (before / "pwned").exists(), "the attack must work on the original, or the driver proves nothing"
    _run_workflow(fixed, ATTACKS[name], after)
    assert not (after / "pwned").exists()


# Every workflow case with an expected file, and the test file whose driver runs it.
WORKFLOW_DRIVERS = {
    "deploy": "test_fix_drivers_ci_secrets.py",
    "fetch": "test_fix_drivers_ci_tls.py",
    "greet": "test_fix_drivers_ci.py",
    "pr_checks": "test_fix_drivers_ci_checkout.py",
}


def test_every_workflow_case_has_a_driver() -> None:
    expected = sorted(p.name.split(".fixed.")[0] for p in CASES.glob("*.fixed.*"))
    assert sorted(WORKFLOW_DRIVERS) == expected
    for case, driver in WORKFLOW_DRIVERS.items():
        assert f'"{case}.fixed.yml"' in (Path(__file__).parent / driver).read_text(encoding="utf-8"), case
