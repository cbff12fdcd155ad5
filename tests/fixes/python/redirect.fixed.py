from flask import Flask, redirect, request


def is_safe_redirect_url(target):
    """Whether `target` stays on this site: a path or a relative reference, with no scheme, no host,
    no leading `//`, and no backslash or control character (browsers read those as `/` or drop
    them, which can turn the target into another site)."""
    text = str(target)
    first = text.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    return (
        text != ""
        and not text.startswith("//")
        and ":" not in first
        and text == text.strip()
        and not any(c == "\\" or ord(c) < 0x20 or c == "\x7f" for c in text)
    )


app = Flask(__name__)


@app.route("/login/done")
def login_done():
    target = request.args.get("next", "/")
    return redirect(target if is_safe_redirect_url(target) else "/")
