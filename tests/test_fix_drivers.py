"""Proof by running: every fix case with an expected file is driven before and after its rewrite.

A driver runs the original and the fixed corpus code (our own fixtures in tests/fixes/, never code
scanned for a user) on benign input, which must give the same result, and on an attack input,
which must work on the original where that can be observed and must not work on the fixed code.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from drivers import python_cases as py
from drivers import python_web_cases as web
from drivers.python_cases import Driver

CASES = Path(__file__).parent / "fixes"

PYTHON_DRIVERS: dict[str, Driver] = {
    "command": py.command,
    "config": py.config,
    "config_more": py.config_more,
    "crypto": py.crypto,
    "deserialization": py.deserialization,
    "keys_xml": web.keys_xml,
    "ldap_taint": web.ldap_taint,
    "llm_output": web.llm_output,
    "nosql_taint": web.nosql_taint,
    "secrets_env": web.secrets_env,
    "sql_psycopg": web.sql_psycopg,
    "sql_sqlalchemy": web.sql_sqlalchemy,
    "sql_sqlite": web.sql_sqlite,
    "web_taint": web.web_taint,
}


def cases_with_expected(language: str) -> list[str]:
    """Case names in tests/fixes/<language>/ that have an expected NAME.fixed.ext beside them."""
    return sorted(p.name.split(".fixed.")[0] for p in (CASES / language).glob("*.fixed.*"))


@pytest.mark.parametrize("case", sorted(PYTHON_DRIVERS))
def test_python_fix_driver(case: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    PYTHON_DRIVERS[case](monkeypatch, tmp_path)


def test_every_python_case_has_a_driver() -> None:
    assert sorted(PYTHON_DRIVERS) == cases_with_expected("python")
