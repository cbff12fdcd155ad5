"""One driver per Python fix case: the original and the fixed module, run side by side.

Each driver checks that benign input gives the same result before and after the fix, that the
attack works on the original where that can be observed, and that it no longer works after.
"""

from __future__ import annotations

import builtins
import hashlib
import importlib.util
import json
import os
import pickle
import random
import runpy
import shutil
import ssl
import stat
import sys
import tempfile
import types
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import pytest
import yaml

from drivers import fakes, tls
from drivers.fakes import Calls, Recorder, Request, module

CASES = Path(__file__).parent.parent / "fixes" / "python"

Driver = Callable[[pytest.MonkeyPatch, Path], None]


def load(source: Path, name: str, workdir: Path) -> types.ModuleType:
    """Import a corpus file from a copy in `workdir`, so no bytecode lands in the corpus."""
    copy = workdir / f"{name}.py"
    shutil.copyfile(source, copy)
    spec = importlib.util.spec_from_file_location(name, copy)
    assert spec is not None and spec.loader is not None
    loaded = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(loaded)
    return loaded


def pair(
    case: str, mp: pytest.MonkeyPatch, tmp: Path, modules: dict[str, types.ModuleType] | None = None
) -> tuple[types.ModuleType, types.ModuleType]:
    for name, fake in (modules or {}).items():
        mp.setitem(sys.modules, name, fake)
    return (
        load(CASES / f"{case}.py", f"orig_{case}", tmp),
        load(CASES / f"{case}.fixed.py", f"fixed_{case}", tmp),
    )


def recorded(target: types.ModuleType, mp: pytest.MonkeyPatch, run: Callable[[], object]) -> Recorder:
    recorder = Recorder()
    recorder.install(target, mp)
    run()
    return recorder


# --- command injection ---------------------------------------------------------------------------


def command(mp: pytest.MonkeyPatch, tmp: Path) -> None:
    orig, fixed = pair("command", mp, tmp)

    def benign(m: types.ModuleType) -> Callable[[], object]:
        return lambda: (m.ping("example.com"), m.archive("/srv/data"), m.disk_usage("/var/log"))

    before, after = recorded(orig, mp, benign(orig)), recorded(fixed, mp, benign(fixed))
    assert after.argvs == before.argvs
    assert ["tar", "czf", "backup file.tgz", "/srv/data"] in after.argvs

    for attack, call in (
        ("example.com; rm -rf /", "ping"),
        ("/srv/data && rm -rf /", "archive"),
        ("/tmp | rm -rf /", "disk_usage"),
    ):
        injected = recorded(orig, mp, partial(getattr(orig, call), attack))
        assert ["rm", "-rf", "/"] in injected.argvs  # the shell ran a second program
        safe = recorded(fixed, mp, partial(getattr(fixed, call), attack))
        assert ["rm", "-rf", "/"] not in safe.argvs
        assert all(attack in argv for argv in safe.argvs)  # the whole value is one argument


# --- configuration -------------------------------------------------------------------------------


def _cookie_attrs(cookie: str) -> set[str]:
    return {part.strip().split("=")[0] for part in cookie.split(";")[1:]}


def config(mp: pytest.MonkeyPatch, tmp: Path) -> None:
    http = Calls(answer="response")
    modules = {**fakes.flask_modules(Request()), "requests": module("requests", get=http.get)}
    mp.delenv("DEBUG", raising=False)
    mp.delenv("FLASK_DEBUG", raising=False)
    orig, fixed = pair("config", mp, tmp, modules)

    (_, orig_ctx), (_, fixed_ctx) = orig.fetch("https://example.com"), fixed.fetch("https://example.com")
    (_, orig_args, orig_kwargs), (_, fixed_args, fixed_kwargs) = http.made
    assert orig_args == fixed_args == ("https://example.com",)
    assert orig_kwargs == {"timeout": 5, "verify": False}
    assert fixed_kwargs == {"timeout": 5}  # requests verifies certificates by default
    assert (orig_ctx.verify_mode, orig_ctx.check_hostname) == (ssl.CERT_NONE, False)
    assert (fixed_ctx.verify_mode, fixed_ctx.check_hostname) == (ssl.CERT_REQUIRED, True)
    if importlib.util.find_spec("cryptography") is not None:  # it makes the test certificates
        server = tls.make_server(tmp)
        assert tls.handshake(orig.fetch("https://localhost")[1], server)  # an impostor is accepted
        assert not tls.handshake(fixed.fetch("https://localhost")[1], server)
        for target in (orig, fixed):  # the real server (its CA trusted) is accepted before and after
            trusting = target.fetch("https://localhost")[1]
            trusting.load_verify_locations(cadata=server.ca_pem)
            assert tls.handshake(trusting, server)

    orig_cookies, fixed_cookies = orig.login().cookies, fixed.login().cookies
    assert [c.split(";")[0] for c in orig_cookies] == [c.split(";")[0] for c in fixed_cookies]
    assert all(not {"Secure", "HttpOnly"} & _cookie_attrs(c) for c in orig_cookies)
    assert all({"Secure", "HttpOnly", "SameSite"} <= _cookie_attrs(c) for c in fixed_cookies)

    assert orig.DEBUG is True and fixed.DEBUG is False  # debug mode is off unless asked for
    mp.setenv("DEBUG", "1")
    assert load(CASES / "config.fixed.py", "fixed_config_debug", tmp).DEBUG is True

    for path, debug in ((CASES / "config.py", True), (CASES / "config.fixed.py", False)):
        ran = runpy.run_path(str(path), run_name="__main__")["app"].ran
        assert ran == {"host": "127.0.0.1", "port": 5000, "debug": debug}


class _Socket:
    bound: list[tuple[str, int]] = []

    def bind(self, address: tuple[str, int]) -> None:
        self.bound.append(address)


def _cors_allows(origins: Any, origin: str) -> bool:
    return origins == "*" or "*" in origins or origin in origins


def config_more(mp: pytest.MonkeyPatch, tmp: Path) -> None:
    served: list[dict[str, Any]] = []

    def cors(app: Any, origins: Any = "*", **_: Any) -> None:  # flask_cors allows any origin by default
        app.config["cors_origins"] = origins

    class FastAPI:
        def __init__(self) -> None:
            self.origins: Any = ()

        def add_middleware(self, middleware: Any, allow_origins: Any = (), **_: Any) -> None:
            self.origins = allow_origins

    modules = {
        **fakes.flask_modules(Request()),
        "flask_cors": module("flask_cors", CORS=cors),
        "fastapi": module("fastapi", FastAPI=FastAPI),
        "fastapi.middleware": module("fastapi.middleware"),
        "fastapi.middleware.cors": module("fastapi.middleware.cors", CORSMiddleware=object),
        "uvicorn": module("uvicorn", run=lambda app, **kw: served.append(kw)),
    }
    mp.setenv("CORS_ORIGINS", "https://app.example")
    mp.delenv("HOST", raising=False)
    orig, fixed = pair("config_more", mp, tmp, modules)

    assert orig.app.config["WTF_CSRF_ENABLED"] is False and fixed.app.config["WTF_CSRF_ENABLED"] is True
    for origins in (orig.app.config["cors_origins"], orig.api.origins):
        assert _cors_allows(origins, "https://app.example") and _cors_allows(origins, "https://evil.example")
    for origins in (fixed.app.config["cors_origins"], fixed.api.origins):
        assert _cors_allows(origins, "https://app.example")
        assert not _cors_allows(origins, "https://evil.example")
    mp.delenv("CORS_ORIGINS")
    closed = load(CASES / "config_more.fixed.py", "fixed_config_more_closed", tmp)
    assert not _cors_allows(closed.app.config["cors_origins"], "https://app.example")  # fails closed

    mp.setattr(tempfile, "tempdir", str(tmp))
    raced, made = Path(orig.scratch_file()), Path(fixed.scratch_file())
    assert raced.parent == made.parent == tmp and raced.suffix == made.suffix == ".csv"
    assert not raced.exists()  # only a name: another user may create it first
    assert made.exists() and stat.S_IMODE(made.stat().st_mode) == 0o600  # created, private

    mp.setattr(orig.socket, "socket", _Socket)
    _Socket.bound.clear()
    orig.serve()
    fixed.serve()
    mp.setenv("HOST", "0.0.0.0")
    fixed.serve()
    assert _Socket.bound == [("0.0.0.0", 9000), ("127.0.0.1", 9000), ("0.0.0.0", 9000)]
    assert [s["host"] for s in served] == ["0.0.0.0", "127.0.0.1", "0.0.0.0"]
    assert {s["port"] for s in served} == {8000}


# --- cryptography and randomness -----------------------------------------------------------------


def crypto(mp: pytest.MonkeyPatch, tmp: Path) -> None:
    hashed: list[bytes] = []

    class PasswordHasher:  # argon2-cffi is the user's dependency, not vsguard's
        def hash(self, secret: bytes) -> str:
            hashed.append(secret)
            return f"$argon2id$v=19${os.urandom(8).hex()}"

    orig, fixed = pair("crypto", mp, tmp, {"argon2": module("argon2", PasswordHasher=PasswordHasher)})

    precomputed = hashlib.sha256(b"hunter2").hexdigest()
    assert orig.store_password("hunter2") == orig.store_password("hunter2") == precomputed
    first, second = fixed.store_password("hunter2"), fixed.store_password("hunter2")
    assert first != second and precomputed not in (first, second)
    assert hashed == [b"hunter2", b"hunter2"]
    assert fixed.legacy_password(b"pw").startswith("$argon2id$") and hashed[-1] == b"pw"

    assert len(orig.signature(b"data")) == 72 and len(fixed.signature(b"data")) == 128
    assert fixed.signature(b"data").startswith(hashlib.sha256(b"data").hexdigest())

    def seeded(call: Callable[[], Any]) -> list[Any]:
        out = []
        for _ in range(3):
            random.seed(1234)  # an attacker who learns the generator's state predicts its output
            out.append(call())
        return out

    assert len(set(seeded(orig.reset_token))) == 1
    assert len(set(seeded(fixed.reset_token))) > 1  # not decided by the seed (equal by chance: ~1e-12)
    assert all(100000 <= t <= 999999 for t in seeded(fixed.reset_token))
    assert len(set(seeded(lambda: orig.make_api_key("abc123")))) == 1
    keys = seeded(lambda: fixed.make_api_key("abc123"))
    assert len(set(keys)) == 3 and all(len(k) == 32 and set(k) <= set("abc123") for k in keys)


# --- deserialisation -----------------------------------------------------------------------------


class _Sorts:
    def __reduce__(self) -> tuple[Any, ...]:
        return (sorted, ([3, 1, 2],))


def deserialization(mp: pytest.MonkeyPatch, tmp: Path) -> None:
    orig, fixed = pair("deserialization", mp, tmp)
    doc = b"name: app\nports: [80, 443]\nnested: {debug: false}\n"
    assert fixed.load_settings(doc) == orig.load_settings(doc)
    assert fixed.load_all("a: 1\n---\nb: 2\n") == orig.load_all("a: 1\n---\nb: 2\n")
    for literal in ("[1, 2, 3]", "{'k': (1, None)}", "'text'", "-4.5"):
        assert fixed.parse_literal(literal) == orig.parse_literal(literal)
    data = {"user": "ann", "roles": ["admin"]}

    assert fixed.restore(json.dumps(data).encode()) == orig.restore(pickle.dumps(data)) == data

    gadget = "!!python/object/apply:builtins.sorted [[3, 1, 2]]"
    assert orig.load_settings(gadget) == [1, 2, 3]  # the loader called a function named by the input
    with pytest.raises(yaml.constructor.ConstructorError):
        fixed.load_settings(gadget)
    with pytest.raises(yaml.constructor.ConstructorError):
        fixed.load_all(f"a: 1\n---\n{gadget}\n")
    assert orig.restore(pickle.dumps(_Sorts())) == [1, 2, 3]
    with pytest.raises(ValueError):  # json.JSONDecodeError / UnicodeDecodeError
        fixed.restore(pickle.dumps(_Sorts()))
    assert orig.parse_literal("__import__('os').getpid()") == os.getpid()
    with pytest.raises(ValueError):
        fixed.parse_literal("__import__('os').getpid()")


# --- tokens --------------------------------------------------------------------------------------


def _with_secret_file(mp: pytest.MonkeyPatch, tmp: Path, key: str) -> tuple[types.ModuleType, ...]:
    """Load the jwt_algorithms pair with /run/secrets/jwt_key read from a file under `tmp`."""
    secret = tmp / "jwt_key"
    secret.write_text(key)
    real_open = builtins.open

    def opener(file: Any, *args: Any, **kwargs: Any) -> Any:
        return real_open(secret if file == "/run/secrets/jwt_key" else file, *args, **kwargs)

    with mp.context() as scoped:
        scoped.setattr(builtins, "open", opener)
        return pair("jwt_algorithms", mp, tmp)


def _claims_or_error(target: types.ModuleType, token: str) -> Any:
    try:
        return target.claims(token)
    except Exception as error:  # jwt.InvalidTokenError and its subclasses
        return type(error).__name__


def jwt_algorithms(mp: pytest.MonkeyPatch, tmp: Path) -> None:
    jwt = pytest.importorskip("jwt")  # PyJWT comes with mcp, a vsguard dependency
    key = "k9V2f0-" * 6  # 42 bytes: PyJWT warns about HMAC keys shorter than the hash
    orig, fixed = _with_secret_file(mp, tmp, key)
    signed = jwt.encode({"sub": "ann", "role": "user"}, key, algorithm="HS256")
    assert orig.claims(signed) == fixed.claims(signed) == {"sub": "ann", "role": "user"}
    for refused in (
        jwt.encode({"sub": "ann"}, "another key of the same ample length!!", algorithm="HS256"),
        jwt.encode({"sub": "ann", "exp": 1}, key, algorithm="HS256"),
        signed[:-2] + ("AA" if signed[-2:] != "AA" else "BB"),
    ):
        assert _claims_or_error(orig, refused) == _claims_or_error(fixed, refused)
        assert isinstance(_claims_or_error(fixed, refused), str)

    unsigned = jwt.encode({"sub": "admin", "role": "admin"}, None, algorithm="none")
    # PyJWT's own "none" verifier never accepts a token, so the original refuses it as well (with
    # InvalidKeyError, or InvalidSignatureError for an empty key): the attack is not observable
    # there. After the fix the allow-list itself refuses it, whatever the key.
    for secret in (key, ""):
        before, after = _with_secret_file(mp, tmp, secret)
        assert _claims_or_error(before, unsigned) in ("InvalidKeyError", "InvalidSignatureError")
        with pytest.raises(jwt.InvalidAlgorithmError):
            after.claims(unsigned)
