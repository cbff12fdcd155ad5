"""The bundled Flask example (examples/vulnerable/app.py), run before and after `vsguard fix --apply`.

Flask, requests and argon2-cffi are not needed: small fakes stand in for them, while sqlite3,
pickle, json, ast and PyYAML are the real libraries. `yaml.load` with no Loader is read as PyYAML
before 5.1 read it (the full, unsafe loader), which is what the example's line relies on.

Each route is called on the original and the fixed module with the same benign request (the
results must be equal) and with an attack (it must work on the original and fail on the fixed
code). A route whose fix needed review and was not accepted must still behave as the original.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import pickle
import runpy
import sqlite3
import sys
import types
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from drivers import fakes
from drivers.fakes import Args, Calls, Recorder, Request, Upload, module

# Calls an attack managed to make: what the injected code ran with.
PWNED: list[str] = []


def pwned(how: str) -> str:
    """What injected code calls (by its dotted name), instead of a real command."""
    PWNED.append(how)
    return how


class _Gadget:
    """A pickle that calls `pwned` while it is being read."""

    def __reduce__(self) -> tuple[Callable[[str], str], tuple[str]]:
        return pwned, ("pickle",)


def _unsafe_yaml() -> types.ModuleType:
    """PyYAML as the example expects it: `load` without a Loader reads Python tags (pre-5.1)."""

    def load(stream: Any, Loader: Any = yaml.UnsafeLoader) -> Any:
        return yaml.load(stream, Loader=Loader)

    return module("yaml", load=load, safe_load=yaml.safe_load, constructor=yaml.constructor)


@dataclass
class PasswordHasher:
    """argon2-cffi's PasswordHasher: a salted, self-describing hash string, and verify."""

    time_cost: int = 3
    memory_cost: int = 65536
    parallelism: int = 4
    made: list[str] = field(default_factory=list)

    def hash(self, password: str | bytes) -> str:
        secret = password.encode() if isinstance(password, str) else password
        salt = os.urandom(8).hex()
        digest = hashlib.scrypt(secret, salt=salt.encode(), n=2**10, r=8, p=1).hex()  # fast: a fake
        self.made.append(salt)
        params = f"m={self.memory_cost},t={self.time_cost},p={self.parallelism}"
        return f"$argon2id$v=19${params}${salt}${digest}"

    def verify(self, stored: str, password: str | bytes) -> bool:
        secret = password.encode() if isinstance(password, str) else password
        salt = stored.split("$")[4]
        if hashlib.scrypt(secret, salt=salt.encode(), n=2**10, r=8, p=1).hex() != stored.split("$")[5]:
            raise ValueError("password does not match")
        return True


@dataclass
class Example:
    """One load of the example, with the request and the recorders its routes report to."""

    app: types.ModuleType
    request: Request
    http: Calls
    source: Path


def _modules(request: Request, http: Calls) -> dict[str, types.ModuleType]:
    return {
        **fakes.flask_modules(request),
        "requests": module("requests", get=http.get),
        "yaml": _unsafe_yaml(),
        "argon2": module("argon2", PasswordHasher=PasswordHasher),
    }


def load(path: Path, name: str, mp: pytest.MonkeyPatch) -> Example:
    request, http = Request(), Calls(answer=types.SimpleNamespace(text="internal data"))
    for key, fake in _modules(request, http).items():
        mp.setitem(sys.modules, key, fake)
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    loaded = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(loaded)
    return Example(loaded, request, http, path)


def _commands(example: Example, mp: pytest.MonkeyPatch, view: str, **args: str) -> list[list[str]]:
    recorder = Recorder()
    with mp.context() as local:
        recorder.install(example.app, local)

        def check_output(command: str | list[str], shell: bool = False, **_: Any) -> bytes:
            recorder.run(command, shell=shell)
            return b"1 packets transmitted"

        local.setattr(example.app.subprocess, "check_output", check_output)
        example.request.args = Args(args)
        getattr(example.app, view)()
    return recorder.argvs


def _login(example: Example, username: str, password: str) -> tuple[str, list[str]]:
    example.request.form = {"username": username, "password": password}
    response = example.app.login()
    return response.body, response.cookies


def _stored_password(example: Example, mp: pytest.MonkeyPatch, password: str) -> tuple[str, str]:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT, pw TEXT)")
    with mp.context() as local:
        local.setattr(example.app, "get_db", lambda: conn)
        example.request.form = {"password": password}
        answer = example.app.register()
    (stored,) = conn.execute("SELECT pw FROM users").fetchone()
    return answer, stored


def _import(example: Example, settings: bytes, state: bytes) -> Any:
    example.request.data = settings
    example.request.files = {"state": Upload(state)}
    return example.app.import_data()


def _debug(path: Path, mp: pytest.MonkeyPatch) -> Any:
    request = Request()
    for key, fake in _modules(request, Calls()).items():
        mp.setitem(sys.modules, key, fake)
    return runpy.run_path(str(path), run_name="__main__")["app"].ran


def drive(orig_path: Path, fixed_path: Path, mp: pytest.MonkeyPatch, tmp: Path, reviewed: set[str]) -> None:
    """Run every route of both; `reviewed` holds the rules whose needs-review fixes were applied."""
    mp.chdir(tmp)
    mp.setenv("SECRET_KEY", "from-the-environment")
    mp.delenv("FLASK_DEBUG", raising=False)
    with sqlite3.connect(tmp / "app.db") as conn:
        conn.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT, pw TEXT)")
        conn.executemany("INSERT INTO users (name, pw) VALUES (?, ?)", [("alice", "s3cret"), ("bob", "pw2")])
    orig, fixed = load(orig_path, "example_orig", mp), load(fixed_path, "example_fixed", mp)
    PWNED.clear()

    # Secrets come from the environment after the fix.
    assert orig.app.app.config["SECRET_KEY"] == "f9X2kLq8Zr4Wm7Tn3Vb6Yh1Jd5"
    assert fixed.app.app.config["SECRET_KEY"] == "from-the-environment"

    # /login: the same answers for right and wrong passwords; the injected quote no longer logs in.
    for user, password, answer in (
        ("alice", "s3cret", "ok"),
        ("alice", "nope", "denied"),
        ("eve", "x", "denied"),
    ):
        (before, _), (after, cookies) = _login(orig, user, password), _login(fixed, user, password)
        assert before == after == answer
        assert all({"Secure", "HttpOnly", "SameSite=Lax"} <= set(c.split("; ")[1:]) for c in cookies)
    assert _login(orig, "alice' --", "")[0] == "ok"
    assert _login(orig, "x", "' OR '1'='1")[0] == "ok"
    assert _login(fixed, "alice' --", "")[0] == "denied"
    assert _login(fixed, "x", "' OR '1'='1")[0] == "denied"

    # /register: still "created"; the stored hash is a salted password hash once that fix is accepted.
    (said_before, md5), (said_after, stored) = (
        _stored_password(orig, mp, "s3cret"),
        _stored_password(fixed, mp, "s3cret"),
    )
    assert said_before == said_after == "created"
    assert md5 == hashlib.md5(b"s3cret").hexdigest()  # unsalted: a lookup table reverses it
    if "py-weak-password-hash" in reviewed:
        assert stored.startswith("$argon2id$") and PasswordHasher().verify(stored, b"s3cret")
        assert stored != _stored_password(fixed, mp, "s3cret")[1]  # a fresh salt every time
    else:
        assert stored == md5

    # /ping and /disk: one program with the host as its argument, whatever the host holds.
    for view, key, value, argv in (
        ("ping", "host", "example.com", ["ping", "-c", "1", "example.com"]),
        ("disk", "dir", "/var/log", ["du", "-sh", "/var/log"]),
    ):
        assert (
            _commands(orig, mp, view, **{key: value}) == _commands(fixed, mp, view, **{key: value}) == [argv]
        )
        attack = value + "; rm -rf /"
        assert ["rm", "-rf", "/"] in _commands(orig, mp, view, **{key: attack})
        assert _commands(fixed, mp, view, **{key: attack}) == [[*argv[:-1], attack]]

    # /calc: literals read alike; an expression that calls code runs only before the fix.
    for app in (orig, fixed):
        app.request.args = Args(expr="[1, 2, {'a': 3}]")
    assert orig.app.calc() == fixed.app.calc() == "[1, 2, {'a': 3}]"
    injected = "__import__('drivers.example_app', fromlist=['pwned']).pwned('eval')"
    for app in (orig, fixed):
        app.request.args = Args(expr=injected)
    assert orig.app.calc() == "eval" and PWNED == ["eval"]
    if "py-eval" in reviewed:
        with pytest.raises(ValueError):
            fixed.app.calc()
        assert PWNED == ["eval"]
    PWNED.clear()

    # /import: settings and state read alike (JSON once the pickle fix is accepted); gadgets run
    # only before the fix.
    settings = b"name: app\nports: [80, 443]\n"
    state = {"step": 3, "items": ["a", "b"]}
    as_fixed_expects = json.dumps(state).encode() if "py-pickle-load" in reviewed else pickle.dumps(state)
    assert _import(orig, settings, pickle.dumps(state)) == _import(fixed, settings, as_fixed_expects)
    gadget = b"!!python/object/apply:drivers.example_app.pwned [yaml]\n"
    _import(orig, gadget, pickle.dumps(_Gadget()))
    assert PWNED == ["yaml", "pickle"]
    PWNED.clear()
    with pytest.raises(yaml.constructor.ConstructorError):
        _import(fixed, gadget, as_fixed_expects)
    if "py-pickle-load" in reviewed:
        with pytest.raises(ValueError):  # json.JSONDecodeError / UnicodeDecodeError
            _import(fixed, settings, pickle.dumps(_Gadget()))
    assert PWNED == []

    # /fetch: the same answer, and certificates are checked after the fix.
    assert orig.app.fetch() == fixed.app.fetch() == "internal data"
    (_, _, before_kwargs), (_, _, after_kwargs) = orig.http.made[-1], fixed.http.made[-1]
    assert before_kwargs == {"verify": False} and after_kwargs == {}

    # Started as a script: debug mode only when asked for.
    assert _debug(orig_path, mp) == {"debug": True}
    assert _debug(fixed_path, mp) == {"debug": False}
