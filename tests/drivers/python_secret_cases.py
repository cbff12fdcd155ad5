"""Drivers for the Python fix cases that move a credential or key out of the code, or turn escaping on.

A secret in the source is attacked by reading it: the attack input is every string literal of the
module, tried as the password or key. After the fix none of them works, and the value the code
uses comes from the environment (so it can be rotated without a release).
"""

from __future__ import annotations

import ast
import sqlite3
import types
from pathlib import Path
from typing import Any

import pytest

from drivers.fakes import module
from drivers.python_cases import CASES, pair


def literals(case: str) -> list[str | bytes]:
    """Every string and bytes constant written in a case file: what a reader of the source learns."""
    tree = ast.parse((CASES / case).read_text(encoding="utf-8"))
    constants = [n for n in ast.walk(tree) if isinstance(n, ast.Constant)]
    return [n.value for n in constants if isinstance(n.value, str | bytes)]


# --- database password ---------------------------------------------------------------------------


class LoginRefused(Exception):
    """psycopg2.OperationalError for a wrong password."""


class PostgresServer:
    """A psycopg2 stand-in: `connect` checks the password against the server's and records the
    keyword arguments; the connection runs its statements on an in-memory sqlite3 database."""

    def __init__(self, password: str) -> None:
        self.password = password
        self.logins: list[dict[str, Any]] = []
        self.db = sqlite3.connect(":memory:")
        self.db.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY)")
        self.db.executemany("INSERT INTO orders VALUES (?)", [(1,), (2,), (3,)])

    def connect(self, **kwargs: Any) -> Any:
        self.logins.append(kwargs)
        if kwargs.get("password") != self.password:
            raise LoginRefused(f'password authentication failed for user "{kwargs.get("user")}"')
        db = self.db

        class Cursor:
            def __enter__(self) -> Any:
                self.cur = db.cursor()
                return self.cur

            def __exit__(self, *_: object) -> None:
                self.cur.close()

        return types.SimpleNamespace(cursor=Cursor)

    def module(self) -> types.ModuleType:
        return module("psycopg2", connect=self.connect, OperationalError=LoginRefused)


def _logs_in(server: PostgresServer, password: object) -> bool:
    try:
        server.connect(host="db.internal", dbname="orders", user="orders_app", password=password)
    except LoginRefused:
        return False
    return True


def db_password(mp: pytest.MonkeyPatch, tmp: Path) -> None:
    leaked = "pg-Orders!2024"
    server = PostgresServer(leaked)
    mp.setenv("PSYCOPG2_PASSWORD", leaked)  # benign: the deployment holds the same password
    orig, fixed = pair("db_password", mp, tmp, {"psycopg2": server.module()})
    assert orig.order_count(orig.connect()) == fixed.order_count(fixed.connect()) == 3
    assert server.logins[0] == server.logins[1]

    # attack: log in with what the source says. The original gives the password away...
    assert any(_logs_in(server, s) for s in literals("db_password.py"))
    # ...the fixed source holds none that works
    assert not any(_logs_in(server, s) for s in literals("db_password.fixed.py"))

    # the password is rotated without a release: only the fixed code follows it
    server.password = "rotated-Zq81#p"
    mp.setenv("PSYCOPG2_PASSWORD", server.password)
    assert fixed.order_count(fixed.connect()) == 3
    with pytest.raises(LoginRefused):
        orig.connect()
    mp.delenv("PSYCOPG2_PASSWORD")
    with pytest.raises(KeyError):  # unset: it fails rather than fall back to a built-in password
        fixed.connect()
