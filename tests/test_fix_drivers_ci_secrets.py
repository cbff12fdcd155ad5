"""Proof for the workflow secret fix: the fixed file parses to the same workflow, except that each
literal credential became a `${{ secrets.NAME }}` expression, and the runner's expansion of that
expression with the secret holding the old value gives the step exactly what it had before."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

CASES = Path(__file__).parent / "fixes" / "github-actions" / ".github" / "workflows"
_SECRET_REF = re.compile(r"^\$\{\{\s*secrets\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$")


def _differences(before: Any, after: Any, where: str = "") -> list[tuple[str, Any, Any]]:
    if isinstance(before, dict) and isinstance(after, dict):
        assert before.keys() == after.keys(), where
        return [d for k in before for d in _differences(before[k], after[k], f"{where}.{k}")]
    if isinstance(before, list) and isinstance(after, list):
        assert len(before) == len(after), where
        pairs = enumerate(zip(before, after, strict=True))
        return [d for i, (b, a) in pairs for d in _differences(b, a, f"{where}[{i}]")]
    return [] if before == after else [(where, before, after)]


def test_secret_fix_changes_only_the_literals_into_secret_references() -> None:
    before = yaml.safe_load((CASES / "deploy.yml").read_text(encoding="utf-8"))
    after = yaml.safe_load((CASES / "deploy.fixed.yml").read_text(encoding="utf-8"))
    changed = _differences(before, after)
    assert len(changed) == 3, changed
    secrets: dict[str, str] = {}
    for where, old, new in changed:
        m = _SECRET_REF.match(str(new))
        assert m, f"{where}: {new!r} is not a secrets reference"
        name = m.group(1)
        assert not name.startswith("GITHUB_") and secrets.setdefault(name, old) == old, where
        # what the runner hands the step once the secret holds the old value
        assert _SECRET_REF.sub(lambda r: secrets[r.group(1)], str(new)) == old
    assert all(isinstance(v, str) and v for v in secrets.values())
