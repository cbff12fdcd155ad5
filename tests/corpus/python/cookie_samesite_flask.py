"""Flask/Werkzeug's set_cookie sends no SameSite unless asked: the browser then decides."""

from flask import Flask, make_response

app = Flask(__name__)


@app.route("/login")
def login():
    resp = make_response("ok")
    resp.set_cookie("sid", "opaque", secure=True, httponly=True)  # expect: py-cookie-missing-samesite
    resp.set_cookie("pref", "dark", secure=True, httponly=True, samesite="Lax")  # ok: py-cookie-missing-samesite
    return resp
