"""Proof by running for the workflow TLS fix: each step's `run:` script of the original and the
fixed case is run by bash with stand-ins for the download tools that record their arguments. The
fixed workflow makes the same calls with the same arguments, less the switches that turned
certificate checks off, which the original did pass."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from drivers.dockerfile_cases import record_calls, without_insecure

CASES = Path(__file__).parent / "fixes" / "github-actions" / ".github" / "workflows"
TOOLS = ("curl", "wget", "pip", "tar", "sort")


def _scripts(path: Path) -> list[str]:
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [step["run"] for job in workflow["jobs"].values() for step in job["steps"] if "run" in step]


def test_workflow_tls_fix_drops_only_the_switches(tmp_path: Path) -> None:
    if shutil.which("bash") is None:
        pytest.skip("bash is needed to run the steps")
    before = record_calls(_scripts(CASES / "fetch.yml"), tmp_path / "before", TOOLS)
    after = record_calls(_scripts(CASES / "fetch.fixed.yml"), tmp_path / "after", TOOLS)
    assert len([c for c in before if without_insecure(c) != c]) == 4, "the original must switch checks off"
    # the commands of a pipeline run at the same time: compare the calls, not their order
    assert sorted(without_insecure(c) for c in before) == sorted(after)
    assert ["sort", "-k", "2", "list.txt"] in after  # another tool's `-k` is left alone
