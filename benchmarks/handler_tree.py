"""A generated taint-heavy tree: hundreds of small Flask modules of request handlers and helpers.

    python benchmarks/handler_tree.py [DIR]   # default DIR: benchmarks/.cache/src/handlers-1-400

This is the shape coding agents produce: a handler reads a request value, perhaps converts,
escapes or checks it, and hands it to a small helper (often in a sibling module) that runs a
query, a command, a file read, a fetch or a render. Every module mixes flows that reach a sink
with the same flows made safe, so the scan has to follow each one through the helpers. The tree
is a pure function of its seed and size: the same files on every machine and every run.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

SEED = 1
MODULES = 400

HEADER = '''"""Handlers for the {name} area."""

import os
import shlex
import sqlite3
import subprocess

import requests
from flask import Flask, abort, escape, redirect, render_template_string, request
from werkzeug.utils import secure_filename

from .helpers_{group} import fetch_json, list_files, load_report, lookup, run_tool

app = Flask(__name__)
DB = "/srv/{name}.db"
UPLOADS = "/srv/uploads/{name}"
ALLOWED_TOOLS = {{"uptime", "df", "free"}}
'''

HELPERS = '''"""Helpers shared by the handlers of group {group}."""

import os
import sqlite3
import subprocess

import requests

BASE = "/srv/reports"


def connect():
    return sqlite3.connect("/srv/app.db")


def lookup(table, column, value):
    conn = connect()
    sql = "SELECT * FROM " + table + " WHERE " + column + " = '" + value + "'"
    return conn.execute(sql).fetchall()


def lookup_safe(table, column, value):
    conn = connect()
    return conn.execute("SELECT * FROM items WHERE name = ?", (value,)).fetchall()


def run_tool(name, arg):
    command = f"{{name}} {{arg}}"
    return subprocess.run(command, shell=True, capture_output=True).stdout


def list_files(folder):
    return os.listdir(os.path.join(BASE, folder))


def load_report(name):
    with open(os.path.join(BASE, name)) as fh:
        return fh.read()


def fetch_json(url):
    return requests.get(url, timeout=5).json()
'''

# Each handler is (template, parameter name); {n} is the handler's number, {p} the parameter.
HANDLERS = (
    # vulnerable flows, direct and through helpers
    """
@app.route("/{area}/search{n}")
def search{n}():
    {p} = request.args.get("{p}", "")
    rows = lookup("items", "name", {p})
    return {{"rows": rows}}
""",
    """
@app.route("/{area}/tool{n}")
def tool{n}():
    target = request.args.get("target", "localhost")
    output = run_tool("ping -c 1", target)
    return output
""",
    """
@app.route("/{area}/report{n}")
def report{n}():
    name = request.args["name"]
    return load_report(name)
""",
    """
@app.route("/{area}/proxy{n}")
def proxy{n}():
    url = request.args.get("url")
    return fetch_json(url)
""",
    """
@app.route("/{area}/go{n}")
def go{n}():
    nxt = request.args.get("next", "/")
    return redirect(nxt)
""",
    """
@app.route("/{area}/hello{n}")
def hello{n}():
    who = request.args.get("who", "world")
    return render_template_string("<p>Hello " + who + "</p>")
""",
    """
@app.route("/{area}/orders{n}", methods=["POST"])
def orders{n}():
    data = request.get_json() or {{}}
    status = data.get("status", "open")
    conn = sqlite3.connect(DB)
    query = f"SELECT id FROM orders WHERE status = '{{status}}' ORDER BY id"
    return {{"ids": conn.execute(query).fetchall()}}
""",
    """
@app.route("/{area}/archive{n}", methods=["POST"])
def archive{n}():
    folder = request.form.get("folder", "")
    cmd = "tar czf /tmp/out.tgz " + folder
    os.system(cmd)
    return "ok"
""",
    # the same flows made safe: converted, escaped, checked, parameterised or constant
    """
@app.route("/{area}/item{n}")
def item{n}():
    item_id = int(request.args.get("id", "0"))
    conn = sqlite3.connect(DB)
    rows = conn.execute("SELECT * FROM items WHERE id = ?", (item_id,)).fetchall()
    return {{"rows": rows}}
""",
    """
@app.route("/{area}/status{n}")
def status{n}():
    tool = request.args.get("tool", "uptime")
    if tool not in ALLOWED_TOOLS:
        abort(400)
    return subprocess.run([tool], capture_output=True).stdout
""",
    """
@app.route("/{area}/quoted{n}")
def quoted{n}():
    host = shlex.quote(request.args.get("host", "localhost"))
    return subprocess.run("ping -c 1 " + host, shell=True, capture_output=True).stdout
""",
    """
@app.route("/{area}/upload{n}", methods=["POST"])
def upload{n}():
    name = secure_filename(request.files["file"].filename)
    path = os.path.join(UPLOADS, name)
    request.files["file"].save(path)
    return "saved"
""",
    """
@app.route("/{area}/greet{n}")
def greet{n}():
    who = escape(request.args.get("who", "world"))
    return "<p>Hello " + str(who) + "</p>"
""",
    """
@app.route("/{area}/back{n}")
def back{n}():
    nxt = request.args.get("next", "/")
    if not nxt.startswith("/") or nxt.startswith(("//", "/\\\\")):
        nxt = "/"
    return redirect(nxt)
""",
    """
@app.route("/{area}/disk{n}")
def disk{n}():
    return run_tool("df", "-h")
""",
    """
@app.route("/{area}/files{n}")
def files{n}():
    return {{"files": list_files("daily")}}
""",
    """
@app.route("/{area}/count{n}")
def count{n}():
    limit = request.args.get("limit", "10")
    if not limit.isdigit():
        abort(400)
    conn = sqlite3.connect(DB)
    return {{"rows": conn.execute("SELECT id FROM items LIMIT " + limit).fetchall()}}
""",
    """
@app.route("/{area}/weather{n}")
def weather{n}():
    city = request.args.get("city", "paris")
    response = requests.get("https://api.example.com/weather", params={{"city": city}}, timeout=5)
    return response.json()
""",
)
PARAMS = ("q", "term", "name", "needle", "text")
AREAS = ("billing", "users", "reports", "admin", "catalog", "orders", "search", "files")


def generate(tree: Path, modules: int = MODULES, seed: int = SEED) -> Path:
    """Write the tree into `tree` (made fresh) and return it."""
    rng = random.Random(seed)
    groups = max(1, modules // 10)
    package = tree / "app"
    package.mkdir(parents=True, exist_ok=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    for group in range(groups):
        (package / f"helpers_{group}.py").write_text(HELPERS.format(group=group), encoding="utf-8")
    for index in range(modules):
        area = rng.choice(AREAS)
        name = f"{area}_{index}"
        parts = [HEADER.format(name=name, group=index % groups)]
        for n in range(rng.randint(6, 12)):
            template = rng.choice(HANDLERS)
            parts.append(template.format(area=area, n=n, p=rng.choice(PARAMS)))
        (package / f"{name}.py").write_text("".join(parts), encoding="utf-8")
    return tree


if __name__ == "__main__":
    default = Path(__file__).resolve().parent / f".cache/src/handlers-{SEED}-{MODULES}"
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else default
    print(generate(target))
