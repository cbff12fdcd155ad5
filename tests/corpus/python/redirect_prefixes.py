from flask import Flask, redirect, request

app = Flask(__name__)


@app.route("/next")
def go_next():
    target = request.args.get("next", "")
    if target.startswith("/"):
        # "/" alone is not a site path: "//evil.example" also starts with it
        return redirect(target)  # expect: py-open-redirect
    if target.startswith("/app/"):
        return redirect(target)  # ok: py-open-redirect
    return redirect("/" + target)  # expect: py-open-redirect


@app.route("/back")
def go_back():
    target = request.args.get("back", "")
    return redirect("/" + target.lstrip("/\\ \t"))  # ok: py-open-redirect


@app.route("/home")
def go_home():
    target = request.args.get("to", "")
    return redirect(f"/{target.lstrip('/')}")  # expect: py-open-redirect


@app.route("/account")
def account():
    tab = request.args.get("tab", "")
    if not tab.startswith(("/", "\\")):
        return redirect("/" + tab)  # ok: py-open-redirect
    return redirect("/account/" + tab)  # ok: py-open-redirect
