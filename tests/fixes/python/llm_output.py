import os
import sqlite3
import subprocess

from flask import Flask, request
from markupsafe import Markup
from openai import OpenAI

app = Flask(__name__)
client = OpenAI(api_key="sk-live4f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c")  # vsguard: ignore[hardcoded-secret] also a generic finding


def act(question: str, conn: sqlite3.Connection):
    resp = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": question}], max_tokens=200)
    answer = resp.choices[0].message.content
    value = eval(answer)
    subprocess.run(f"grep {answer} notes.txt", shell=True)
    rows = conn.execute(f"SELECT id FROM notes WHERE topic = '{answer}'").fetchall()
    with open(os.path.join("/srv/notes", answer)) as fh:
        text = fh.read()
    return Markup(answer), value, rows, text


@app.route("/ask", methods=["POST"])
def ask():
    completion = client.chat.completions.create(
        model="gpt-4o",
        messages=[{"role": "user", "content": "Summarise our refund policy."}],
    )
    return {"answer": completion.choices[0].message.content}
