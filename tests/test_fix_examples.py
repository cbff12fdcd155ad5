"""`vsguard fix --apply` on copies of examples/vulnerable: no finding of a fixable rule is left (with
--accept-review; without it, exactly the needs-review ones), and the program still works: the
drivers call every route of the original and the fixed copy, benign and under attack.

Only this suite runs the bundled examples (with fakes for Flask and Express); vsguard never runs
the code it scans or fixes.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from drivers import example_app
from drivers.js_checks import USERS, sqlite_rows

from vsguard.cli import main
from vsguard.engine.files import classify
from vsguard.engine.scanner import scan_text
from vsguard.fixes import fixable_rule_ids, suggest_fix
from vsguard.models import FixStatus

EXAMPLES = Path(__file__).parent.parent / "examples" / "vulnerable"
SERVER_HARNESS = Path(__file__).parent / "drivers" / "js" / "example_server.js"
MODES = {"apply": ["--apply"], "accept-review": ["--apply", "--accept-review"]}


def _needs_review(path: Path) -> set[str]:
    result = suggest_fix(path.read_text(encoding="utf-8"), filename=path.name)
    return {f.rule_id for f in result.fixes if f.status is FixStatus.NEEDS_REVIEW}


def _fixed_copies(tmp: Path, mode: str) -> tuple[Path, dict[str, set[str]]]:
    """The examples copied to tmp/fixed and fixed there; per file, the needs-review rules applied."""
    target = tmp / "fixed"
    target.mkdir()
    copies = [Path(shutil.copy(EXAMPLES / name, target / name)) for name in ("app.py", "server.js")]
    review = {p.name: _needs_review(p) for p in copies}
    assert all(review.values()), "each example has a fix that needs review"
    exit_code = main(["fix", *MODES[mode], *map(str, copies)])
    applied = review if mode == "accept-review" else {name: set() for name in review}
    remaining = False
    for copy in copies:
        language = str(classify(copy))
        left = {f.rule_id for f in scan_text(copy.read_text(), language).findings if not f.suppressed}
        assert left & fixable_rule_ids() == review[copy.name] - applied[copy.name], (copy.name, left)
        remaining = remaining or bool(left)
    assert exit_code == (1 if remaining else 0)
    return target, applied


@pytest.mark.parametrize("mode", sorted(MODES))
def test_fixed_flask_example_keeps_working_and_resists_attacks(
    mode: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fixed, applied = _fixed_copies(tmp_path, mode)
    original = Path(shutil.copy(EXAMPLES / "app.py", tmp_path / "original_app.py"))
    example_app.drive(original, fixed / "app.py", monkeypatch, tmp_path, applied["app.py"])


needs_node = pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")


def _run_server(original: Path, fixed: Path) -> dict[str, Any]:
    done = subprocess.run(
        ["node", str(SERVER_HARNESS), str(original), str(fixed)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    runs: dict[str, Any] = json.loads(done.stdout)
    for variant in ("original", "fixed"):
        assert runs[variant]["ok"], runs[variant].get("error")
    return runs


@needs_node
@pytest.mark.parametrize("mode", sorted(MODES))
def test_fixed_express_example_keeps_working_and_resists_attacks(mode: str, tmp_path: Path) -> None:
    fixed, applied = _fixed_copies(tmp_path, mode)
    original = Path(shutil.copy(EXAMPLES / "server.js", tmp_path / "original_server.js"))
    runs = _run_server(original, fixed / "server.js")
    before, after = runs["original"]["obs"], runs["fixed"]["obs"]
    reviewed = applied["server.js"]

    # GET /user: the same row for an id; the injected OR no longer returns every row.
    rows_before, rows_after = sqlite_rows(*USERS, before["sql"]), sqlite_rows(*USERS, after["sql"])
    assert rows_before[0] == rows_after[0] == [(1, "alice")]
    assert len(rows_before[1]) == 3 and rows_after[1] == []

    # POST /convert: one program; the file name stays one argument.
    assert before["convert"] == after["convert"] == [["convert", "in.jpg", "out.png"]]
    assert [argv[0] for argv in before["convertAttack"]] == ["convert", "rm"]  # a second program ran
    assert after["convertAttack"] == [["convert", "in.jpg; rm -rf /", "out.png"]]
    assert before["convertStatus"] == after["convertStatus"] == 204

    # POST /signup: a salted bcrypt hash once accepted; 128-bit tokens; cookies get their flags.
    assert before["hash"] == before["sha1"]
    if "js-weak-password-hash" in reviewed:
        assert after["hash"].startswith("$2b$12$") and after["hashed"] == [
            {"password": "hunter2", "cost": 12}
        ]
    else:
        assert after["hash"] == after["sha1"]
    for obs in (before, after):
        assert all(
            c["name"] == "sid" and c["value"] == t for c, t in zip(obs["cookies"], obs["tokens"], strict=True)
        )
    # base-36 digits of one Math.random() double (at most 53 bits; V8 prints a varying count of them)
    assert all(re.fullmatch(r"[0-9a-z]+", t) for t in before["tokens"])
    assert all(re.fullmatch(r"[0-9a-f]{32}", t) for t in after["tokens"])  # 128 bits
    assert len(set(after["tokens"])) == len(after["tokens"])
    assert all(c["options"] is None for c in before["cookies"])
    assert all(
        c["options"] == {"secure": True, "httpOnly": True, "sameSite": "lax"} for c in after["cookies"]
    )

    # POST /rule: JSON data reads alike; code runs only before the (accepted) fix.
    assert before["rule"] == after["rule"] == ['{"result":[1,{"a":2}]}']
    assert before["ruleAttack"] == {"pwned": 1}
    if "js-eval" in reviewed:
        assert after["ruleAttack"] == {"error": "SyntaxError", "pwned": None}
    else:
        assert after["ruleAttack"] == {"pwned": 1}

    # The TLS agent checks certificates; showName shows a name as text.
    assert (before["rejectUnauthorized"], after["rejectUnauthorized"]) == (False, True)
    assert before["name"] == after["name"] == {"html": "<b>Ann</b>", "tags": ["b"]}
    assert before["nameAttack"]["tags"] == ["b", "img"] and after["nameAttack"]["tags"] == ["b"]
