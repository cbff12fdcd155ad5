import os
import shlex
import subprocess
from urllib.parse import quote

import requests
from flask import Flask, Markup, redirect, request
from jinja2 import Environment, FileSystemLoader
from werkzeug.utils import secure_filename
from werkzeug.wrappers import Response

app = Flask(__name__)
UPLOADS = "/srv/uploads"
API = "https://api.example.com"
pages = Environment(loader=FileSystemLoader("templates"), autoescape=True)


# ---- helpers whose parameter reaches a sink


def run_query(cur, query):
    cur.execute(query)  # ok: py-sql-injection


def find_by_name(cur, name):
    sql = "SELECT * FROM users WHERE name = '" + name + "'"
    cur.execute(sql)


def ping(host):
    cmd = "ping -c 1 " + host
    subprocess.run(cmd, shell=True)


def read_upload(name):
    path = os.path.join(UPLOADS, name)
    with open(path) as fh:  # ok: py-path-traversal
        return fh.read()


def fetch(url, timeout=5):
    return requests.get(url, timeout=timeout)  # ok: py-ssrf


def badge(label):
    return Markup("<span class='badge'>" + label + "</span>")  # ok: py-xss


def html_page(body):
    return Response("<main>" + body + "</main>", mimetype="text/html")  # ok: py-xss


def render_page(name, **context):
    return Response(pages.get_template(name).render(**context), mimetype="text/html")  # ok: py-xss


def go_to(target):
    return redirect(target)  # ok: py-open-redirect


# ---- helpers calling helpers


def lookup(cur, name):
    find_by_name(cur, name.strip())


def diagnose(host):
    ping(host)


def upload_text(folder, name):
    return read_upload(folder + "/" + name)


# ---- helpers that make their parameter safe, or do not pass it on


def ping_quoted(host):
    ping(shlex.quote(host))


def read_plain(name):
    return read_upload(secure_filename(name))


def fetch_status(url, service):
    return fetch(API + "/status/" + quote(service, safe=""))


def log_and_run(cur, query, note):
    print(note)
    run_query(cur, "SELECT count(*) FROM events")


def go_home(target):
    return go_to("/home")


def countdown(cur, n, label):
    if n <= 0:
        return find_by_name(cur, label)  # recursion ends: the label reaches the query
    return countdown(cur, n - 1, label)


# ---- callers


@app.route("/users")
def users(cur):
    name = request.args["name"]
    run_query(cur, "SELECT * FROM users WHERE name = '" + name + "'")  # expect: py-sql-injection
    run_query(cur, "SELECT * FROM users")  # ok: py-sql-injection
    run_query(cur, "SELECT * FROM users LIMIT " + str(int(name)))  # ok: py-sql-injection
    find_by_name(cur, name)  # expect: py-sql-injection
    lookup(cur, name)  # expect: py-sql-injection
    log_and_run(cur, name, name)  # ok: py-sql-injection
    countdown(cur, 3, name)  # expect: py-sql-injection
    return "ok"


@app.route("/ping")
def ping_view():
    host = request.args.get("host", "")
    ping(host)  # expect: py-subprocess-shell
    diagnose(host)  # expect: py-subprocess-shell
    ping_quoted(host)  # ok: py-subprocess-shell
    ping("localhost")  # ok: py-subprocess-shell
    return "ok"


@app.route("/files")
def files():
    name = request.args["name"]
    first = read_upload(name)  # expect: py-path-traversal
    second = upload_text("reports", name)  # expect: py-path-traversal
    third = read_plain(name)  # ok: py-path-traversal
    fourth = read_upload("index.txt")  # ok: py-path-traversal
    fifth = read_upload(os.path.basename(name))  # ok: py-path-traversal
    return first + second + third + fourth + fifth


@app.route("/proxy")
def proxy():
    url = request.args["url"]
    service = request.args["service"]
    fetch(url)  # expect: py-ssrf
    fetch(API + "/health", timeout=url)  # ok: py-ssrf
    fetch_status(API, service)  # ok: py-ssrf
    fetch(API + "/items?q=" + url)  # ok: py-ssrf
    return "ok"


@app.route("/badge")
def badge_view():
    who = request.args["who"]
    first = badge(who)  # expect: py-xss
    second = badge("admin")  # ok: py-xss
    third = html_page(who)  # expect: py-xss
    fourth = render_page("badge.html", who=who)  # ok: py-xss
    return [first, second, third, fourth]


@app.route("/next")
def next_page():
    target = request.args["next"]
    if target == "a":
        return go_to(target)  # ok: py-open-redirect
    if target.startswith("x"):
        return go_to("/account/" + target)  # ok: py-open-redirect
    if target.startswith("y"):
        return go_home(target)  # ok: py-open-redirect
    return go_to(target)  # expect: py-open-redirect
