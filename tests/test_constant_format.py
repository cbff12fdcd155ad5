"""A string-building call (`String.format`, `.formatted`, `"...".format`) of constants is a constant."""

from __future__ import annotations

import pytest

from vsguard.engine.parse import parse
from vsguard.engine.predicates import SYNTAX, dynamic_string

CASES = [
    (
        "java",
        'class A { static final String T = "users"; void f(String n) { g(String.format("FROM %s", T)); } }',
        False,
    ),
    (
        "java",
        'class A { static final String T = "users"; void f(String n) { g(String.format("%s %s", T, n)); } }',
        True,
    ),
    ("java", 'class A { static final String T = "users"; void f() { g("FROM %s".formatted(T)); } }', False),
    ("java", 'class A { void f(String tpl) { g(tpl.formatted("x")); } }', True),
    ("kotlin", 'const val T = "users"\nfun f(n: String) { g(String.format("FROM %s", T)) }', False),
    ("kotlin", 'const val T = "users"\nfun f(n: String) { g("FROM %s".format(T)) }', False),
    ("kotlin", 'fun f(n: String) { g("FROM %s".format(n)) }', True),
    ("python", 'T = "users"\ndef f(n):\n    g("FROM {}".format(T))\n', False),
    ("python", 'T = "users"\ndef f(tpl):\n    g(tpl.format(T))\n', True),
]


@pytest.mark.parametrize(("language", "code", "dynamic"), CASES)
def test_format_call_of_constants(language: str, code: str, dynamic: bool) -> None:
    root = parse(code, language)
    kind = SYNTAX[language].call_kind
    built = [c for c in root.find_all(kind=kind) if "format" in c.text() and not c.text().startswith("g(")]
    assert len(built) == 1
    assert dynamic_string(built[0], language) is dynamic
