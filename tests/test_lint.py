"""The code base stays ruff-clean (lint and format), as the project's standards require."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from refdata import PROJECT_ROOT

TARGETS = ["src", "tests", "benchmarks", "scripts"]


@pytest.mark.parametrize("command", [["check"], ["format", "--check"]], ids=["lint", "format"])
def test_ruff(command: list[str]) -> None:
    ruff = shutil.which("ruff")
    if ruff is None:
        pytest.skip("ruff is not installed (it comes with the test extra)")
    targets = [t for t in TARGETS if (PROJECT_ROOT / t).exists()]
    out = subprocess.run([ruff, *command, *targets], cwd=PROJECT_ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout[-4000:] + out.stderr[-2000:]
