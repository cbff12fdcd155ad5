"""The package type-checks cleanly under the strict mypy settings in pyproject.toml."""

from __future__ import annotations

import importlib.util
import re
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


def test_the_package_defines_records_not_dataclasses() -> None:
    # `dataclasses` costs every command its import of `inspect` and six compiled methods per class
    # (see records.py); its functions also refuse records. Only the pydantic bridge may use it.
    src = Path(__file__).resolve().parents[1] / "src" / "vsguard"
    offenders = [
        str(p.relative_to(src))
        for p in src.rglob("*.py")
        if p.name != "records_pydantic.py"
        and re.search(r"^\s*(import dataclasses|from dataclasses )", p.read_text(), re.M)
    ]
    assert not offenders, f"use vsguard.records instead of dataclasses in: {offenders}"
