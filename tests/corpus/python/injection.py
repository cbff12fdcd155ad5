import os
import re
import sqlite3
import subprocess
import shlex
import logging

from flask import Flask, request
from sqlalchemy import text

app = Flask(__name__)
log = logging.getLogger(__name__)

TABLE = "users"
LIMIT = 50
COLUMNS = {"name": "name", "age": "age"}
SORT_KEYS = ("name", "created")


def find_user(conn: sqlite3.Connection, name: str):
    cur = conn.cursor()
    cur.execute(f"SELECT * FROM users WHERE name = '{name}'")  # expect: py-sql-injection
    query = "SELECT * FROM users WHERE name = '%s'" % name
    cur.execute(query)  # expect: py-sql-injection
    cur.execute("SELECT * FROM users WHERE name = '" + name + "'")  # expect: py-sql-injection
    cur.execute("SELECT * FROM users WHERE name = '{}'".format(name))  # expect: py-sql-injection
    cur.execute("SELECT * FROM users WHERE name = ?", (name,))  # ok: py-sql-injection
    cur.execute(f"SELECT * FROM {TABLE} LIMIT {LIMIT}")  # ok: py-sql-injection
    fixed = "SELECT count(*) FROM " + TABLE
    cur.execute(fixed)  # ok: py-sql-injection
    cur.execute("SELECT 1")  # ok: py-sql-injection
    return cur.fetchall()


@app.route("/search")
def search(conn):
    term = request.args.get("q", "")
    order = request.args.get("order", "name")
    cur = conn.cursor()
    sql = "SELECT * FROM items WHERE title LIKE '%" + term + "%'"
    cur.execute(sql)  # expect: py-sql-injection
    # a column name taken from a constant table by a request key is one of the constants
    column = COLUMNS.get(order, "name")
    cur.execute(f"SELECT * FROM items ORDER BY {column}")  # ok: py-sql-injection
    if order not in SORT_KEYS:
        order = "name"
    cur.execute(f"SELECT * FROM items ORDER BY {order}")  # ok: py-sql-injection
    page = int(request.args.get("page", "1"))
    cur.execute(f"SELECT * FROM items LIMIT 20 OFFSET {page * 20}")  # ok: py-sql-injection
    stmt = text(f"SELECT * FROM items WHERE owner = '{term}'")  # expect: py-sql-injection
    conn.execute(text("SELECT * FROM items WHERE owner = :o"), {"o": term})  # ok: py-sql-injection
    filters = {"kind": request.args["kind"], "table": "items"}
    cur.execute("SELECT * FROM " + filters["table"])  # ok: py-sql-injection
    cur.execute("DELETE FROM " + filters["kind"])  # expect: py-sql-injection
    debug = False
    if debug:
        cur.execute("SELECT * FROM audit WHERE q = '" + term + "'")  # ok: py-sql-injection
    return stmt


def run_tool(host: str, path: str):
    subprocess.run(f"ping -c 1 {host}", shell=True)  # expect: py-subprocess-shell
    subprocess.check_output("ls " + path, shell=True)  # expect: py-subprocess-shell
    cmd = "tar czf out.tgz %s" % path
    subprocess.Popen(cmd, shell=True)  # expect: py-subprocess-shell
    subprocess.run(["ping", "-c", "1", host])  # ok: py-subprocess-shell
    subprocess.run("ls -la", shell=True)  # ok: py-subprocess-shell
    subprocess.run(f"ping -c 1 {host}", shell=False)  # ok: py-subprocess-shell
    subprocess.run(f"ping -c 1 {shlex.quote(host)}", shell=True)  # ok: py-subprocess-shell
    os.system("ping -c 1 " + host)  # expect: py-os-system
    os.popen(f"cat {path}")  # expect: py-os-system
    line = "du -sh " + path
    os.system(line)  # expect: py-os-system
    os.system("clear")  # ok: py-os-system
    banner = "uptime"
    os.system(banner)  # ok: py-os-system
    os.system(f"echo {LIMIT}")  # ok: py-os-system
    os.system("ls " + shlex.quote(path))  # ok: py-os-system


@app.route("/ping")
def ping():
    target = request.args["host"]
    subprocess.run("ping -c 1 " + target, shell=True)  # expect: py-subprocess-shell
    subprocess.getoutput(request.form["cmd"])  # expect: py-subprocess-shell
    os.system(request.args.get("cmd"))  # expect: py-os-system
    count = int(request.args.get("count", "1"))
    os.system(f"ping -c {count} localhost")  # ok: py-os-system
    mode = "fast"
    if mode == "slow":
        os.system("ping " + target)  # ok: py-os-system
    return "ok"


def calc():
    expr = request.args.get("expr")
    eval(expr)  # expect: py-eval
    exec(request.form["code"])  # expect: py-eval
    eval(compile_source(expr))  # expect: py-eval
    eval("1 + 2")  # ok: py-eval
    exec("import json")  # ok: py-eval
    source = "x = 1"
    exec(source)  # ok: py-eval
    op = {"add": "1 + 1", "mul": "2 * 2"}[request.args["op"]]
    eval(op)  # ok: py-eval


@app.route("/plugin")
def plugin():
    import importlib

    name = request.args["plugin"]
    importlib.import_module(name)  # expect: py-code-injection
    code = compile(request.form["src"], "<form>", "exec")  # expect: py-code-injection
    __import__("plugins." + name)  # expect: py-code-injection
    allowed = {"csv": "plugins.csv", "json": "plugins.json"}
    importlib.import_module(allowed.get(name, "plugins.csv"))  # ok: py-code-injection
    compiled = re.compile(name)  # expect: py-regex-injection
    importlib.import_module("plugins.default")  # ok: py-code-injection
    if name in ("csv", "json"):
        importlib.import_module("plugins." + name)  # ok: py-code-injection
    return {"compiled": code is not None and compiled is not None}


@app.route("/ldap")
def ldap_lookup(conn, ldap_conn):
    import ldap
    from ldap.filter import escape_filter_chars

    user = request.args["user"]
    conn.search_s("dc=example,dc=org", ldap.SCOPE_SUBTREE, f"(uid={user})")  # expect: py-ldap-injection
    query = "(&(objectClass=person)(cn=" + user + "))"
    ldap_conn.search("dc=example,dc=org", query)  # expect: py-ldap-injection
    conn.search_s("dc=example,dc=org", ldap.SCOPE_SUBTREE, filterstr="(mail=%s)" % user)  # expect: py-ldap-injection
    safe = escape_filter_chars(user)
    conn.search_s("dc=example,dc=org", ldap.SCOPE_SUBTREE, f"(uid={safe})")  # ok: py-ldap-injection
    conn.search_s("dc=example,dc=org", ldap.SCOPE_SUBTREE, "(objectClass=person)")  # ok: py-ldap-injection
    uid = int(request.args["uid"])
    conn.search_s("dc=example,dc=org", ldap.SCOPE_SUBTREE, f"(uidNumber={uid})")  # ok: py-ldap-injection
    return "ok"


@app.route("/xpath")
def xpath_lookup(tree):
    from lxml import etree

    name = request.args.get("name")
    tree.xpath("//user[@name='" + name + "']")  # expect: py-xpath-injection
    tree.xpath(f"//user[@id={name}]/email")  # expect: py-xpath-injection
    finder = etree.XPath("//book[title='%s']" % name)  # expect: py-xpath-injection
    tree.xpath("//user[@name=$n]", n=name)  # ok: py-xpath-injection
    tree.xpath("//user[@active='true']")  # ok: py-xpath-injection
    field = "email" if name == "x" else "phone"
    tree.xpath(f"//user/{field}")  # ok: py-xpath-injection
    return finder


@app.route("/users", methods=["POST"])
def mongo_users(db):
    body = request.get_json()
    db.users.find_one({"username": body["username"], "password": body["password"]})  # expect: py-nosql-injection
    db.users.find(request.json)  # expect: py-nosql-injection
    db["orders"].delete_many({"owner": body.get("owner")})  # expect: py-nosql-injection
    db.users.find_one({"username": str(body["username"])})  # ok: py-nosql-injection
    db.users.find_one({"username": request.args.get("username")})  # ok: py-nosql-injection
    body["role"] = "member"
    db.users.find({"role": body["role"]})  # ok: py-nosql-injection
    return "ok"


@app.route("/grep")
def grep(lines):
    pattern = request.args["pattern"]
    hits = [ln for ln in lines if re.search(pattern, ln)]  # expect: py-regex-injection
    rx = re.compile("^" + pattern)  # expect: py-regex-injection
    re.sub(request.form["find"], "", "text")  # expect: py-regex-injection
    escaped = re.compile(re.escape(pattern))  # ok: py-regex-injection
    words = re.findall(r"\w+", pattern)  # ok: py-regex-injection
    re.match("^[a-z]+$", pattern)  # ok: py-regex-injection
    return {"hits": hits, "ok": [rx, escaped, words]}


@app.route("/login", methods=["POST"])
def login():
    user = request.form["user"]
    log.info("login attempt for " + user)  # expect: py-log-injection
    logging.warning("failed login: %s", user)  # expect: py-log-injection
    app.logger.error(f"bad password for {request.form.get('user')}")  # expect: py-log-injection
    log.info("login attempt for %r", user)  # ok: py-log-injection
    clean = user.replace("\r", "").replace("\n", "")
    log.info("login attempt for %s", clean)  # ok: py-log-injection
    log.info("login attempt from %s", request.remote_addr_count if False else "n/a")  # ok: py-log-injection
    return "ok"
