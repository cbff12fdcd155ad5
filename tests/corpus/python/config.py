import os
import ssl

import requests
from flask import Flask, make_response

app = Flask(__name__)


def fetch(url):
    requests.get(url, verify=False)  # expect: py-tls-verify-disabled
    requests.post(url, data={}, verify=False)  # expect: py-tls-verify-disabled
    ctx = ssl._create_unverified_context()  # expect: py-tls-verify-disabled
    ctx2 = ssl.create_default_context()
    ctx2.check_hostname = False  # expect: py-tls-verify-disabled
    requests.get(url)  # ok: py-tls-verify-disabled
    requests.get(url, verify=True)  # ok: py-tls-verify-disabled
    requests.get(url, verify="/etc/ssl/private-ca.pem")  # ok: py-tls-verify-disabled
    return ctx, ctx2


def cookies():
    resp = make_response("hi")
    resp.set_cookie("sid", "abc")  # expect: py-cookie-missing-secure, py-cookie-missing-httponly, py-cookie-missing-samesite
    resp.set_cookie("sid", "abc", secure=True)  # expect: py-cookie-missing-httponly, py-cookie-missing-samesite
    resp.set_cookie("sid", "abc", secure=True, httponly=False, samesite="Lax")  # expect: py-cookie-missing-httponly
    resp.set_cookie("sid", "abc", httponly=True, samesite="Lax")  # expect: py-cookie-missing-secure
    resp.set_cookie("sid", "abc", secure=False, httponly=True, samesite=None)  # expect: py-cookie-missing-secure, py-cookie-missing-samesite
    resp.set_cookie("sid", "abc", secure=True, httponly=True, samesite="Strict")  # ok: py-cookie-missing-secure, py-cookie-missing-httponly, py-cookie-missing-samesite
    resp.set_cookie("theme", "dark", secure=True, httponly=True, samesite="Lax", max_age=3600)  # ok: py-cookie-missing-secure, py-cookie-missing-httponly, py-cookie-missing-samesite
    resp.delete_cookie("sid")  # ok: py-cookie-missing-secure, py-cookie-missing-httponly, py-cookie-missing-samesite
    return resp


DEBUG = True  # expect: py-debug-enabled

if __name__ == "__main__":
    app.debug = True  # expect: py-debug-enabled
    app.run(host="127.0.0.1", debug=True)  # expect: py-debug-enabled
    app.run(debug=os.environ.get("FLASK_DEBUG") == "1")  # ok: py-debug-enabled
    app.run(debug=False)  # ok: py-debug-enabled
    DEBUG_TOOLBAR = True  # ok: py-debug-enabled
