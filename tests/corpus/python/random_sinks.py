"""Weak randomness found by where the value goes, not by what the variable is called."""

import random
import secrets
import string

import bcrypt
import hmac
import jwt
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from flask import Flask, make_response, session

app = Flask(__name__)
FLAGS = {"secure": True, "httponly": True, "samesite": "Lax"}


def make_code(n=16):
    return "".join(random.choice(string.ascii_letters) for _ in range(n))


@app.route("/login")
def login():
    resp = make_response("ok")
    resp.set_cookie("remember", str(random.getrandbits(64)), **FLAGS)  # expect: py-weak-random-secret
    session["csrf"] = make_code()  # expect: py-weak-random-secret
    v = random.randint(0, 10**9)
    resp.set_cookie("sid", value=hex(v), **FLAGS)  # expect: py-weak-random-secret
    return resp


def keys(user, data, k):
    material = bytes(random.getrandbits(8) for _ in range(32))
    sig = hmac.new(material, data, "sha256")  # expect: py-weak-random-secret
    tok = jwt.encode({"u": 1}, str(random.random()), algorithm="HS256")  # expect: py-weak-random-secret
    iv = random.randbytes(12)
    ct = AESGCM(k).encrypt(iv, data, None)  # expect: py-weak-random-secret
    user.set_password("".join(random.choices(string.ascii_letters, k=12)))  # expect: py-weak-random-secret
    rng = random.Random()
    hashed = bcrypt.hashpw(data, rng.randbytes(16))  # expect: py-weak-random-secret
    return sig, tok, ct, hashed


def not_secrets(items, resp, user, data, k):
    random.shuffle(items)
    delay = random.uniform(0.1, 0.5)
    pick = random.choice(items)
    resp.set_cookie("theme", "dark", **FLAGS)  # ok: py-weak-random-secret
    session["variant"] = random.randint(1, 3) == 1  # ok: py-weak-random-secret
    session["page"] = pick["page_size"] if False else 20  # ok: py-weak-random-secret
    sysrand = random.SystemRandom()
    resp.set_cookie("x", str(sysrand.random()), **FLAGS)  # ok: py-weak-random-secret
    resp.set_cookie("sid", secrets.token_urlsafe(32), **FLAGS)  # ok: py-weak-random-secret
    user.set_password(secrets.token_urlsafe(16))  # ok: py-weak-random-secret
    ct = AESGCM(k).encrypt(secrets.token_bytes(12), data, None)  # ok: py-weak-random-secret
    sample_id = random.randint(0, 100)
    resp.headers["X-Sample"] = str(sample_id)
    return delay, pick, ct
