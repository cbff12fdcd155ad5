from flask import Flask, request
from pymongo import MongoClient

app = Flask(__name__)
db = MongoClient().shop


@app.route("/login", methods=["POST"])
def login():
    body = request.get_json()
    user = db.users.find_one({"email": body["email"], "password_hash": body["hash"]})
    return {"ok": user is not None}
