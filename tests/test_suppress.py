"""Inline suppressions: vsguard ignore markers and Bandit's nosec, counted rather than dropped."""

from __future__ import annotations

import textwrap

from vsguard.engine.scanner import scan_text
from vsguard.engine.suppress import BANDIT_EQUIVALENTS, is_suppressed, suppressions_by_line
from vsguard.rules.loader import load_rules


def scan(code: str):
    return scan_text(textwrap.dedent(code), "python")


def test_marker_on_the_line_and_alone_on_the_line_above() -> None:
    result = scan(
        """
        def f(x):
            eval(x)  # vsguard: ignore[py-eval] config values are validated upstream
            # vsguard: ignore[py-eval]
            eval(x)
            eval(x)
        """
    )
    states = sorted((f.location.start_line, f.suppressed) for f in result.findings)
    assert states == [(3, True), (5, True), (6, False)]
    assert result.summary.total == 1 and result.summary.suppressed == 2


def test_marker_for_another_rule_does_not_suppress() -> None:
    result = scan("def f(x):\n    eval(x)  # vsguard: ignore[py-sql-injection]\n")
    assert [f.suppressed for f in result.findings] == [False]


def test_marker_at_the_end_of_a_code_line_does_not_reach_the_next_line() -> None:
    result = scan("def f(x):\n    y = 1  # vsguard: ignore[py-eval]\n    eval(x)\n")
    assert [f.suppressed for f in result.findings] == [False]


def test_blanket_markers() -> None:
    result = scan(
        "def f(x):\n    eval(x)  # vsguard: ignore\n    exec(x)  # nosec\n    eval(x)  # nosec - reviewed\n"
    )
    assert [f.suppressed for f in result.findings] == [True, True, True]
    assert result.summary.passed is True


def test_nosec_with_bandit_ids_maps_to_equivalent_rules_only() -> None:
    code = textwrap.dedent(
        """
        import subprocess
        def f(cmd, cur):
            subprocess.run("ls " + cmd, shell=True)  # nosec B602
            subprocess.run("ls " + cmd, shell=True)  # nosec B608
            cur.execute("SELECT " + cmd)  # nosec: B608
        """
    )
    result = scan_text(code, "python")
    assert sorted((f.location.start_line, f.suppressed) for f in result.findings) == [
        (4, True),
        (5, False),
        (6, True),
    ]


def test_marker_on_the_last_line_of_a_multiline_finding() -> None:
    result = scan(
        """
        def f(cur, name):
            cur.execute(
                "SELECT * FROM t WHERE n = '" + name + "'"
            )  # vsguard: ignore[py-sql-injection]
        """
    )
    assert [f.suppressed for f in result.findings] == [True]


def test_table_parsing_and_lookup() -> None:
    table = suppressions_by_line("a  # vsguard: ignore[x-one, x-two]\n// nosec\nb\n")
    assert is_suppressed("x-two", range(1, 2), table)
    assert not is_suppressed("x-three", range(1, 2), table)
    assert is_suppressed("anything", range(3, 4), table)  # comment-only line covers the next
    assert suppressions_by_line("no markers here\n") == {}


def test_bandit_table_names_only_existing_rules() -> None:
    ids = {r.id for r in load_rules()}
    unknown = {rule for rules in BANDIT_EQUIVALENTS.values() for rule in rules} - ids
    assert not unknown
