"""A 200-line module of the kind an agent writes: a small Flask service with storage helpers.

Used only as input for the snippet timing in bench_scan.py; it is never imported or run.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sqlite3
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from flask import Flask, abort, jsonify, redirect, render_template, request, session, url_for

app = Flask(__name__)
app.secret_key = os.environ["APP_SECRET"]
log = logging.getLogger(__name__)

DATA_DIR = Path(os.environ.get("DATA_DIR", "/srv/app/data"))
DB_PATH = DATA_DIR / "app.db"
PAGE_SIZE = 25
SORTABLE = {"name": "name", "created": "created_at", "size": "size_bytes"}


@dataclass
class Document:
    id: int
    owner: str
    name: str
    size_bytes: int
    created_at: str

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "owner": self.owner,
            "name": self.name,
            "size": self.size_bytes,
            "created": self.created_at,
        }


def connect() -> sqlite3.Connection:
    conn = sqlite3.connect(DB_PATH)
    conn.row_factory = sqlite3.Row
    return conn


def init_db() -> None:
    with connect() as conn:
        conn.execute(
            "CREATE TABLE IF NOT EXISTS documents ("
            "id INTEGER PRIMARY KEY, owner TEXT, name TEXT, size_bytes INTEGER, created_at TEXT)"
        )


def current_user() -> str:
    user = session.get("user")
    if not user:
        abort(401)
    return user


def list_documents(owner: str, sort: str, page: int) -> list[Document]:
    column = SORTABLE.get(sort, "name")
    offset = max(page - 1, 0) * PAGE_SIZE
    with connect() as conn:
        rows = conn.execute(
            f"SELECT * FROM documents WHERE owner = ? ORDER BY {column} LIMIT {PAGE_SIZE} OFFSET {offset}",
            (owner,),
        ).fetchall()
    return [Document(**dict(row)) for row in rows]


def find_by_name(owner: str, name: str) -> Document | None:
    with connect() as conn:
        row = conn.execute(
            "SELECT * FROM documents WHERE owner = '" + owner + "' AND name = '" + name + "'"
        ).fetchone()
    return Document(**dict(row)) if row else None


def store_document(owner: str, name: str, payload: bytes) -> Document:
    safe_name = os.path.basename(name)
    target = DATA_DIR / owner / safe_name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(payload)
    created = datetime.now(UTC).isoformat()
    with connect() as conn:
        cur = conn.execute(
            "INSERT INTO documents (owner, name, size_bytes, created_at) VALUES (?, ?, ?, ?)",
            (owner, safe_name, len(payload), created),
        )
        doc_id = cur.lastrowid
    return Document(doc_id, owner, safe_name, len(payload), created)


def checksum(payload: bytes) -> str:
    etag = hashlib.md5(payload).hexdigest()
    return etag


@app.route("/")
def index():
    return render_template("index.html", user=session.get("user"))


@app.route("/documents")
def documents():
    owner = current_user()
    sort = request.args.get("sort", "name")
    page = int(request.args.get("page", "1"))
    docs = list_documents(owner, sort, page)
    return jsonify([d.to_json() for d in docs])


@app.route("/documents/search")
def search():
    owner = current_user()
    name = request.args.get("name", "")
    doc = find_by_name(owner, name)
    if doc is None:
        return jsonify({"error": "not found"}), 404
    return jsonify(doc.to_json())


@app.route("/documents", methods=["POST"])
def upload():
    owner = current_user()
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        abort(400)
    payload = upload.read()
    doc = store_document(owner, upload.filename, payload)
    log.info("stored document %d for %s", doc.id, owner)
    resp = jsonify(doc.to_json())
    resp.headers["ETag"] = checksum(payload)
    return resp, 201


@app.route("/documents/<int:doc_id>/download")
def download(doc_id: int):
    owner = current_user()
    with connect() as conn:
        row = conn.execute(
            "SELECT name FROM documents WHERE id = ? AND owner = ?", (doc_id, owner)
        ).fetchone()
    if row is None:
        abort(404)
    path = DATA_DIR / owner / row["name"]
    return path.read_bytes()


@app.route("/documents/<int:doc_id>/preview")
def preview(doc_id: int):
    fmt = request.args.get("format", "png")
    if fmt not in ("png", "jpg"):
        abort(400)
    out = DATA_DIR / "previews" / f"{doc_id}.{fmt}"
    subprocess.run(["convert", str(DATA_DIR / str(doc_id)), str(out)], check=True)
    return jsonify({"preview": str(out)})


@app.route("/export")
def export():
    owner = current_user()
    target = request.args.get("dest", "")
    cmd = "tar czf /tmp/export.tgz " + str(DATA_DIR / owner) + " && cp /tmp/export.tgz " + target
    subprocess.run(cmd, shell=True, check=True)
    return jsonify({"status": "ok"})


@app.route("/login", methods=["POST"])
def login():
    body = request.get_json(silent=True) or {}
    user = str(body.get("user", ""))
    if not user.isalnum():
        abort(400)
    session["user"] = user
    next_url = request.args.get("next", "/")
    if not next_url.startswith("/") or next_url.startswith("//"):
        next_url = url_for("index")
    return redirect(next_url)


@app.route("/logout")
def logout():
    session.clear()
    return redirect(url_for("index"))


@app.route("/settings", methods=["POST"])
def settings():
    owner = current_user()
    prefs = json.loads(request.data or b"{}")
    allowed = {k: prefs[k] for k in ("theme", "language") if k in prefs}
    path = DATA_DIR / owner / "settings.json"
    path.write_text(json.dumps(allowed))
    return jsonify(allowed)


if __name__ == "__main__":
    init_db()
    app.run(host="127.0.0.1", port=int(os.environ.get("PORT", "5000")))
