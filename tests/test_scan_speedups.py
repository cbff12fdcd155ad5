"""The scanner's shortcuts change its speed, never its answer.

Each shortcut is checked against the plain path it replaces: pattern-rule and secrets pre-checks
switched off, and a directory scan in several processes against one in a single process.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from vsguard.engine import scanner
from vsguard.engine import secrets as secrets_module
from vsguard.engine.prefilter import TextWords, rule_requirements
from vsguard.engine.scanner import can_parallelise, scan_paths
from vsguard.engine.secrets import find_secrets
from vsguard.report.json_report import render_json

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).resolve().parent / "corpus"


def _dump(paths: list[Path], **kwargs: object) -> str:
    return render_json(scan_paths(paths, **kwargs))  # type: ignore[arg-type]


def _without_prechecks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scanner, "_pattern_requirements", lambda rule: ())
    monkeypatch.setattr(scanner, "_rule_for_text", lambda rule, words: scanner._fast_rule(rule))
    monkeypatch.setattr(secrets_module, "_possible_providers", lambda lines, text: secrets_module.PROVIDERS)
    monkeypatch.setattr(
        secrets_module, "_lines_naming_secrets", lambda text, lines: set(range(1, len(lines) + 1))
    )


def test_requirements_follow_utils_and_distribute_any_over_all() -> None:
    rule = {
        "all": [
            {"matches": "needs-epsilon"},
            {"any": [{"all": [{"pattern": "alpha.beta($X)"}, {"regex": "gamma"}]}, {"pattern": "delta($X)"}]},
            {"not": {"pattern": "zeta($X)"}},
        ]
    }
    found = rule_requirements(rule, {"needs-epsilon": {"kind": "call", "regex": "epsilon"}})
    assert set(found) == {
        frozenset({"epsilon"}),
        frozenset({"alpha", "delta"}),
        frozenset({"gamma", "delta"}),
    }
    words = TextWords("epsilon(); gamma = delta(1)")
    assert words.all_of(found)
    assert not TextWords("epsilon(); gamma = 1").all_of(found)


def test_a_branch_without_words_leaves_any_unconstrained() -> None:
    assert rule_requirements({"any": [{"pattern": "pickle.loads($X)"}, {"kind": "call"}]}) == ()


def test_corpus_findings_are_the_same_without_prechecks(monkeypatch: pytest.MonkeyPatch) -> None:
    fast = _dump([CORPUS])
    _without_prechecks(monkeypatch)
    assert _dump([CORPUS]) == fast


@pytest.mark.parametrize(
    "text",
    [
        "x = 1\r\npassword = 'Tr0ub4dor&3-horse'\r\ny = 2\r\n",
        "a = 1\x0capi_key = 'Zq8#kLm2Vx9!'\u2028token = \"aB3$kLm9Qz7w\"\n",
        "plain text without anything\n",
        "db = 'postgres://app:S3cr3t-Pa55@db.internal/app'\n" + "z" * 5000 + "\n",
    ],
)
def test_secret_prechecks_keep_every_hit(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    fast = (find_secrets(text), find_secrets(text, quoted_only=True))
    _without_prechecks(monkeypatch)
    monkeypatch.setattr(secrets_module, "_SECRET_NAME_WORDS", re.compile(""))
    assert (find_secrets(text), find_secrets(text, quoted_only=True)) == fast


@pytest.mark.skipif(not can_parallelise(), reason="worker processes need fork")
def test_parallel_scan_gives_the_serial_result(tmp_path: Path) -> None:
    for n in range(12):  # enough files to cross the threshold at which workers are forked
        folder = tmp_path / f"pkg{n % 3}"
        folder.mkdir(exist_ok=True)
        shutil.copy(ROOT / "examples" / "vulnerable" / "app.py", folder / f"app{n}.py")
        shutil.copy(ROOT / "examples" / "vulnerable" / "server.js", folder / f"server{n}.js")
    assert _dump([tmp_path], jobs=2) == _dump([tmp_path], jobs=1)
    assert scan_paths([tmp_path], jobs=2).files_scanned == 24
