"""Reference data in ../shared beside the project root, read only by tests."""

from __future__ import annotations

import csv
import json
from functools import cache
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SHARED = PROJECT_ROOT.parent / "shared"


def shared_file(*parts: str) -> Path:
    """Path to a reference file, or skip the test with a reason when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"reference data {path} is absent (it lives in ../shared beside the project)")
    return path


def official_level(row: dict) -> int | None:
    """Lowest level with any mark. 5.0.0 has a single `L`; 4.0.3 has ticks (sometimes words)."""
    if "L" in row:
        return int(row["L"]) if str(row["L"]).strip() else None
    for n, key in enumerate(("level1", "level2", "level3"), start=1):
        if str(row.get(key, "")).strip():
            return n
    return None


@cache
def official_requirements(path: Path) -> dict[str, dict]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return {r["req_id"]: r for r in data["requirements"]}


@cache
def cwe_ids(path: Path) -> frozenset[int]:
    with path.open(encoding="utf-8", newline="") as fh:
        return frozenset(int(row["CWE-ID"]) for row in csv.DictReader(fh))
