"""The package type-checks cleanly under the strict mypy settings in pyproject.toml."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.timeout(600)
@pytest.mark.skipif(importlib.util.find_spec("mypy") is None, reason="mypy is not installed (test extra)")
def test_mypy_strict_reports_no_errors(tmp_path: Path) -> None:
    # A fresh cache dir keeps the run independent of (and from writing into) the checkout.
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path), "--no-error-summary"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=590,
    )
    assert result.returncode == 0, f"mypy found errors:\n{result.stdout}{result.stderr}"
