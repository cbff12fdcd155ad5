import os
import ssl

import requests
from flask import Flask, make_response

app = Flask(__name__)
DEBUG = os.environ.get("DEBUG") == "1"


def fetch(url):
    ctx = ssl.create_default_context()
    ctx.check_hostname = True
    ctx.verify_mode = ssl.CERT_REQUIRED
    return requests.get(url, timeout=5), ctx


@app.route("/login")
def login():
    resp = make_response("ok")
    resp.set_cookie("sid", "abc", secure=True, httponly=True, samesite="Lax")
    resp.set_cookie(
        "theme",
        "dark",
        secure=True,
        samesite="Lax",
        httponly=True,
    )
    return resp


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=5000, debug=os.environ.get("FLASK_DEBUG") == "1")
