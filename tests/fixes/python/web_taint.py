import logging
import os
import re

from flask import Flask, make_response, render_template_string, request, send_file
from markupsafe import Markup

app = Flask(__name__)
log = logging.getLogger(__name__)
UPLOADS = "/srv/uploads"


@app.route("/hello")
def hello():
    name = request.args.get("name", "world")
    return "<p>Hello " + name + "</p>"


@app.route("/card")
def card():
    who = request.args["who"]
    return Markup(f"<b>{who}</b>")


@app.route("/greet")
def greet():
    name = request.args.get("name", "")
    return render_template_string("<h1>Hello " + name + "</h1>")


@app.route("/download")
def download():
    name = request.args["file"]
    return send_file(os.path.join(UPLOADS, name))


@app.route("/lang")
def lang():
    resp = make_response("ok")
    resp.headers["Content-Language"] = request.args.get("lang", "en")
    return resp


@app.route("/search")
def search():
    pattern = request.args["q"]
    log.info("search for " + pattern)
    hits = [w for w in ("alpha", "beta") if re.search(pattern, w)]
    return {"hits": hits}
