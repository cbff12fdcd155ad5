"""Precision cases found by scanning real frameworks: flows that look dangerous but are not."""

import os
import sys

import requests
from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from flask import redirect, request
from werkzeug.wrappers import Response

from shop.routing import url_for


def echo_plain(req):
    # Werkzeug's Response is text/plain unless told otherwise: the browser renders no markup.
    note = req.args.get("note", "")
    return Response(f"You wrote: {note}")  # ok: py-xss


def echo_html(req):
    note = req.args.get("note", "")
    return Response(f"<p>{note}</p>", mimetype="text/html")  # expect: py-xss


def echo_html_type(req):
    note = req.form["note"]
    return Response("<p>" + note + "</p>", content_type="text/html; charset=utf-8")  # expect: py-xss


def after_login():
    # Query and fragment text cannot move a redirect to another host.
    page = request.args.get("page", "1")
    back = request.args.get("back", "")
    first = redirect("%s?page=%s" % (current_listing(), page))  # ok: py-open-redirect
    second = redirect(f"{current_listing()}?page={page}#results")  # ok: py-open-redirect
    third = redirect("?page=" + page)  # ok: py-open-redirect
    fourth = redirect("%s?page=1" % back)  # expect: py-open-redirect
    fifth = redirect(f"{back}#top")  # expect: py-open-redirect
    return first or second or third or fourth or fifth


def lookup():
    term = request.args.get("term", "")
    host = request.args.get("host", "")
    requests.get("%s?term=%s" % (search_endpoint(), term), timeout=5)  # ok: py-ssrf
    requests.get("https://%s/search?term=1" % host, timeout=5)  # expect: py-ssrf


def to_item():
    # A project's own `url_for` helper builds the URL from its routing table.
    item = request.form.get("item")
    return redirect(url_for("item", item=item))  # ok: py-open-redirect


def keep_filters(request):
    # QueryDict.urlencode() percent-encodes every key and value.
    filters = request.GET.urlencode()
    return HttpResponseRedirect(filters)  # ok: py-open-redirect


def keep_raw(request):
    target = request.GET.get("next", "/")
    return HttpResponseRedirect(target)  # expect: py-open-redirect


def startup_script():
    # The environment names a file; its contents are not environment data (policy: non-constant,
    # medium), and the file name given to compile() only labels tracebacks.
    path = os.environ.get("APP_STARTUP")
    if path:
        with open(path) as handle:
            exec(compile(handle.read(), path, "exec"), {})  # expect: py-eval
    code = sys.argv[1]
    exec(compile(code, "<argv>", "exec"), {})  # expect: py-eval


def current_listing():
    return "/listing"


def search_endpoint():
    return "https://search.internal/api"


def choose_next(request):
    # `next and not safe(next)` false: next is empty or was proved safe.
    target = request.POST.get("next", request.GET.get("next"))
    if (target or request.accepts("text/html")) and not url_has_allowed_host_and_scheme(
        url=target, allowed_hosts={request.get_host()}
    ):
        target = "/"
    return HttpResponseRedirect(target)  # ok: py-open-redirect


def choose_next_unchecked(request):
    target = request.GET.get("next")
    flag = request.GET.get("flag")
    if flag and not url_has_allowed_host_and_scheme(url=target, allowed_hosts=None):
        target = "/"
    return HttpResponseRedirect(target)  # expect: py-open-redirect


class LegacyRedirect:
    # Tornado-style handler: the query arguments are appended percent-encoded after a fixed target.
    def get(self):
        from tornado.httputil import url_concat

        self.redirect(url_concat("/new-home", self.request.query_arguments))  # ok: py-open-redirect
        self.redirect(url_concat(self.get_argument("to"), {"from": "legacy"}))  # expect: py-open-redirect
