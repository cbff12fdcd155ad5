import html
import os
import shutil
from pathlib import Path

import requests
from flask import Flask, Markup, make_response, redirect, render_template, render_template_string, request, send_file, send_from_directory, session, url_for
from jinja2 import Environment, Template
from markupsafe import escape
from werkzeug.utils import secure_filename

app = Flask(__name__)
UPLOADS = "/srv/uploads"
ALLOWED_REPORTS = {"daily", "weekly"}
PARTNERS = {"a": "https://partner-a.example/api", "b": "https://partner-b.example/api"}


@app.route("/hello")
def hello():
    name = request.args.get("name", "world")
    return render_template_string("<h1>Hello " + name + "</h1>")  # expect: py-ssti


@app.route("/preview", methods=["POST"])
def preview():
    body = request.form["template"]
    tpl = Template(body)  # expect: py-ssti
    env = Environment(autoescape=True)
    page = env.from_string(f"<div>{body}</div>")  # expect: py-ssti
    safe = render_template_string("<p>{{ body }}</p>", body=body)  # ok: py-ssti
    fixed = Template("<p>{{ x }}</p>").render(x=body)  # ok: py-ssti  # expect: py-jinja2-autoescape-off
    listing = render_template_string("<ul>{% for i in items %}<li>{{ i }}</li>{% endfor %}</ul>", items=[body])  # ok: py-ssti
    return tpl.render() + page.render() + safe + fixed + listing


@app.route("/download")
def download():
    name = request.args["file"]
    with open(os.path.join(UPLOADS, name)) as fh:  # expect: py-path-traversal
        data = fh.read()
    os.remove(UPLOADS + "/" + request.args["old"])  # expect: py-path-traversal
    report = Path(UPLOADS) / request.args.get("report", "x")
    text = report.read_text()  # expect: py-path-traversal
    shutil.copy(request.form["src"], "/tmp/backup")  # expect: py-path-traversal
    return send_file(f"/srv/files/{name}")  # expect: py-path-traversal


@app.route("/download-safe")
def download_safe():
    name = request.args["file"]
    with open(os.path.join(UPLOADS, os.path.basename(name))) as fh:  # ok: py-path-traversal
        data = fh.read()
    with open(os.path.join(UPLOADS, secure_filename(name)), "rb") as fh2:  # ok: py-path-traversal
        data += fh2.read().decode()
    kind = request.args.get("kind")
    if kind not in ALLOWED_REPORTS:
        return "no such report", 404
    with open(f"/srv/reports/{kind}.csv") as fh3:  # ok: py-path-traversal
        data += fh3.read()
    full = os.path.realpath(os.path.join(UPLOADS, name))
    if not full.startswith(UPLOADS + os.sep):
        return "forbidden", 403
    with open(full) as fh4:  # ok: py-path-traversal
        data += fh4.read()
    with open("/srv/static/banner.txt") as fh5:  # ok: py-path-traversal
        data += fh5.read()
    return send_from_directory(UPLOADS, name)  # ok: py-path-traversal


@app.route("/go")
def go():
    target = request.args.get("next")
    if request.args.get("mode") == "a":
        return redirect(target)  # expect: py-open-redirect
    if request.args.get("mode") == "b":
        return redirect("https://" + request.args["host"] + "/welcome")  # expect: py-open-redirect
    if request.args.get("mode") == "c":
        return redirect(request.referrer)  # expect: py-open-redirect
    if request.args.get("mode") == "d":
        return redirect(url_for("profile", user=target))  # ok: py-open-redirect
    if request.args.get("mode") == "e":
        return redirect(f"/profile/{target}")  # ok: py-open-redirect
    if target in ("/home", "/settings"):
        return redirect(target)  # ok: py-open-redirect
    return redirect("https://example.com/landing?ref=" + target)  # ok: py-open-redirect


@app.route("/fetch")
def fetch():
    url = request.args["url"]
    r1 = requests.get(url, timeout=5)  # expect: py-ssrf
    r2 = requests.post(f"{request.form['endpoint']}/hook", json={}, timeout=5)  # expect: py-ssrf
    import urllib.request

    r3 = urllib.request.urlopen("http://" + request.args["host"] + ":8080/status")  # expect: py-ssrf
    item = request.args["item"]
    r4 = requests.get(f"https://api.example.com/items/{item}", timeout=5)  # ok: py-ssrf
    r5 = requests.get("https://api.example.com/search", params={"q": url}, timeout=5)  # ok: py-ssrf
    r6 = requests.get(PARTNERS.get(request.args["partner"], PARTNERS["a"]), timeout=5)  # ok: py-ssrf
    return "fetched %d" % len([r1, r2, r3, r4, r5, r6])


@app.route("/greet")
def greet():
    name = request.args.get("name", "")
    return "<p>Hello " + name + "</p>"  # expect: py-xss


@app.route("/greet2")
def greet2():
    who = request.args["who"]
    page = Markup(f"<b>{who}</b>")  # expect: py-xss
    resp = make_response("<div>" + who + "</div>")  # expect: py-xss
    return page if resp is None else resp


@app.route("/greet3")
def greet3():
    bio = request.form["bio"]
    page = render_template_string("<div>{{ bio|safe }}</div>", bio=bio)  # expect: py-xss
    plain = render_template_string("<div>{{ bio }}</div>", bio=bio)  # ok: py-xss
    fixed = render_template_string("<div>{{ note|safe }}</div>", note="<b>welcome</b>")  # ok: py-xss
    return page + plain + fixed


@app.route("/greet-safe")
def greet_safe():
    name = request.args.get("name", "")
    if name == "admin":
        return f"<p>Hello {escape(name)}</p>"  # ok: py-xss
    if name:
        return "<p>Hello " + html.escape(name) + "</p>"  # ok: py-xss
    if request.args.get("json"):
        return {"greeting": name}  # ok: py-xss
    resp = make_response(name, 200, {"X": "1"})
    resp2 = make_response(name, content_type="text/plain") if False else None
    label = Markup("<b>{}</b>").format(name)  # ok: py-xss
    return render_template("greet.html", name=name)  # ok: py-xss


@app.route("/hdr")
def header():
    lang = request.args.get("lang", "en")
    resp = make_response("ok")
    resp.headers["Content-Language"] = lang  # expect: py-header-injection
    resp.headers["X-Trace"] = "id-" + request.headers.get("X-Request-Id", "")  # expect: py-header-injection
    resp.headers.add("X-User", request.args["user"])  # expect: py-header-injection
    resp.headers["Cache-Control"] = "no-store"  # ok: py-header-injection
    resp.headers["X-Count"] = str(int(request.args.get("n", "0")))  # ok: py-header-injection
    clean = lang.replace("\r", "").replace("\n", "")
    resp.headers["Content-Language"] = clean  # ok: py-header-injection
    return resp


@app.route("/login", methods=["POST"])
def login():
    session["user"] = request.form["username"]  # expect: py-session-trust-boundary
    session["role"] = request.args.get("role", "user")  # expect: py-session-trust-boundary
    prefs = {"theme": request.cookies.get("theme")}
    session["prefs"] = prefs  # expect: py-session-trust-boundary
    session["logged_in"] = True  # ok: py-session-trust-boundary
    session["visits"] = session.get("visits", 0) + 1  # ok: py-session-trust-boundary
    theme = request.args.get("theme")
    session["theme"] = theme if theme in ("dark", "light") else "light"  # ok: py-session-trust-boundary
    return "ok"


class User:
    def __init__(self, **fields):
        self.__dict__.update(fields)


@app.route("/users", methods=["POST"])
def create_user():
    data = request.get_json()
    user = User(**data)  # expect: py-mass-assignment
    for key, value in request.form.items():
        setattr(user, key, value)  # expect: py-mass-assignment
    user.__dict__.update(request.json)  # expect: py-mass-assignment
    other = User(name=data["name"], email=data["email"])  # ok: py-mass-assignment
    allowed = {k: data[k] for k in ("name", "email") if k in data}
    third = User(**allowed)  # ok: py-mass-assignment
    setattr(user, "nickname", data.get("nickname"))  # ok: py-mass-assignment
    return {"created": [user.name, other.name, third.name]}
