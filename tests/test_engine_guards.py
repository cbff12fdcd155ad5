"""No input makes the analysis crash, hang or drop findings: each case here once did one of those."""

from __future__ import annotations

import base64
import subprocess
import sys
import time
from pathlib import Path

import pytest

from vsguard.engine import languages
from vsguard.engine.gaps import TIME_LIMIT, TOO_DEEP, Gap
from vsguard.engine.parse import NestedTooDeeply, check_nesting, parse
from vsguard.engine.scanner import applicable_rules, find_matches, scan_source, scan_text
from vsguard.engine.taint import find_flows
from vsguard.engine.taint.folding import MAX_TEXT, fold_binary, fold_format
from vsguard.engine.taint.values import NO_CONST
from vsguard.models import SkipKind

FLASK_HANDLER = (
    "import os\nfrom flask import request\n@app.route('/x')\ndef h():\n    a = request.args['a']\n"
)
EXPRESS_HANDLER = (
    "const cp = require('child_process');\napp.get('/x', (req, res) => {\n  const a = req.query.a;\n"
)


def _rules(code: str, language: str) -> list[tuple[str, bool]]:
    """(rule id, traced) of each finding; the scan must not have skipped any part."""
    result = scan_source(code, language)
    assert result.skipped == ()
    return [(f.rule_id, bool(f.trace)) for f in result.findings]


# ---------------------------------------------------------------- constant folding


@pytest.mark.timeout(20)
@pytest.mark.parametrize(
    ("language", "code"),
    [
        ("python", "import os\nx = 7**64\n" + "x = x * x\n" * 20 + "os.system(input())\n"),
        ("python", "import os\nx = 10**64\n" + "x = x**64\n" * 3 + "os.system(input())\n"),
        ("python", "import os\nx = 3\n" + "x = x << x\n" * 12 + "os.system(input())\n"),
        (
            "javascript",
            "const cp = require('child_process');\nlet x = 7**64;\n"
            + "x = x * x;\n" * 20
            + "cp.exec(process.argv[2]);\n",
        ),
    ],
)
def test_folding_huge_numbers_is_bounded(language: str, code: str) -> None:
    assert _rules(code, language)  # the flow after the arithmetic is still found


def test_folding_refuses_results_past_the_bounds() -> None:
    big = 10**300
    assert fold_binary("*", big, big) is NO_CONST
    assert fold_binary("**", 10, 400) is NO_CONST
    assert fold_binary("<<", 1, 5000) is NO_CONST
    assert fold_binary("+", "a" * MAX_TEXT, "b") is NO_CONST
    assert fold_format(["a" * MAX_TEXT, 1]) is NO_CONST
    assert fold_binary("**", 2, 10) == 1024 and fold_binary("+", "a", "b") == "ab"
    assert fold_binary("/", 1, 0) is NO_CONST


# ---------------------------------------------------------------- comments inside conditions


@pytest.mark.timeout(30)
@pytest.mark.parametrize(
    ("language", "code", "rule"),
    [
        (
            "python",
            FLASK_HANDLER + "    if (a ==  # note\n        'x'):\n        pass\n    os.system(a)\n",
            "py-os-system",
        ),
        (
            "python",
            FLASK_HANDLER
            + "    if (a in  # note\n        ('x', 'y')) or a:\n        pass\n    os.system(a)\n",
            "py-os-system",
        ),
        (
            "python",
            FLASK_HANDLER + "    if (a and  # note\n        a):\n        os.system(a)\n",
            "py-os-system",
        ),
        (
            "javascript",
            EXPRESS_HANDLER + "  if (a ===  // note\n      'x') {}\n  cp.exec(a);\n});\n",
            "js-command-injection",
        ),
        (
            "javascript",
            EXPRESS_HANDLER + "  if (a &&  /* note */\n      a) { cp.exec(a); }\n});\n",
            "js-command-injection",
        ),
    ],
)
def test_a_comment_inside_a_condition_keeps_the_taint_analysis(language: str, code: str, rule: str) -> None:
    assert (rule, True) in _rules(code, language)


# ---------------------------------------------------------------- depth of input


@pytest.mark.timeout(60)
@pytest.mark.parametrize(
    ("language", "code", "rule"),
    [
        (
            "python",
            FLASK_HANDLER + "    os.system(a)\n    x = " + " + ".join(["a"] * 3000) + "\n",
            "py-os-system",
        ),
        ("python", "import os\nos.system(input())\nx = " + " + ".join(["a"] * 3000) + "\n", "py-os-system"),
        (
            "python",
            FLASK_HANDLER + "    os.system(a)\n    y = " + "f(" * 2000 + "1" + ")" * 2000 + "\n",
            "py-os-system",
        ),
        (
            "python",
            FLASK_HANDLER + "    os.system(a)\n    y = " + "[" * 2000 + "]" * 2000 + "\n",
            "py-os-system",
        ),
        (
            "python",
            FLASK_HANDLER + "    ok = " + " and ".join(["a"] * 3000) + "\n    os.system(a)\n",
            "py-os-system",
        ),
        (
            "python",
            FLASK_HANDLER
            + "    "
            + "".join(f"if a == '{i}':\n        pass\n    el" for i in range(3000))
            + "se:\n        os.system(a)\n",
            "py-os-system",
        ),
        (
            "javascript",
            EXPRESS_HANDLER + "  cp.exec(a);\n  let x = " + " + ".join(["a"] * 3000) + ";\n});\n",
            "js-command-injection",
        ),
        (
            "javascript",
            EXPRESS_HANDLER
            + "  "
            + "".join(f"if (a === '{i}') {{ }} else " for i in range(3000))
            + "{ cp.exec(a); }\n});\n",
            "js-command-injection",
        ),
        (
            "javascript",
            EXPRESS_HANDLER + "  cp.exec(a);\n});\nfunction g(a) {" + "if (a) {" * 1000 + "}" * 1000 + "}\n",
            "js-command-injection",
        ),
        (
            "java",
            'class A { void f(String s) { Runtime.getRuntime().exec("ls " + '
            + " + ".join(["s"] * 1500)
            + "); } }\n",
            "java-command-injection",
        ),
    ],
)
def test_deep_or_long_expressions_lose_no_finding(language: str, code: str, rule: str) -> None:
    assert rule in [r for r, _ in _all(code, language)]


def _all(code: str, language: str) -> list[tuple[str, bool]]:
    result = scan_source(code, language)
    assert not any("internal error" in s.reason for s in result.skipped)
    # Code nested past the analysis depth is analysed as unknown values, and said so: only that part.
    assert all(s.kind is SkipKind.TOO_DEEP and s.partial for s in result.skipped), result.skipped
    return [(f.rule_id, bool(f.trace)) for f in result.findings]


@pytest.mark.timeout(30)
def test_code_nested_past_the_bound_is_unknown_and_noted() -> None:
    code = FLASK_HANDLER + "    os.system(a)\n    y = " + "f(" * 2000 + "1" + ")" * 2000 + "\n"
    gaps: list[Gap] = []
    rules = [r for r in applicable_rules("python") if r.kind == "taint"]
    matches = find_flows(parse(code, "python"), rules, "python", code=code, gaps=gaps)
    assert any(m.rule.id == "py-os-system" for m in matches)
    assert [(g.line, g.reason) for g in gaps] == [(7, TOO_DEEP)]


# ---------------------------------------------------------------- linear time


@pytest.mark.timeout(15)
def test_a_long_java_else_if_chain_is_checked_in_linear_time() -> None:
    # (the tests read `n`: `s.equals("1")` would make `s` that constant inside its branch)
    branch = 'else if (n == {i}) {{ Runtime.getRuntime().exec("ls " + s); }}\n'
    body = 'if (n == 0) { Runtime.getRuntime().exec("ls " + s); }\n' + "".join(
        branch.format(i=i) for i in range(1, 1500)
    )
    code = "class A { void f(String s, int n) {\n" + body + "} }\n"
    matches = find_matches(code, "java", applicable_rules("java"), time.monotonic() + 60)
    assert sum(m.rule.id == "java-command-injection" for m in matches) == 1500


@pytest.mark.timeout(10)
def test_many_unclosed_brackets_are_checked_in_linear_time() -> None:
    code = "int main() { return " + "(" * 150_000 + "1; }\n"
    assert scan_source(code, "c").findings == ()


@pytest.mark.timeout(15)
def test_a_huge_literal_joined_through_many_branches_is_cheap() -> None:
    code = (
        f'import os\nBIG = "{"a" * 900_000}"\ndef f(x, y):\n    s = BIG\n'
        + "".join(f"    if x == {i}:\n        s = s + y\n" for i in range(150))
        + "    os.system(s)\n"
    )
    assert [f.rule_id for f in scan_source(code, "python").findings] == ["py-os-system"]


@pytest.mark.timeout(10)
@pytest.mark.parametrize(
    "code",
    [
        "val x:" + " " * 3200,
        "x" + "\n" * 20_000 + "x",
        "x" + " \n" * 10_000,
        "def f(" + ")->" * 7000,
        "when(" * 4000,
        "impl<" * 4000 + "\n" * 4000,
        "from a import " + " " * 20_000 + "!",
    ],
)
def test_language_detection_runs_in_linear_time(code: str) -> None:
    languages.from_content(code)
    languages.language_scores(code)


# ---------------------------------------------------------------- minified code


@pytest.mark.timeout(30)
def test_one_long_literal_does_not_make_a_file_minified() -> None:
    blob = base64.b64encode(bytes(range(256)) * 20).decode()  # about 6.8 KB on one line
    code = (
        "const express = require('express');\nconst app = express();\n"
        f'const LOGO = "{blob}";\n'
        "app.get('/calc', (req, res) => {\n  const result = eval(req.query.expr);\n"
        "  res.send(String(result));\n});\napp.listen(3000);\n"
    )
    result = scan_text(code, "javascript", path="app.js")
    assert "js-eval" in [f.rule_id for f in result.findings] and result.skipped == ()


@pytest.mark.timeout(30)
def test_pattern_rules_still_run_on_minified_code() -> None:
    code = "function f(a){var b=a+1;return b};var q=1,w=2;" * 200 + "crypto.createHash('md5');"
    result = scan_text(code, "javascript", path="bundle.min.js")
    assert [s.reason for s in result.skipped] == [
        "minified or bundled code; pattern rules and secrets only, no taint analysis"
    ]
    assert "js-weak-hash" in [f.rule_id for f in result.findings]


# ---------------------------------------------------------------- input the parser would not survive

_PYTHON_BLOCKS = (
    "import sys\nn = int(sys.argv[1])\n"
    "code = 'if x:\\n' + ''.join(' ' * i + 'if x:\\n' for i in range(1, n)) + ' ' * n + 'y = \"s\"\\n'\n"
)


def _run(script: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", script, *args], capture_output=True, text=True, timeout=60, check=False
    )


@pytest.mark.timeout(120)
def test_the_python_grammar_aborts_at_511_nested_blocks() -> None:
    """The limit the guard keeps below: a string inside 511 nested blocks makes tree-sitter abort
    the process (not an exception); 510 parse."""
    parse_raw = _PYTHON_BLOCKS + "from ast_grep_py import SgRoot\nSgRoot(code, 'python').root()\n"
    assert _run(parse_raw, "510").returncode == 0
    assert _run(parse_raw, "511").returncode != 0  # SIGABRT: `Assertion 'length <= 1024' failed`


@pytest.mark.timeout(120)
@pytest.mark.parametrize("depth", ["401", "511", "1000"])
def test_deeply_nested_python_is_refused_not_fatal(depth: str) -> None:
    scan = (
        _PYTHON_BLOCKS
        + "from vsguard.engine.scanner import scan_source\n"
        + "print(scan_source(code, 'python').skipped[0].reason)\n"
    )
    done = _run(scan, depth)
    assert done.returncode == 0, done.stderr
    assert "nested indentation levels" in done.stdout


@pytest.mark.timeout(60)
def test_deeply_nested_kotlin_templates_are_refused_not_fatal() -> None:
    scan = (
        "from vsguard.engine.scanner import scan_source\n"
        "code = 'val x = ' + '\"${' * 600 + '1' + '}\"' * 600 + '\\n'\n"
        "print(scan_source(code, 'kotlin').skipped[0].reason)\n"
    )
    done = _run(scan)
    assert done.returncode == 0, done.stderr
    assert "brackets nested 600 deep" in done.stdout


def test_the_nesting_guard_lets_ordinary_code_through() -> None:
    check_nesting(Path(__file__).read_text(encoding="utf-8"), "python")
    check_nesting("if x:\n" + "".join(" " * i + "if x:\n" for i in range(1, 400)), "python")
    with pytest.raises(NestedTooDeeply):
        check_nesting("if x:\n" + "".join(" " * i + "if x:\n" for i in range(1, 402)), "python")


# ---------------------------------------------------------------- partial results


def test_a_failing_function_loses_only_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    from vsguard.engine.taint.interpreter import Analysis

    original = Analysis.analyse_function

    def failing(self: Analysis, func: object, report: bool) -> object:
        if getattr(func, "name", "") == "broken":
            raise ValueError("simulated")
        return original(self, func, report)  # type: ignore[arg-type]

    monkeypatch.setattr(Analysis, "analyse_function", failing)
    code = "import os\ndef broken(x):\n    os.system(x)\ndef good(x):\n    eval(x)\n"
    gaps: list[Gap] = []
    rules = [r for r in applicable_rules("python") if r.kind == "taint"]
    matches = find_flows(parse(code, "python"), rules, "python", code=code, gaps=gaps)
    assert {m.location.start_line for m in matches} == {5}
    assert gaps == [Gap("function broken", 2, "internal error (ValueError)")]


def test_taint_analysis_stops_at_the_deadline_and_says_what_it_left() -> None:
    code = "import os\ndef a(x):\n    os.system(x)\ndef b(x):\n    eval(x)\n"
    gaps: list[Gap] = []
    rules = [r for r in applicable_rules("python") if r.kind == "taint"]
    matches = find_flows(
        parse(code, "python"), rules, "python", code=code, deadline=time.monotonic() - 1, gaps=gaps
    )
    assert matches == []
    assert [g.reason for g in gaps] == [TIME_LIMIT, TIME_LIMIT]
    assert gaps[-1] == Gap("function a and 1 more", 2, TIME_LIMIT)


def test_a_failing_pattern_rule_loses_only_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    import vsguard.engine.scanner as scanner
    from vsguard.engine.matches import RawMatch
    from vsguard.engine.patterns import find_pattern_matches as original
    from vsguard.models import Rule

    def failing(root: object, rules: list[Rule], language: str) -> list[RawMatch]:
        if rules[0].id == "py-weak-hash":
            raise RuntimeError("simulated")
        return original(root, rules, language)  # type: ignore[arg-type]

    monkeypatch.setattr(scanner, "find_pattern_matches", failing)
    code = "import hashlib, os\nhashlib.md5(b'x')\nos.system(input())\n"
    gaps: list[Gap] = []
    matches = find_matches(code, "python", applicable_rules("python"), time.monotonic() + 60, gaps=gaps)
    assert "py-os-system" in {m.rule.id for m in matches}
    assert "py-weak-hash" not in {m.rule.id for m in matches}
    assert gaps == [Gap("rule py-weak-hash", 0, "internal error (RuntimeError)")]
    # without a list for the gaps, the other rules' findings are kept all the same
    assert "py-os-system" in {f.rule_id for f in scan_source(code, "python").findings}
