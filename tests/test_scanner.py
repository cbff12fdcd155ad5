"""Scanner: skipped files and why, text prefilters that must never lose a finding, regex rewriting."""

from __future__ import annotations

from pathlib import Path

import pytest
from ast_grep_py import SgRoot

from vsguard.config import Limits
from vsguard.engine import prefilter, scanner
from vsguard.engine.files import classify
from vsguard.engine.languages import GRAMMARS
from vsguard.engine.prefilter import regex_anchors, rule_anchors
from vsguard.engine.regex_ascii import ascii_config, ascii_regex
from vsguard.engine.scanner import applicable_rules, find_matches, scan_paths, scan_source, summarize
from vsguard.models import PatternMatch
from vsguard.rules.loader import load_rules

CORPUS = Path(__file__).parent / "corpus"


def _corpus() -> list[tuple[Path, str]]:
    out = []
    for path in sorted(CORPUS.rglob("*")):
        kind = classify(path) if path.is_file() else False
        if isinstance(kind, str):
            out.append((path, kind))
    return out


# ---------------------------------------------------------------------- skipped files


def test_unreadable_and_odd_files_are_skipped_with_a_reason(tmp_path: Path) -> None:
    (tmp_path / "latin.py").write_bytes(b"# -*- coding: latin-1 -*-\nname = '\xe9'\ndef f(x):\n    eval(x)\n")
    (tmp_path / "bad.py").write_bytes(b"x = '\xff\xfe'\n")
    (tmp_path / "big.py").write_text("x = 1\n" * 5000)
    (tmp_path / "garbage.py").write_text("}}}} {{{ ]]] ;;; ((( \n" * 20)
    (tmp_path / "bundle.js").write_text("var a=1;" * 2000)
    result = scan_paths([tmp_path], limits=Limits(max_file_bytes=20_000))
    reasons = {Path(s.path).name: s.reason for s in result.skipped}
    assert reasons["bad.py"].startswith("not text in a known encoding")
    assert reasons["big.py"] == "larger than 20000 bytes (VSGUARD_MAX_FILE_BYTES)"
    assert reasons["garbage.py"].startswith("could not be parsed as python")
    assert reasons["bundle.js"].startswith("minified or bundled code")
    assert "latin.py" not in reasons
    assert [(Path(f.path or "").name, f.rule_id) for f in result.findings] == [("latin.py", "py-eval")]


def test_internal_errors_become_skipped_files_not_crashes(monkeypatch: pytest.MonkeyPatch) -> None:
    import vsguard.engine.taint as taint

    def boom(*args: object, **kwargs: object) -> list:
        raise ValueError("simulated")

    monkeypatch.setattr(taint, "find_flows", boom)
    result = scan_source("import os\nos.system('ls ' + x)\n", "python")
    assert result.skipped and result.skipped[0].reason.startswith("internal error (ValueError: simulated)")


def test_snippet_with_a_broken_tail_is_still_analysed() -> None:
    result = scan_source("def f(x):\n    eval(x)\n\nbroken = (\n", "python")
    assert [f.rule_id for f in result.findings] == ["py-eval"] and result.skipped == ()


def test_public_functions_keep_their_shape() -> None:
    result = scan_source("def f(x):\n    eval(x)\n", filename="a.py", rule_ids=["py-eval"])
    assert result.language == "python" and summarize(result.findings).total == 1
    assert {r.id for r in applicable_rules("python", ["py-eval"])} == {"py-eval"}


# ---------------------------------------------------------------------- prefilters are sound


def test_prefilters_never_change_findings(monkeypatch: pytest.MonkeyPatch) -> None:
    files = [*_corpus(), (Path(__file__).parent.parent / "benchmarks" / "snippet_200.py", "python")]
    with_filters = {}
    for path, language in files:
        code = path.read_text(encoding="utf-8")
        with_filters[path] = _keys(find_matches(code, language, applicable_rules(language), 1e18, str(path)))
    monkeypatch.setattr(prefilter.AnchorMatcher, "search", lambda self, text, lowered=None: True)
    for path, language in files:
        code = path.read_text(encoding="utf-8")
        without = _keys(find_matches(code, language, applicable_rules(language), 1e18, str(path)))
        assert with_filters[path] == without, path


def _keys(matches: list) -> set[tuple[str, int, int]]:
    return {(m.rule.id, m.location.start_line, m.location.start_column) for m in matches}


def test_anchor_derivation() -> None:
    assert regex_anchors(r"^hashlib\.(md5|sha1)$") == frozenset({"hashlib"})
    assert regex_anchors(r"(^|\.)(execute|executemany)$") == frozenset({"execute"})  # common prefix
    assert regex_anchors(r"(^|\.)(run|call)$") == frozenset({"run", "call"})
    assert regex_anchors(r"(?i)(Etag|checksum)") == frozenset({"etag", "checksum"})
    assert regex_anchors(r"^\w+$") is None
    assert rule_anchors({"any": [{"pattern": "yaml.load($X)"}, {"kind": "call"}]}) is None
    assert rule_anchors({"all": [{"kind": "call"}, {"pattern": "pickle.loads($X)"}]}) == frozenset({"pickle"})


# ---------------------------------------------------------------------- ASCII regex rewriting


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\w+\d", "[0-9A-Za-z_]+[0-9]"),
        (r"[\w.]+", "[0-9A-Za-z_.]+"),
        (r"(?i)ab", "[aA][bB]"),
        (r"x(?i:b[a-c])", "x(?:[bB][a-cA-C])"),
        (r"\p{L}", r"\p{L}"),
        (r"(?x)a", "(?x)a"),
    ],
)
def test_ascii_regex(pattern: str, expected: str) -> None:
    assert ascii_regex(pattern) == expected


def test_ascii_rules_match_exactly_what_the_original_rules_match() -> None:
    by_language: dict[str, list[Path]] = {}
    for path, language in _corpus():
        by_language.setdefault(language, []).append(path)
    for rule in load_rules():
        if rule.kind != "pattern" or rule.language not in GRAMMARS:
            continue
        assert isinstance(rule.match, PatternMatch)
        config = rule.match.config()
        fast = ascii_config(config)
        for path in by_language.get(rule.language, []):
            root = SgRoot(path.read_text(encoding="utf-8"), GRAMMARS[rule.language]).root()
            original = [n.range().start.line for n in root.find_all(config)]  # type: ignore[arg-type]
            rewritten = [n.range().start.line for n in root.find_all(fast)]  # type: ignore[arg-type]
            assert original == rewritten, (rule.id, path.name)


def test_fast_rule_copies_keep_the_original_rule_in_findings() -> None:
    matches = scanner.find_matches(
        "import hashlib\nhashlib.md5(b'x')\n", "python", applicable_rules("python"), 1e18
    )
    (weak,) = [m for m in matches if m.rule.id == "py-weak-hash"]
    assert any(weak.rule is r for r in applicable_rules("python"))


def test_one_flaw_is_reported_once_by_its_most_specific_rule() -> None:
    code = (
        "import openai\n"
        "client = openai.OpenAI()\n"
        "answer = client.responses.create(model='m', input='q', max_output_tokens=50).output_text\n"
        "eval(answer)\n"
    )
    findings = [f for f in scan_source(code, "python").findings if f.location.start_line == 4]
    # py-eval (any non-constant argument) and py-llm-output-exec (model output) see the same call.
    assert [f.rule_id for f in findings] == ["py-llm-output-exec"]
    assert findings[0].trace

    suppressed = code.replace(
        "eval(answer)\n", "eval(answer)  # vsguard: ignore[py-llm-output-exec] sandboxed\n"
    )
    result = scan_source(suppressed, "python")
    assert [f.rule_id for f in result.findings if f.location.start_line == 4] == ["py-llm-output-exec"]
    assert result.summary.suppressed == 1 and result.summary.total == 0


def test_different_weaknesses_on_one_line_are_all_kept() -> None:
    code = 'resp.set_cookie("sid", token)\n'
    rules = {f.rule_id for f in scan_source(code, "python").findings}
    assert {"py-cookie-missing-secure", "py-cookie-missing-httponly", "py-cookie-missing-samesite"} <= rules


def test_output_is_the_same_on_every_run(tmp_path: Path) -> None:
    """Sets iterate in hash order, which Python randomises per process: reports must not depend on it."""
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    outputs = []
    for seed, jobs in (("1", "1"), ("2", "1"), ("3", "2")):
        out = tmp_path / f"scan-{seed}.json"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        cmd = [
            sys.executable,
            "-m",
            "vsguard",
            "scan",
            "tests/corpus",
            "examples",
            "-f",
            "json",
            "-o",
            str(out),
        ]
        subprocess.run([*cmd, "-j", jobs], cwd=root, env=env, capture_output=True, check=False)
        outputs.append(out.read_text())
    assert outputs[0] == outputs[1] == outputs[2]
