import os
import sqlite3
import subprocess

from flask import request

TABLE = "users"
LIMIT = 50


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


def run_tool(host: str, path: str):
    subprocess.run(f"ping -c 1 {host}", shell=True)  # expect: py-subprocess-shell
    subprocess.check_output("ls " + path, shell=True)  # expect: py-subprocess-shell
    cmd = "tar czf out.tgz %s" % path
    subprocess.Popen(cmd, shell=True)  # expect: py-subprocess-shell
    subprocess.run(["ping", "-c", "1", host])  # ok: py-subprocess-shell
    subprocess.run("ls -la", shell=True)  # ok: py-subprocess-shell
    subprocess.run(f"ping -c 1 {host}", shell=False)  # ok: py-subprocess-shell
    os.system("ping -c 1 " + host)  # expect: py-os-system
    os.popen(f"cat {path}")  # expect: py-os-system
    line = "du -sh " + path
    os.system(line)  # expect: py-os-system
    os.system("clear")  # ok: py-os-system
    banner = "uptime"
    os.system(banner)  # ok: py-os-system
    os.system(f"echo {LIMIT}")  # ok: py-os-system


def calc():
    expr = request.args.get("expr")
    eval(expr)  # expect: py-eval
    exec(request.form["code"])  # expect: py-eval
    eval(compile_source(expr))  # expect: py-eval
    eval("1 + 2")  # ok: py-eval
    exec("import json")  # ok: py-eval
    source = "x = 1"
    exec(source)  # ok: py-eval
