"""A deliberately vulnerable Flask app: every `planted:` line is a flaw vsguard must report."""

import hashlib
import os
import pickle
import sqlite3
import subprocess

import requests
import yaml
from flask import Flask, make_response, request

app = Flask(__name__)
app.config["SECRET_KEY"] = "f9X2kLq8Zr4Wm7Tn3Vb6Yh1Jd5"  # planted: CWE-798


def get_db():
    return sqlite3.connect("app.db")


@app.route("/login", methods=["POST"])
def login():
    username = request.form["username"]
    password = request.form["password"]
    query = f"SELECT id FROM users WHERE name = '{username}' AND pw = '{password}'"
    row = get_db().execute(query).fetchone()  # planted: CWE-89
    resp = make_response("ok" if row else "denied")
    resp.set_cookie("session", str(row))  # planted: CWE-614, CWE-1004, CWE-1275
    return resp


@app.route("/register", methods=["POST"])
def register():
    password = request.form["password"]
    digest = hashlib.md5(password.encode()).hexdigest()  # planted: CWE-916
    get_db().execute("INSERT INTO users (pw) VALUES (?)", (digest,))
    return "created"


@app.route("/ping")
def ping():
    host = request.args.get("host", "")
    return subprocess.check_output(f"ping -c 1 {host}", shell=True)  # planted: CWE-78


@app.route("/disk")
def disk():
    os.system("du -sh " + request.args.get("dir", "."))  # planted: CWE-78
    return "ok"


@app.route("/calc")
def calc():
    return str(eval(request.args["expr"]))  # planted: CWE-95


@app.route("/import", methods=["POST"])
def import_data():
    settings = yaml.load(request.data)  # planted: CWE-502
    state = pickle.loads(request.files["state"].read())  # planted: CWE-502
    return {"settings": str(settings), "state": str(state)}


@app.route("/fetch")
def fetch():
    return requests.get("https://internal.example/api", verify=False).text  # planted: CWE-295


if __name__ == "__main__":
    app.run(debug=True)  # planted: CWE-489
