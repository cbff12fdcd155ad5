"""Drivers for the Python fix cases that take request data: queries, filters, files, markup."""

from __future__ import annotations

import importlib.util
import logging
import os
import re
import sqlite3
import types
from io import StringIO
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest

from drivers import fakes, xpath
from drivers.fakes import Args, Calls, Directory, OpenAIFake, Request, module
from drivers.python_cases import pair, recorded

# --- SQL -----------------------------------------------------------------------------------------


def users_db() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT, email TEXT, active INTEGER)")
    conn.executemany(
        "INSERT INTO users VALUES (?, ?, ?, ?)",
        [(1, "alice", "a@example.com", 1), (2, "bob", "b@example.com", 0), (3, "alicia", "c@example.com", 1)],
    )
    return conn


def sql_sqlite(mp: pytest.MonkeyPatch, tmp: Path) -> None:
    orig, fixed = pair("sql_sqlite", mp, tmp)
    db = users_db()
    for name in ("alice", "bob", "nobody"):
        assert fixed.find_user(db, name) == orig.find_user(db, name)
    for user_id in (1, 2, 99):
        assert fixed.find_by_id(db, user_id) == orig.find_by_id(db, user_id)
    for term, limit in (("ali", 5), ("ali", 1), ("zzz", 3)):
        assert fixed.search(db, term, limit) == orig.search(db, term, limit)
    assert fixed.by_email(db, "a@example.com", 1) == orig.by_email(db, "a@example.com", 1) == [(1,)]

    everyone = [(1, "alice"), (2, "bob"), (3, "alicia")]
    assert orig.find_user(db, "x' OR '1'='1") == everyone
    assert fixed.find_user(db, "x' OR '1'='1") == []
    assert orig.find_by_id(db, "0 OR 1=1") == everyone
    assert fixed.find_by_id(db, "0 OR 1=1") == []
    assert orig.search(db, "zzz' OR 1=1 --", 1) == everyone  # the comment also drops the LIMIT
    assert fixed.search(db, "zzz' OR 1=1 --", 1) == []
    assert orig.by_email(db, "x' OR 1=1 --", 0) == [(1,), (2,), (3,)]
    assert fixed.by_email(db, "x' OR 1=1 --", 0) == []


def orders_db() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE orders (id INTEGER, customer_id INTEGER, status TEXT, note TEXT)")
    conn.executemany(
        "INSERT INTO orders VALUES (?, ?, ?, ?)",
        [
            (1, 7, "paid", "10% off"),
            (2, 7, "paid", "full price"),
            (3, 8, "open", "10% off"),
            (4, 7, "open", "1"),
        ],
    )
    return conn


def sql_psycopg(mp: pytest.MonkeyPatch, tmp: Path) -> None:
    orig, fixed = pair("sql_psycopg", mp, tmp, {"psycopg2": module("psycopg2")})
    conn = fakes.PsycopgConnection(orders_db())
    for customer, status in ((7, "paid"), (8, "open"), (7, "open"), (9, "paid")):
        assert fixed.orders_for(conn, customer, status) == orig.orders_for(conn, customer, status)
    assert fixed.orders_for(conn, 7, "paid") == [(1,)]  # '10%%' still means the literal prefix 10
    assert orig.orders_for(conn, 9, "x' OR 1=1 --") == [(1,), (2,), (3,), (4,)]
    assert fixed.orders_for(conn, 9, "x' OR 1=1 --") == []


def sql_sqlalchemy(mp: pytest.MonkeyPatch, tmp: Path) -> None:
    fake = module("sqlalchemy", text=fakes.TextClause)
    orig, fixed = pair("sql_sqlalchemy", mp, tmp, {"sqlalchemy": fake})
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE posts (id INTEGER, author TEXT)")
    conn.executemany("INSERT INTO posts VALUES (?, ?)", [(1, "ann"), (2, "ann"), (3, "bo")])
    session = fakes.AlchemySession(conn)
    for author in ("ann", "bo", "nobody"):
        assert fixed.count_posts(session, author) == orig.count_posts(session, author)
    assert orig.count_posts(session, "x' OR '1'='1") == 3
    assert fixed.count_posts(session, "x' OR '1'='1") == 0


# --- NoSQL, LDAP, XPath --------------------------------------------------------------------------


def nosql_taint(mp: pytest.MonkeyPatch, tmp: Path) -> None:
    users = fakes.Collection([{"email": "ann@example.com", "password_hash": "h1"}])
    shop = types.SimpleNamespace(users=users)
    request = Request()
    modules = {
        **fakes.flask_modules(request),
        "pymongo": module("pymongo", MongoClient=lambda: types.SimpleNamespace(shop=shop)),
    }
    orig, fixed = pair("nosql_taint", mp, tmp, modules)
    for body, ok in (
        ({"email": "ann@example.com", "hash": "h1"}, True),
        ({"email": "ann@example.com", "hash": "x"}, False),
    ):
        request.json = body
        assert orig.login() == fixed.login() == {"ok": ok}
    request.json = {"email": "ann@example.com", "hash": {"$ne": ""}}
    assert orig.login() == {"ok": True}  # the operator skipped the password check
    assert fixed.login() == {"ok": False}


def ldap_taint(mp: pytest.MonkeyPatch, tmp: Path) -> None:
    directory = Directory([{"uid": "alice", "cn": "Alice"}, {"uid": "bob", "cn": "Bob"}])
    request = Request()
    orig, fixed = pair("ldap_taint", mp, tmp, {**fakes.flask_modules(request), **directory.modules()})
    for uid in ("alice", "nobody"):
        request.args = Args(uid=uid)
        assert orig.find_user() == fixed.find_user()
    request.args = Args(uid="alice")
    assert "Alice" in fixed.find_user() and "Bob" not in fixed.find_user()
    for attack in ("*", "b*", "*)(cn=*"):
        request.args = Args(uid=attack)
        if attack != "*)(cn=*":  # the original's filter is not even well formed for this one
            assert "Bob" in orig.find_user()
        assert fixed.find_user() == "[]"
    assert directory.filters[-1] == r"(uid=\2a\29\28cn=\2a)"


def _lxml_or_stand_in() -> dict[str, types.ModuleType]:
    """The real lxml where it is installed (it is not a vsguard dependency), else drivers.xpath."""
    return {} if importlib.util.find_spec("lxml") is not None else xpath.modules()


USERS_XML = """<users>
  <user name="ann" active="yes"><email>ann@example.com</email><team>ops</team></user>
  <user name="bob" active="no"><email>bob@example.com</email><team>ops</team></user>
  <user name="O'Brien" active="yes"><email>ob@example.com</email><team>dev</team></user>
</users>"""


def xpath_taint(mp: pytest.MonkeyPatch, tmp: Path) -> None:
    request = Request()
    (tmp / "users.xml").write_text(USERS_XML)
    mp.chdir(tmp)  # the module parses "users.xml" from the working directory
    orig, fixed = pair("xpath_taint", mp, tmp, {**fakes.flask_modules(request), **_lxml_or_stand_in()})

    def both(view: str, **args: str) -> tuple[Any, Any]:
        request.args = Args(args)
        return getattr(orig, view)(), getattr(fixed, view)()

    assert both("find_user", name="ann") == ({"emails": ["ann@example.com"]},) * 2
    assert both("find_user", name="nobody") == ({"emails": []},) * 2
    for team, count in (("ops", 1), ("dev", 1), ("qa", 0)):
        assert both("team_members", team=team) == ({"count": count},) * 2

    everyone = {"emails": ["ann@example.com", "bob@example.com", "ob@example.com"]}
    assert both("find_user", name="' or '1'='1") == (everyone, {"emails": []})
    injected = "x' or '1'='1' or 'x'='"  # also slips past the @active = 'yes' condition
    assert both("team_members", team=injected) == ({"count": 3}, {"count": 0})
    request.args = Args(name="O'Brien")
    with pytest.raises(orig.etree.XPathEvalError):  # the quote ends the original's literal
        orig.find_user()
    assert fixed.find_user() == {"emails": ["ob@example.com"]}


# --- redirects -----------------------------------------------------------------------------------

PAGE = "https://app.example/login/done"


def browser_landing(location: str, page: str = PAGE) -> str:
    """Where a browser goes for a Location header, by the WHATWG URL rules that decide the host:
    leading and trailing controls and spaces dropped, tabs and newlines removed, and a backslash
    read as a slash before the query."""
    cleaned = re.sub(r"[\t\n\r]", "", location.strip("".join(map(chr, range(0x21)))))
    before_query = re.match(r"[^?#]*", cleaned)
    assert before_query is not None
    cut = before_query.end()
    return urljoin(page, cleaned[:cut].replace("\\", "/") + cleaned[cut:])


def _redirect_pair(mp: pytest.MonkeyPatch, tmp: Path) -> tuple[Request, types.ModuleType, types.ModuleType]:
    request = Request()
    orig, fixed = pair("redirect", mp, tmp, fakes.flask_modules(request))
    return request, orig, fixed


def _landings(request: Request, orig: types.ModuleType, fixed: types.ModuleType, **args: str) -> list[str]:
    request.args = Args(args)
    responses = [orig.login_done(), fixed.login_done()]
    assert [r.status for r in responses] == [302, 302]
    return [browser_landing(r.headers["Location"]) for r in responses]


def redirect(mp: pytest.MonkeyPatch, tmp: Path) -> None:
    request, orig, fixed = _redirect_pair(mp, tmp)
    assert _landings(request, orig, fixed) == ["https://app.example/"] * 2
    for target in ("/account?tab=2", "/", "/reports/2024#q3"):
        assert _landings(request, orig, fixed, next=target) == [f"https://app.example{target}"] * 2
    # werkzeug percent-encodes a backslash and keeps a tab only after urlsplit dropped it, so only
    # these two are certain to leave the site on the original; every one must stay after the fix.
    for attack, leaves_before in (
        ("//evil.example", True),
        ("https://evil.example", True),
        ("/\\evil.example", False),
        ("/\t/evil.example", False),
        (" //evil.example/x?a=\\", False),
    ):
        before, after = _landings(request, orig, fixed, next=attack)
        if leaves_before:
            assert urlsplit(before).hostname == "evil.example"
        assert urlsplit(after).hostname == "app.example", (attack, after)


# What the needs-review redirect rewrites change for benign targets, as their review notes say.
# JavaScript: a full URL to this same site becomes a path on it, and a relative target resolves
# from the site root instead of beside /login/done. Python keeps relative targets (the check
# accepts them) and sends any absolute URL, this site's too, to the root.
SAME_SITE_CHANGES = {
    "https://app.example/account": (
        "https://app.example/account",
        "https://app.example/https://app.example/account",
    ),
    "settings": ("https://app.example/login/settings", "https://app.example/settings"),
}
PY_SAME_SITE_CHANGES = {
    "https://app.example/account": ("https://app.example/account", "https://app.example/")
}
PY_SAME_SITE_KEPT = ("settings", "../account", "reports/2024?q=3#top")


def redirect_same_site_changes(mp: pytest.MonkeyPatch, tmp: Path) -> None:
    request, orig, fixed = _redirect_pair(mp, tmp)
    for target, (before, after) in PY_SAME_SITE_CHANGES.items():
        assert _landings(request, orig, fixed, next=target) == [before, after], target
    for target in PY_SAME_SITE_KEPT:
        before, after = _landings(request, orig, fixed, next=target)
        assert before == after and urlsplit(after).hostname == "app.example", target


# --- files, markup, headers, logs, regex ---------------------------------------------------------


def header_lines(raw: str) -> list[str]:
    return raw.split("\r\n\r\n")[0].split("\r\n")


def web_taint(mp: pytest.MonkeyPatch, tmp: Path) -> None:
    request = Request()
    orig, fixed = pair("web_taint", mp, tmp, fakes.flask_modules(request))
    uploads = tmp / "uploads"
    uploads.mkdir()
    (uploads / "report.txt").write_text("quarterly")
    (tmp / "secret.txt").write_text("TOPSECRET")

    def both(view: str, **args: str) -> tuple[Any, Any]:
        request.args = fakes.Args(args)
        return getattr(orig, view)(), getattr(fixed, view)()

    assert both("hello") == ("<p>Hello world</p>",) * 2
    assert both("hello", name="Ann") == ("<p>Hello Ann</p>",) * 2
    assert both("card", who="Ann") == ("<b>Ann</b>",) * 2
    assert both("greet", name="Ann") == ("<h1>Hello Ann</h1>",) * 2
    script = "<script>alert(1)</script>"
    for view, key in (("hello", "name"), ("card", "who"), ("greet", "name")):
        before, after = both(view, **{key: script})
        assert script in before and script not in after and "&lt;script&gt;" in after
    assert both("greet", name="{{ 7 * 7 }}") == ("<h1>Hello 49</h1>", "<h1>Hello {{ 7 * 7 }}</h1>")

    for target in (orig, fixed):
        mp.setattr(target, "UPLOADS", str(uploads))
    assert both("download", file="report.txt") == (b"quarterly", b"quarterly")
    request.args = fakes.Args(file="../secret.txt")
    assert orig.download() == b"TOPSECRET"
    with pytest.raises(FileNotFoundError):  # confined to the uploads folder
        fixed.download()

    before, after = both("lang", lang="en-US")
    assert before.raw() == after.raw()
    before, after = both("lang", lang="en\r\nSet-Cookie: sid=evil")
    assert "Set-Cookie: sid=evil" in header_lines(before.raw())  # a second header was written
    assert header_lines(after.raw()) == [
        "HTTP/1.1 200 OK",
        f"Content-Language: {after.headers['Content-Language']}",
    ]

    lines: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: lines.append(record.getMessage())  # type: ignore[method-assign]
    for target in (orig, fixed):
        mp.setattr(target.log, "handlers", [handler])
        mp.setattr(target.log, "level", logging.INFO)
    assert both("search", q="alp") == ({"hits": ["alpha"]},) * 2
    assert all("alp" in line for line in lines)
    lines.clear()
    assert both("search", q="x\nINFO admin logged in") == ({"hits": []},) * 2
    assert lines[0].splitlines()[1] == "INFO admin logged in"  # a forged second line
    assert len(lines[1].splitlines()) == 1
    assert both("search", q="a.*") == ({"hits": ["alpha", "beta"]}, {"hits": []})
    assert both("search", q="(a+)+$") == ({"hits": ["alpha", "beta"]}, {"hits": []})


def upload(mp: pytest.MonkeyPatch, tmp: Path) -> None:
    request = Request()
    orig, fixed = pair("upload", mp, tmp, {**fakes.flask_modules(request), **fakes.werkzeug_modules()})
    folders = {}
    for label, target in (("orig", orig), ("fixed", fixed)):
        folders[label] = tmp / label / "srv" / "uploads"
        folders[label].mkdir(parents=True)
        mp.setattr(target, "UPLOAD_DIR", str(folders[label]))

    def both(filename: str) -> None:
        request.files = {"avatar": fakes.Upload(b"\x89PNG", filename=filename)}
        assert orig.avatar() == fixed.avatar() == "saved"

    both("me.png")
    assert (
        [p.name for p in folders["orig"].iterdir()]
        == [p.name for p in folders["fixed"].iterdir()]
        == ["me.png"]
    )
    both("../../app.py")  # from srv/uploads up to the application's own folder
    assert (tmp / "orig" / "app.py").read_bytes() == b"\x89PNG"
    assert not (tmp / "fixed" / "app.py").exists() and (folders["fixed"] / "app.py").exists()
    both(".htaccess")  # a hidden server configuration file in a served folder
    assert (folders["orig"] / ".htaccess").exists()
    assert not (folders["fixed"] / ".htaccess").exists() and (folders["fixed"] / "htaccess").exists()
    written = {p.relative_to(tmp / "fixed") for p in (tmp / "fixed").rglob("*") if p.is_file()}
    assert all(p.parent == Path("srv/uploads") for p in written), written


def llm_output(mp: pytest.MonkeyPatch, tmp: Path) -> None:
    llm = OpenAIFake()
    modules = {**fakes.flask_modules(Request()), "openai": module("openai", OpenAI=llm.client)}
    mp.setenv("OPENAI_API_KEY", "sk-from-env")
    orig, fixed = pair("llm_output", mp, tmp, modules)
    assert llm.keys == ["sk-live4f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c", "sk-from-env"]
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE notes (id INTEGER, topic TEXT)")
    db.executemany("INSERT INTO notes VALUES (?, ?)", [(1, "42"), (2, "refunds")])
    opened: list[str] = []

    def fake_open(path: str, *_: Any) -> StringIO:
        opened.append(os.path.normpath(path))
        return StringIO("note")

    for target in (orig, fixed):
        mp.setattr(target, "open", fake_open, raising=False)

    def act(target: types.ModuleType, answer: str) -> tuple[Any, list[list[str]]]:
        llm.reply = answer
        out: list[Any] = []
        shell = recorded(target, mp, lambda: out.append(target.act("q", db)))
        return out[0], shell.argvs

    before, after = act(orig, "42"), act(fixed, "42")
    assert before == after == (("42", 42, [(1,)], "note"), [["grep", "42", "notes.txt"]])
    assert opened == ["/srv/notes/42"] * 2

    pid = '__import__("os").getpid()'
    assert act(orig, pid)[0][1] == os.getpid()  # the model's text ran as code
    with pytest.raises(ValueError):
        act(fixed, pid)
    assert act(orig, '"\' OR 1=1 --"')[0][2] == [(1,), (2,)]
    assert act(fixed, '"\' OR 1=1 --"')[0][2] == []
    assert act(orig, "[1,\n2]")[1] == [["grep", "[1,"], ["2]", "notes.txt"]]  # newline ends a command
    assert act(fixed, "[1,\n2]")[1] == [["grep", "[1,\n2]", "notes.txt"]]
    script = '"<script>alert(1)</script>"'
    assert "<script>" in act(orig, script)[0][0]
    assert "<script>" not in act(fixed, script)[0][0] and "&lt;script&gt;" in act(fixed, script)[0][0]
    opened.clear()
    act(orig, '"/../../../etc/passwd"')
    assert opened == ['/etc/passwd"']  # the model's text named a file outside /srv/notes
    act(fixed, '"/../../../etc/passwd"')
    assert opened[1:] == ['/srv/notes/passwd"']

    llm.reply, llm.requests[:] = "Refunds within 30 days.", []
    assert orig.ask() == fixed.ask() == {"answer": "Refunds within 30 days."}
    assert "max_tokens" not in llm.requests[0] and llm.requests[1]["max_tokens"] == 1024


# --- secrets, keys, XML --------------------------------------------------------------------------


def secrets_env(mp: pytest.MonkeyPatch, tmp: Path) -> None:
    http = Calls(answer="charged")
    mp.setenv("STRIPE_KEY", "sk_test_from_env")
    orig, fixed = pair("secrets_env", mp, tmp, {"requests": module("requests", post=http.post)})
    assert orig.charge(100) == fixed.charge(100) == "charged"
    (_, args_before, before), (_, args_after, after) = http.made
    assert args_before == args_after and before["json"] == after["json"] == {"amount": 100}
    assert before["auth"] == ("sk_live_4eC39HqLyjWDarjtT1zdp7dcQ2", "")  # the key shipped in the code
    assert after["auth"] == ("sk_test_from_env", "")
    mp.delenv("STRIPE_KEY")
    with pytest.raises(KeyError):  # no key in the environment: it fails rather than fall back
        pair("secrets_env", mp, tmp)


def _crypto_stand_in() -> dict[str, types.ModuleType]:
    """Empty cryptography modules where it is not installed (it is not a vsguard dependency)."""
    try:
        import cryptography.hazmat.primitives.asymmetric  # noqa: F401
    except ImportError:
        names = ("cryptography", "cryptography.hazmat", "cryptography.hazmat.primitives")
        asymmetric = module("cryptography.hazmat.primitives.asymmetric", ec=None, rsa=None)
        return {**{n: module(n) for n in names}, asymmetric.__name__: asymmetric}
    return {}


def keys_xml(mp: pytest.MonkeyPatch, tmp: Path) -> None:
    request, etree = Request(), fakes.Etree()
    modules = {**fakes.flask_modules(request), **etree.modules(), **_crypto_stand_in()}
    orig, fixed = pair("keys_xml", mp, tmp, modules)

    request.data = b"<order><item>book</item></order>"
    assert orig.import_xml() == fixed.import_xml() == {"root": "order"}
    assert etree.parsed[0] == etree.parsed[1]
    secret = tmp / "secret.txt"
    secret.write_text("TOPSECRET")
    request.data = (
        f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "{secret.as_uri()}">]><r>&x;</r>'
    ).encode()
    assert orig.import_xml() == fixed.import_xml() == {"root": "r"}
    assert "TOPSECRET" in etree.parsed[2].text  # the parser read a local file named by the input
    assert "TOPSECRET" not in etree.parsed[3].text

    if orig.rsa is None:
        pytest.skip("cryptography is not installed: key sizes not checked (the XML half passed)")
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec, padding

    for target, rsa_bits, curve_bits in ((orig, 1024, 192), (fixed, 3072, 256)):
        signing, exchange = target.make_keys()
        assert (signing.key_size, exchange.curve.key_size) == (rsa_bits, curve_bits)
        sig = signing.sign(b"msg", padding.PKCS1v15(), hashes.SHA256())
        signing.public_key().verify(sig, b"msg", padding.PKCS1v15(), hashes.SHA256())
        sig = exchange.sign(b"msg", ec.ECDSA(hashes.SHA256()))
        exchange.public_key().verify(sig, b"msg", ec.ECDSA(hashes.SHA256()))
