from flask import Flask, redirect, request

app = Flask(__name__)


@app.route("/login/done")
def login_done():
    target = request.args.get("next", "/")
    return redirect("/" + str(target).lstrip("/\\ \t\r\n\f\v"))
