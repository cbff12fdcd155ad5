"""Checks on what tests/drivers/js/harness.js observed for each JavaScript fix case.

The harness runs the original and the fixed file in one node process; each check gets both
observations. Statements the database fakes recorded are run here on an in-memory SQLite.
"""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from drivers.js_web_checks import WEB_CHECKS
from drivers.python_web_cases import SAME_SITE_CHANGES

HARNESS = Path(__file__).parent / "js" / "harness.js"
CORPUS = Path(__file__).parent.parent / "fixes" / "javascript"

Obs = dict[str, Any]
Check = Callable[[Obs, Obs], None]


def run_harness(timeout: float = 60) -> dict[str, Any]:
    done = subprocess.run(
        ["node", str(HARNESS), str(CORPUS)], capture_output=True, text=True, timeout=timeout, check=False
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def driven_cases() -> list[str]:
    """The case names cases.js and cases_web.js have a driver for (their top-level keys)."""
    names: list[str] = []
    for module in ("cases.js", "cases_web.js"):
        text = (HARNESS.parent / module).read_text(encoding="utf-8")
        names += re.findall(r"^  (\w+): \{$", text, flags=re.M)
    return sorted(names)


def sqlite_rows(schema: str, rows: list[tuple[Any, ...]], statements: list[Obs]) -> list[list[Any]]:
    """Run each recorded {sql, params} on a fresh table; $1/$2 (pg) and ? (mysql) both bind."""
    conn = sqlite3.connect(":memory:")
    conn.execute(schema)
    marks = ", ".join("?" * len(rows[0]))
    table = schema.split()[2]
    conn.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
    return [conn.execute(re.sub(r"\$(\d+)", r"?\1", s["sql"]), s["params"]).fetchall() for s in statements]


USERS = ("CREATE TABLE users (id INTEGER, name TEXT)", [(1, "alice"), (2, "bob"), (3, "alicia")])
NOTES = ("CREATE TABLE notes (id INTEGER, topic TEXT)", [(1, "42"), (2, "refunds")])
ITEMS = ("CREATE TABLE items (id INTEGER, title TEXT)", [(1, "alien"), (2, "kalimba"), (3, "zebra")])


def command(orig: Obs, fixed: Obs) -> None:
    assert fixed["benign"] == orig["benign"]
    for call, runs in orig["attack"].items():
        assert {"argv": ["rm", "-rf", "/"], "options": runs[0]["options"]} in runs  # a second program ran
        after = fixed["attack"][call]
        assert len(after) == 1 and "example.com; rm -rf /" in after[0]["argv"]


def crypto(orig: Obs, fixed: Obs) -> None:
    assert orig["hashes"] == [orig["sha1"]] * 2  # unsalted: a precomputed table finds the password
    assert fixed["hashes"][0] != fixed["hashes"][1]
    assert all(h.startswith("$2b$12$") for h in fixed["hashes"])
    assert fixed["hashed"] == [{"password": "hunter2", "cost": 12}] * 2
    assert len(orig["fingerprint"]) == 32 and fixed["fingerprint"] == fixed["sha256"]
    assert len(set(orig["tokens"])) == len(set(fixed["tokens"])) == 20
    assert all(re.fullmatch(r"[0-9a-z]{6,12}", t) for t in orig["tokens"])  # at most 53 bits
    assert all(re.fullmatch(r"[0-9a-f]{32}", t) for t in fixed["tokens"])  # 128 bits
    assert len(set(orig["predicted"])) == 1  # Math.random's state decides every token
    assert len(set(fixed["predicted"])) == 5  # the CSPRNG does not depend on it


def deserialize(orig: Obs, fixed: Obs) -> None:
    assert fixed["benign"] == orig["benign"] == {"name": "ann", "roles": ["admin"]}
    assert orig["ran"] is True  # the cookie ran code while being read
    assert fixed["ran"] is False and fixed["attack"]["value"]["name"].startswith("_$$ND_FUNC$$_")


def llm(orig: Obs, fixed: Obs) -> None:
    assert fixed["sent"] == orig["sent"]
    assert orig["apiKeys"] == ["sk-live4f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c"] and fixed["apiKeys"] == [
        "sk-from-env"
    ]
    (before,), (after,) = orig["requests"], fixed["requests"]
    assert "max_tokens" not in before and after.pop("max_tokens") == 1024 and after == before


def llm_flow(orig: Obs, fixed: Obs) -> None:
    def rows(obs: Obs) -> list[list[Any]]:
        return sqlite_rows(*NOTES, obs["sql"])

    before, after = orig["benign"], fixed["benign"]
    assert rows(before) == rows(after) == [[(1,)]]
    assert {k: v for k, v in before.items() if k != "sql"} == {k: v for k, v in after.items() if k != "sql"}
    assert orig["code"]["ran"] is True  # the model's text ran as code
    assert fixed["code"] == {**fixed["code"], "error": "SyntaxError", "ran": False, "runs": []}
    assert rows(orig["sql"]) == [[(1,), (2,)]] and rows(fixed["sql"]) == [[]]
    assert len(orig["shell"]["runs"]) == 2  # the line break started a second command
    assert fixed["shell"]["runs"] == [["git", "log", "[1,\n2]"]]
    assert orig["path"]["writes"] == ['/etc/passwd"']
    assert all(w.startswith("/srv/notes/") for o in fixed.values() for w in o["writes"])
    assert "img" in orig["markup"]["el"]["tags"] and fixed["markup"]["el"]["tags"] == []


def merge(orig: Obs, fixed: Obs) -> None:
    settings = {"theme": "dark", "notifications": {"email": True, "sms": True}}
    assert [json.loads(s) for s in orig["benign"]] == [json.loads(s) for s in fixed["benign"]] == [settings]
    assert fixed["attack"] == orig["attack"]  # the settings themselves are merged alike
    assert orig["polluted"] == 1  # every object in the process now has `polluted`
    assert fixed["polluted"] is None


def _host(url: str) -> str | None:
    return urlsplit(url).hostname


def redirect(orig: Obs, fixed: Obs) -> None:
    before, after = orig["targets"], fixed["targets"]
    for target in ("undefined", "/account?tab=2", "/reports/2024#q3"):
        assert after[target] == before[target]
        assert before[target]["lands"] == "https://app.example" + ("/" if target == "undefined" else target)
    # express percent-encodes a backslash, a tab or a leading space in the Location (%5C, %09, %20),
    # so only these two leave the site on the original; after the fix no target leaves it.
    for target in ("//evil.example", "https://evil.example"):
        assert _host(before[target]["lands"]) == "evil.example"
    assert all(_host(landing["lands"]) == "app.example" for landing in after.values())
    assert all(landing["status"] == 302 for landing in (*before.values(), *after.values()))

    for q, match in (("alice", True), ("example", True), ("bob", False)):
        assert orig["matches"][q] == fixed["matches"][q] == [f'{{"match":{json.dumps(match)}}}']
    for q in ("A.*e", "^alice"):  # the text is a pattern before the fix and plain text after it
        assert orig["matches"][q] == ['{"match":true}'] and fixed["matches"][q] == ['{"match":false}']
    assert orig["unbalanced"] == {"error": "SyntaxError"}  # "(" made the route throw
    assert fixed["unbalanced"] == {"value": ['{"match":false}']}


def redirect_same_site_changes(orig: Obs, fixed: Obs) -> None:
    """What the needs-review rewrite changes for benign targets (see python_web_cases)."""
    for target, (before, after) in SAME_SITE_CHANGES.items():
        assert (orig["targets"][target]["lands"], fixed["targets"][target]["lands"]) == (before, after), (
            target
        )


def render(orig: Obs, fixed: Obs) -> None:
    # The template's own <b> stays markup; the inserted name is escaped, so it shows as text.
    assert fixed["benign"] == orig["benign"] == {"html": "<b>Ann</b>", "tags": ["b"]}
    assert orig["attack"]["tags"] == ["b", "img"]
    assert fixed["attack"] == {
        "html": "<b>&lt;img src=x onerror=&quot;globalThis.__pwned=1&quot;&gt;</b>",
        "tags": ["b"],
    }


def credentials(orig: Obs, fixed: Obs) -> None:
    # Same connection and queries; only where the password comes from changed.
    assert (
        orig["sql"]
        == fixed["sql"]
        == [{"sql": "SELECT id FROM orders WHERE customer = ?", "params": ["ann"]}]
    )
    (before,), (after,) = orig["connections"], fixed["connections"]
    assert before == {"host": "db.internal", "user": "shop", "password": "Tr0ub4dor-horse-77"}
    assert after == {**before, "password": "from-the-environment"}


def secrets(orig: Obs, fixed: Obs) -> None:
    assert orig["key"] == "sk_live_4eC39HqLyjWDarjtT1zdp7dcQ2" and fixed["key"] == "sk_test_from_env"


def server_flow(orig: Obs, fixed: Obs) -> None:
    for key in ("hello", "file", "login", "loginWrong"):
        assert fixed[key] == orig[key]
    assert "<img" in orig["helloAttack"][0] and "<img" not in fixed["helloAttack"][0]
    assert "&lt;img" in fixed["helloAttack"][0]
    assert orig["fileAttack"] == ["root:x:0:0"]  # read outside /srv/files
    assert "root:x" not in fixed["fileAttack"][0]
    assert all(r.startswith("/srv/files/") for r in fixed["reads"])
    assert orig["loginAttack"] == ['{"ok":true}']  # the operator matched any email
    assert fixed["loginAttack"] == ['{"ok":false}']


def sql(orig: Obs, fixed: Obs) -> None:
    before, after = sqlite_rows(*USERS, orig["sql"]), sqlite_rows(*USERS, fixed["sql"])
    assert after[0] == before[0] == [(1, "alice")] and after[2] == before[2] == [(1,), (2,)]
    assert len(before[1]) == 3 and after[1] == []
    assert len(before[3]) == 3 and after[3] == []


def sql_mysql(orig: Obs, fixed: Obs) -> None:
    before, after = sqlite_rows(*ITEMS, orig["sql"]), sqlite_rows(*ITEMS, fixed["sql"])
    assert after[:2] == before[:2] == [[(1,), (2,)], []]
    assert len(before[2]) == 3 and after[2] == []


def web(orig: Obs, fixed: Obs) -> None:
    for before, after in zip(orig["cookies"], fixed["cookies"], strict=True):
        assert (before["name"], before["value"]) == (after["name"], after["value"])
        assert not (before["options"] or {}).get("secure") and not (before["options"] or {}).get("httpOnly")
        assert after["options"]["secure"] is after["options"]["httpOnly"] is True
        assert after["options"]["sameSite"] == "lax"
    assert (orig["rejectUnauthorized"], orig["processWideTls"]) == (False, "0")
    assert (fixed["rejectUnauthorized"], fixed["processWideTls"]) == (True, None)
    assert orig["keepAlive"] is fixed["keepAlive"] is True
    assert fixed["parsed"] == orig["parsed"] == {"value": [1, {"a": "b"}, None]}
    assert orig["ran"] is True and fixed["ran"] is False and fixed["code"] == {"error": "SyntaxError"}
    # The appended copy (the `+=` line) keeps its <br> and shows the message as text after the fix;
    # the other two lines are not flagged.
    assert fixed["show"] == orig["show"] == {"html": "HiHi<br>Hi", "tags": ["br"]}
    assert orig["showAttack"]["tags"] == ["img", "img", "br", "img"]
    assert fixed["showAttack"]["tags"] == ["img", "img", "br"]
    assert fixed["showAttack"]["html"].endswith(
        "<br>&lt;img src=x onerror=&quot;globalThis.__pwned=1&quot;&gt;"
    )


def signing_key(orig: Obs, fixed: Obs) -> None:
    assert fixed["benign"] == orig["benign"]
    assert orig["benign"]["claims"] == {"value": {"sub": "ann", "scope": "dashboard"}}
    source = (CORPUS / "signing_key.fixed.js").read_text(encoding="utf-8")
    assert (
        orig["leaked"] in (CORPUS / "signing_key.js").read_text(encoding="utf-8")
        and orig["leaked"] not in source
    )
    # after rotation a token forged with the old key passes the original and not the fixed code
    assert orig["attack"]["forged"] == {"value": {"sub": "admin", "scope": "dashboard"}}
    assert fixed["attack"]["forged"] == {"error": "Error"}
    assert orig["attack"]["webhookMatchesOldKey"] and not fixed["attack"]["webhookMatchesOldKey"]
    assert fixed["attack"]["roundTrip"] == {"value": {"sub": "bob", "scope": "dashboard"}}
    assert set(orig["keys"]) == {orig["leaked"]} and orig["leaked"] not in fixed["keys"][2:]
    assert "error" in fixed["unset"] and "value" in orig["unset"]  # no key set: it fails, no fallback


JS_CHECKS: dict[str, Check] = {
    **WEB_CHECKS,
    "command": command,
    "credentials": credentials,
    "crypto": crypto,
    "deserialize": deserialize,
    "llm": llm,
    "llm_flow": llm_flow,
    "merge": merge,
    "redirect": redirect,
    "render": render,
    "secrets": secrets,
    "signing_key": signing_key,
    "server_flow": server_flow,
    "sql": sql,
    "sql_mysql": sql_mysql,
    "web": web,
}
