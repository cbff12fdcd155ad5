import ldap
from flask import Flask, request
import ldap.filter

app = Flask(__name__)


@app.route("/user")
def find_user():
    conn = ldap.initialize("ldap://directory.example")
    user = request.args["uid"]
    return str(conn.search_s("dc=example,dc=org", ldap.SCOPE_SUBTREE, f"(uid={ldap.filter.escape_filter_chars(user)})"))
