import os
import socket
import tempfile

import jwt
import uvicorn
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from flask import Flask
from flask_cors import CORS
from django.views.decorators.csrf import csrf_exempt, csrf_protect

app = Flask(__name__)
api = FastAPI()
KEY = os.environ.get("JWT_KEY", "")

CORS_ALLOW_ALL_ORIGINS = True  # expect: py-cors-permissive
CORS_ALLOWED_ORIGINS = ["https://app.example.com"]  # ok: py-cors-permissive
CORS(app)  # expect: py-cors-permissive
CORS(app, origins="*", supports_credentials=True)  # expect: py-cors-permissive
CORS(app, origins=["https://app.example.com"])  # ok: py-cors-permissive
api.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True)  # expect: py-cors-permissive
api.add_middleware(CORSMiddleware, allow_origins=["https://app.example.com"])  # ok: py-cors-permissive
CORS_ORIGIN_WHITELIST = ["*.internal"]  # ok: py-cors-permissive

WTF_CSRF_ENABLED = False  # expect: py-csrf-disabled
app.config["WTF_CSRF_ENABLED"] = False  # expect: py-csrf-disabled
WTF_CSRF_TIME_LIMIT = None  # ok: py-csrf-disabled


@csrf_exempt  # expect: py-csrf-disabled
def webhook(request):
    return None


@csrf_protect  # ok: py-csrf-disabled
def form_view(request):
    return None


# a view merely named like the decorator is not an exemption
def csrf_exempt_report(request):  # ok: py-csrf-disabled
    return None


app.config["WTF_CSRF_ENABLED"] = True  # ok: py-csrf-disabled


def read_claims(token: str) -> dict:
    a = jwt.decode(token, options={"verify_signature": False})  # expect: py-jwt-no-verify
    b = jwt.decode(token, KEY, verify=False)  # expect: py-jwt-no-verify
    c = jwt.decode(token, KEY, algorithms=["none", "HS256"])  # expect: py-jwt-no-verify
    d = jwt.decode(token, KEY, algorithms=["HS256"])  # ok: py-jwt-no-verify
    e = jwt.decode(token, KEY, algorithms=["RS256"], options={"verify_aud": False})  # ok: py-jwt-no-verify
    f = jwt.get_unverified_header(token)  # ok: py-jwt-no-verify
    return {**a, **b, **c, **d, **e, **f}


def temp_files(data: bytes) -> None:
    path = tempfile.mktemp(suffix=".txt")  # expect: py-insecure-tempfile
    with open("/tmp/report.csv", "w") as fh:  # expect: py-insecure-tempfile
        fh.write("x")
    with open(f"/tmp/{os.getpid()}.lock", "a") as lock:  # expect: py-insecure-tempfile
        lock.write("1")
    fd, safe = tempfile.mkstemp()  # ok: py-insecure-tempfile
    with tempfile.NamedTemporaryFile("w", delete=False) as tmp:  # ok: py-insecure-tempfile
        tmp.write(path)
    with open("/tmp/report.csv") as reader:  # ok: py-insecure-tempfile
        reader.read()
    with open("/var/lib/app/state.json", "w") as state:  # ok: py-insecure-tempfile
        state.write(safe)


def serve():
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("0.0.0.0", 8080))  # expect: py-bind-all-interfaces
    app.run(host="0.0.0.0", port=5000)  # expect: py-bind-all-interfaces
    uvicorn.run(api, host="0.0.0.0", port=8000)  # expect: py-bind-all-interfaces
    sock.bind(("127.0.0.1", 8080))  # ok: py-bind-all-interfaces
    app.run(host="127.0.0.1")  # ok: py-bind-all-interfaces
    uvicorn.run(api, host=os.environ.get("HOST", "127.0.0.1"))  # ok: py-bind-all-interfaces
    requests_host = {"host": "0.0.0.0"}  # ok: py-bind-all-interfaces
    return requests_host


# Precision: cookie helpers in library code and client-side cookie jars.
def cookie_plumbing(resp, jar, value, conf, options, make_cookie):
    resp.set_cookie("pref", value, secure=conf.PREF_SECURE, httponly=conf.PREF_HTTPONLY, samesite=conf.PREF_SAMESITE)  # ok: py-cookie-missing-secure, py-cookie-missing-httponly, py-cookie-missing-samesite
    resp.set_cookie("pref", value, **options)  # ok: py-cookie-missing-secure, py-cookie-missing-httponly, py-cookie-missing-samesite
    jar.set_cookie(make_cookie("pref", value))  # ok: py-cookie-missing-secure, py-cookie-missing-httponly, py-cookie-missing-samesite
    resp.set_cookie("pref", expires=0, max_age=0)  # ok: py-cookie-missing-secure, py-cookie-missing-httponly, py-cookie-missing-samesite
    resp.set_cookie("pref", value, secure=None, httponly=conf.PREF_HTTPONLY, samesite="Lax")  # expect: py-cookie-missing-secure



# Precision: a client honouring its caller's opt-out, and Bottle's `same_site` spelling.
def client_context(options, resp, value):
    import ssl

    ctx = ssl.create_default_context()
    if not options.validate_certificates:
        ctx.check_hostname = False  # ok: py-tls-verify-disabled
        ctx.verify_mode = ssl.CERT_NONE  # ok: py-tls-verify-disabled
    if options.legacy_mode:
        ctx.check_hostname = False  # expect: py-tls-verify-disabled
    resp.set_cookie("lang", value, secure=True, httponly=True, same_site="lax")  # ok: py-cookie-missing-samesite
    return ctx


# Precision: test functions exercise these settings against local test servers; never deployed.
def test_debug_page_renders(client_app, resp, requests_session):
    client_app.debug = True  # ok: py-debug-enabled
    client_app.config["DEBUG"] = True  # ok: py-debug-enabled
    resp.set_cookie("sid", "x")  # ok: py-cookie-missing-secure, py-cookie-missing-httponly, py-cookie-missing-samesite
    requests_session.get("https://localhost:8443/", verify=False)  # ok: py-tls-verify-disabled


def serve_reports(report_app, resp, requests_session):
    report_app.debug = True  # expect: py-debug-enabled
    resp.set_cookie("sid", "x", secure=True, httponly=True)  # expect: py-cookie-missing-samesite
    requests_session.get("https://reports.internal/", verify=False)  # expect: py-tls-verify-disabled


class CookieFlagsTest:
    # unittest-style test class: handlers defined here serve only the test client
    def get_handlers(self, handler_base):
        class SetCookieHandler(handler_base):
            def get(self):
                self.set_cookie("plain", "v")  # ok: py-cookie-missing-secure, py-cookie-missing-httponly, py-cookie-missing-samesite

        return [SetCookieHandler]


class AccountHandler:
    def get(self, token):
        self.set_cookie("oauth_state", token)  # expect: py-cookie-missing-secure, py-cookie-missing-httponly, py-cookie-missing-samesite
