"""Checks on what tests/drivers/js/cases_web.js observed for the web-stack JavaScript fix cases:
benign input behaves alike before and after the rewrite, the attack works only before it."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

Obs = dict[str, Any]
_UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"


def web_settings(orig: Obs, fixed: Obs) -> None:
    app = "https://app.example.com"
    assert fixed["cors"]["app"] == orig["cors"]["app"]
    assert orig["cors"]["app"]["headers"] == {
        "access-control-allow-origin": app,
        "access-control-allow-credentials": "true",
    }
    # any site could read credentialed answers before; now the browser gets no allow-origin for it
    assert orig["cors"]["evil"]["headers"]["access-control-allow-origin"] == "https://evil.example"
    assert "access-control-allow-origin" not in fixed["cors"]["evil"]["headers"]
    assert fixed["xml"]["benign"] == orig["xml"]["benign"] == {"value": "hi"}
    assert orig["xml"]["attack"] == {"value": "s3cret-db-password"}  # the external entity was read
    assert fixed["xml"]["attack"] == {"value": "&x;"}
    assert all(o == {"nonet": True} for o in fixed["xmlOptions"])  # the other option is kept
    # (each run signs its own tokens, so only the claim both accept is compared)
    assert orig["jwt"]["valid"]["value"]["sub"] == fixed["jwt"]["valid"]["value"]["sub"] == "ann"
    assert orig["jwt"]["unsigned"]["value"]["sub"] == "admin"  # an unsigned token was trusted
    assert fixed["jwt"]["unsigned"] == {"error": "JsonWebTokenError: invalid algorithm"}
    assert orig["jwt"]["expired"]["value"]["sub"] == "ann"
    assert fixed["jwt"]["expired"] == {"error": "TokenExpiredError: jwt expired"}


def csrf_config(orig: Obs, fixed: Obs) -> None:
    for request in ("get", "post"):
        assert fixed[request] == orig[request] == {"passed": True, "headers": {}}
    assert orig["crossSite"] == {"passed": True, "headers": {}}  # a forged form post went through
    assert fixed["crossSite"] == {"error": "lusca: CSRF token mismatch"}


def debug_pages(orig: Obs, fixed: Obs) -> None:
    (page,) = orig["sent"]
    assert page.startswith(
        "Error: connection to db-internal:5432 refused\n    at "
    )  # the stack, to the client
    assert fixed["sent"] == []  # in production no handler sends the stack
    assert orig["apollo"]["extensions"]["stacktrace"][0].startswith("Error: connection")
    assert fixed["apollo"] == {"message": orig["apollo"]["message"], "extensions": {}}


def temp_files(orig: Obs, fixed: Obs) -> None:
    # the writes followed symlinks another local user planted at the fixed names
    assert orig["writes"] == ["/home/victim/.bashrc", "/home/victim/.ssh/authorized_keys"]
    assert sorted(orig["written"].values()) == sorted(fixed["written"].values()) == ["a,b\n1,2", "hello"]
    dirs = fixed["dirs"]
    assert len(dirs) == len(set(dirs)) == 2 and all(re.fullmatch(r"/tmp/app-[\w-]{6}", d) for d in dirs)
    assert [w.rsplit("/", 1) for w in fixed["writes"]] == [[dirs[0], "export.csv"], [dirs[1], "report.txt"]]


def login_log(orig: Obs, fixed: Obs) -> None:
    assert orig["benign"] == ["failed login for ann"] and fixed["benign"] == ['failed login for "ann"']
    assert orig["attack"] == ["failed login for ann", "INFO password changed for admin"]  # a forged entry
    assert fixed["attack"] == ['failed login for "ann\\nINFO password changed for admin"']


def server_inputs(orig: Obs, fixed: Obs) -> None:
    log_b, log_f = orig["log"], fixed["log"]
    assert log_b["benign"] == ["failed login for ann"] and log_f["benign"] == ['failed login for "ann"']
    assert len(log_b["attack"]) == 2 and log_b["attack"][1].endswith("INFO login ok for admin")  # forged line
    assert log_f["attack"] == ['failed login for "ann\\n2026-12-04T10:00:00Z INFO login ok for admin"']
    assert fixed["ldap"]["benign"] == orig["ldap"]["benign"] == ['["ann"]']
    assert orig["ldap"]["attack"] == ['["ann","bob"]'] and fixed["ldap"]["attack"] == ["[]"]
    assert fixed["ldap"]["filters"] == ["(uid=ann)", "(uid=\\2a)"]
    assert fixed["mail"]["benign"] == orig["mail"]["benign"] == {"html": ["<p>Hello Ann</p>"], "ran": False}
    assert orig["mail"]["attack"]["ran"] is True  # the name was template code, run on the server
    assert fixed["mail"]["attack"] == {
        "html": ["<p>Hello &lt;%= (globalThis.__pwned = 1) %&gt;</p>"],
        "ran": False,
    }
    assert fixed["upgrade"]["benign"] == orig["upgrade"]["benign"]
    assert "\r\nSet-Cookie: sid=attacker\r\n" in orig["upgrade"]["attack"][0]  # a header of the client's
    assert "Set-Cookie" not in fixed["upgrade"]["attack"][0].split("\r\n")[2:]
    assert "chat%0D%0ASet-Cookie%3A%20sid%3Dattacker\r\n" in fixed["upgrade"]["attack"][0]
    assert orig["upload"] == ["report.pdf", "report.pdf", "index.html"]  # the second replaced the first
    first, second, page = fixed["upload"]
    assert (
        re.fullmatch(_UUID + r"\.pdf", first) and re.fullmatch(_UUID + r"\.pdf", second) and first != second
    )
    assert re.fullmatch(_UUID + r"\.html", page)


def upload_limits(orig: Obs, fixed: Obs) -> None:
    for name in ("upload", "avatars", "memory"):
        assert orig[name]["photo"] == fixed[name]["photo"] == "stored"
        assert orig[name]["huge"] == "stored"  # a 4 GiB upload was buffered or written
        assert fixed[name]["huge"] == "LIMIT_FILE_SIZE"
    assert orig["files"] == fixed["files"] == 1  # the limit already set is kept


def templates(orig: Obs, fixed: Obs) -> None:
    assert fixed["benign"] == orig["benign"] == {"mail": ["Dear Ann,", "Hi Ann"], "ran": False}
    assert orig["attack"]["ran"] is True  # the name ran as template code
    attack = "{{ range.constructor(&quot;globalThis.__pwned = 1&quot;)() }}"
    assert fixed["attack"] == {"mail": [f"Dear {attack},", f"Hi {attack}"], "ran": False}


def xpath_lookup(orig: Obs, fixed: Obs) -> None:
    assert fixed["benign"] == orig["benign"] == ['{"found":["ann"],"admin":"ann"}']
    assert orig["attack"] == ['{"found":["ann","bob"],"admin":"bob"}']  # every user, and a non-admin
    assert fixed["attack"] == ['{"found":[]}']


WEB_CHECKS: dict[str, Callable[[Obs, Obs], None]] = {
    "csrf_config": csrf_config,
    "debug_pages": debug_pages,
    "login_log": login_log,
    "server_inputs": server_inputs,
    "temp_files": temp_files,
    "templates": templates,
    "upload_limits": upload_limits,
    "web_settings": web_settings,
    "xpath_lookup": xpath_lookup,
}
