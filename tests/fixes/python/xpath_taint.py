from flask import Flask, request
from lxml import etree

app = Flask(__name__)
USERS = etree.parse("users.xml")


@app.route("/user")
def find_user():
    name = request.args.get("name", "")
    nodes = USERS.xpath("//user[@name='" + name + "']/email/text()")
    return {"emails": [str(n) for n in nodes]}


@app.route("/team")
def team_members():
    team = request.args["team"]
    return {"count": len(USERS.xpath(f"//user[team = '{team}' and @active = 'yes']"))}
