"""The same features as examples/vulnerable/app.py, written securely: vsguard reports nothing."""

import hmac
import json
import os
import secrets
import sqlite3
import subprocess

import requests
import yaml
from argon2 import PasswordHasher
from flask import Flask, abort, make_response, request

app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]
hasher = PasswordHasher()
ALLOWED_OPS = {"add": lambda a, b: a + b, "sub": lambda a, b: a - b}


def get_db():
    return sqlite3.connect("app.db")


@app.route("/login", methods=["POST"])
def login():
    username = request.form["username"]
    row = get_db().execute("SELECT id, pw FROM users WHERE name = ?", (username,)).fetchone()
    if row is None or not hasher.verify(row[1], request.form["password"]):
        abort(401)
    resp = make_response("ok")
    resp.set_cookie("session", secrets.token_urlsafe(32), secure=True, httponly=True, samesite="Lax")
    return resp


@app.route("/register", methods=["POST"])
def register():
    digest = hasher.hash(request.form["password"])
    get_db().execute("INSERT INTO users (pw) VALUES (?)", (digest,))
    return "created"


@app.route("/ping")
def ping():
    host = request.args.get("host", "")
    return subprocess.run(["ping", "-c", "1", host], capture_output=True, check=False).stdout


@app.route("/calc")
def calc():
    op = ALLOWED_OPS.get(request.args.get("op", ""))
    if op is None:
        abort(400)
    return str(op(int(request.args["a"]), int(request.args["b"])))


@app.route("/import", methods=["POST"])
def import_data():
    settings = yaml.safe_load(request.data)
    state = json.loads(request.files["state"].read())
    return {"settings": str(settings), "state": str(state)}


@app.route("/fetch")
def fetch():
    return requests.get("https://internal.example/api", timeout=10).text


def same_token(a: str, b: str) -> bool:
    return hmac.compare_digest(a, b)


if __name__ == "__main__":
    app.run(debug=os.environ.get("FLASK_DEBUG") == "1")
