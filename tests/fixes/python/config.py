import ssl

import requests
from flask import Flask, make_response

app = Flask(__name__)
DEBUG = True


def fetch(url):
    ctx = ssl._create_unverified_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    return requests.get(url, timeout=5, verify=False), ctx


@app.route("/login")
def login():
    resp = make_response("ok")
    resp.set_cookie("sid", "abc")
    resp.set_cookie(
        "theme",
        "dark",
        secure=False,
        samesite=None,
    )
    return resp


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=5000, debug=True)
