"""Drivers for the Python fix cases that move a credential or key out of the code, or turn escaping on.

A secret in the source is attacked by reading it: the attack input is every string literal of the
module, tried as the password or key. After the fix none of them works, and the value the code
uses comes from the environment (so it can be rotated without a release).
"""

from __future__ import annotations

import ast
import base64
import hashlib
import hmac
import json
import re
import secrets
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


# --- JWT and HMAC signing keys -------------------------------------------------------------------


class InvalidSignatureError(Exception):
    pass


class FakeJWT:
    """PyJWT's HS256 encode/decode (real HMAC-SHA256 over base64url parts), recording every key."""

    def __init__(self) -> None:
        self.keys: list[object] = []

    @staticmethod
    def _b64(data: bytes) -> str:
        return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

    def _mac(self, key: object, head: str) -> str:
        self.keys.append(key)
        if not isinstance(key, str | bytes) or not key:
            raise TypeError(f"an HMAC key must be a non-empty str or bytes, not {key!r}")
        raw = key.encode() if isinstance(key, str) else key
        return self._b64(hmac.new(raw, head.encode(), hashlib.sha256).digest())

    def encode(self, payload: dict[str, Any], key: object, algorithm: str = "HS256") -> str:
        assert algorithm == "HS256"
        parts = ({"alg": "HS256", "typ": "JWT"}, payload)
        head = ".".join(self._b64(json.dumps(p).encode()) for p in parts)
        return f"{head}.{self._mac(key, head)}"

    def decode(self, token: str, key: object, algorithms: list[str]) -> dict[str, Any]:
        assert algorithms == ["HS256"]
        head, _, signature = token.rpartition(".")
        if not hmac.compare_digest(self._mac(key, head), signature):
            raise InvalidSignatureError("Signature verification failed")
        body = head.split(".")[1]
        decoded: dict[str, Any] = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
        return decoded

    def module(self) -> types.ModuleType:
        return module(
            "jwt", encode=self.encode, decode=self.decode, InvalidSignatureError=InvalidSignatureError
        )


def signing_key(mp: pytest.MonkeyPatch, tmp: Path) -> None:
    jwt_key, hmac_key = "billing-2019-signing-key", "webhook-shared-secret"
    fake = FakeJWT()
    mp.setenv("JWT_SECRET", jwt_key)  # benign: the deployment holds the keys the code carried
    mp.setenv("HMAC_KEY", hmac_key)
    orig, fixed = pair("signing_key", mp, tmp, {"jwt": fake.module()})
    body = b'{"event": "invoice.paid"}'
    for m in (orig, fixed):
        assert m.claims(m.issue("ann")) == {"sub": "ann", "scope": "billing"}
    assert orig.issue("ann") == fixed.issue("ann") == fake.encode({"sub": "ann", "scope": "billing"}, jwt_key)
    assert orig.webhook_signature(body) == fixed.webhook_signature(body)
    assert fixed.webhook_is_genuine(body, orig.webhook_signature(body))
    assert jwt_key in literals("signing_key.py") and hmac_key.encode() in literals("signing_key.py")
    assert not {jwt_key, hmac_key, hmac_key.encode()} & set(literals("signing_key.fixed.py"))

    # the keys are rotated; an attacker signs with the ones read from the original source
    mp.setenv("JWT_SECRET", secrets.token_urlsafe(32))
    mp.setenv("HMAC_KEY", secrets.token_urlsafe(32))
    forged = fake.encode({"sub": "admin", "scope": "billing"}, jwt_key)
    assert orig.claims(forged) == {"sub": "admin", "scope": "billing"}
    with pytest.raises(InvalidSignatureError):
        fixed.claims(forged)
    refund = b'{"event": "refund", "amount": 9900}'
    forged_mac = hmac.new(hmac_key.encode(), refund, hashlib.sha256).hexdigest()
    assert orig.webhook_is_genuine(refund, forged_mac) and not fixed.webhook_is_genuine(refund, forged_mac)
    assert fixed.claims(fixed.issue("bob")) == {"sub": "bob", "scope": "billing"}  # the new key works
    mp.delenv("JWT_SECRET")
    with pytest.raises(KeyError):  # unset: it fails rather than fall back to a built-in key
        fixed.issue("carl")


# --- Jinja2 autoescaping -------------------------------------------------------------------------


def _escape(text: str) -> str:
    """markupsafe.escape: the five characters Jinja2's autoescape replaces."""
    for char, ref in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&#34;"), ("'", "&#39;")):
        text = text.replace(char, ref)
    return text


def select_autoescape(
    enabled_extensions: tuple[str, ...] = ("html", "htm", "xml"),
    disabled_extensions: tuple[str, ...] = (),
    default_for_string: bool = True,
    default: bool = False,
) -> Any:
    """jinja2.select_autoescape: escape by the template name's extension, strings by default."""

    def decide(name: str | None) -> bool:
        if name is None:
            return default_for_string
        name = name.lower()
        if name.endswith(tuple(f".{e}" for e in enabled_extensions)):
            return True
        if name.endswith(tuple(f".{e}" for e in disabled_extensions)):
            return False
        return default

    return decide


class JinjaTemplate:
    """`{{ a.b }}` substitution (dict keys or attributes), escaped when the environment says so."""

    def __new__(cls, source: str, autoescape: Any = False, name: str | None = None) -> JinjaTemplate:
        made = super().__new__(cls)
        made.source, made.name = source, name
        made.escape = autoescape(name) if callable(autoescape) else bool(autoescape)
        return made

    source: str
    name: str | None
    escape: bool

    def render(self, **context: Any) -> str:
        def value(match: re.Match[str]) -> str:
            first, *rest = match.group(1).split(".")
            found = context[first]
            for part in rest:
                found = found[part] if isinstance(found, dict) else getattr(found, part)
            return _escape(str(found)) if self.escape else str(found)

        return re.sub(r"\{\{\s*([\w.]+)\s*\}\}", value, self.source)


class JinjaEnvironment:
    def __init__(self, loader: dict[str, str] | None = None, autoescape: Any = False) -> None:
        self.loader, self.autoescape = loader or {}, autoescape

    def get_template(self, name: str) -> JinjaTemplate:
        return JinjaTemplate(self.loader[name], self.autoescape, name)

    def from_string(self, source: str) -> JinjaTemplate:
        return JinjaTemplate(source, self.autoescape)


def jinja2_module() -> types.ModuleType:
    return module(
        "jinja2",
        Environment=JinjaEnvironment,
        Template=JinjaTemplate,
        DictLoader=dict,
        select_autoescape=select_autoescape,
    )


def jinja_pages(mp: pytest.MonkeyPatch, tmp: Path) -> None:
    orig, fixed = pair("jinja_pages", mp, tmp, {"jinja2": jinja2_module()})
    ticket = {"title": "Printer jams", "body": "Tray 2 jams on every second page."}
    for m in (orig, fixed):  # benign text renders the same
        assert m.ticket_page(ticket) == "<h1>Printer jams</h1>\n<p>Tray 2 jams on every second page.</p>"
        assert m.banner("Ann") == '<div class="banner">Welcome back, Ann!</div>'
    assert orig.reply_mail("Ann") == fixed.reply_mail("Ann") == "Hello Ann,\nwe answered your ticket."

    script = "<script>fetch('/steal?c=' + document.cookie)</script>"
    attack = {"title": "Help", "body": script}
    assert script in orig.ticket_page(attack) and script in orig.banner(script)  # the markup runs
    assert script not in fixed.ticket_page(attack) and "<script>" not in fixed.banner(script)
    assert fixed.ticket_page(attack) == f"<h1>Help</h1>\n<p>{_escape(script)}</p>"
    # a plain-text mail is not HTML: select_autoescape leaves .txt templates as they were
    assert orig.reply_mail(script) == fixed.reply_mail(script)
