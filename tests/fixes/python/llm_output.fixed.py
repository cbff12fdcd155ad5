import ast
import html
import os
import sqlite3
import subprocess

from flask import Flask, request
from markupsafe import Markup
from openai import OpenAI

app = Flask(__name__)
client = OpenAI(api_key=os.environ["OPENAI_API_KEY"])  # vsguard: ignore[hardcoded-secret] also a generic finding


def act(question: str, conn: sqlite3.Connection):
    resp = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": question}], max_tokens=200)
    answer = resp.choices[0].message.content
    value = ast.literal_eval(answer)
    subprocess.run(["grep", answer, "notes.txt"])
    rows = conn.execute("SELECT id FROM notes WHERE topic = ?", (answer,)).fetchall()
    with open(os.path.join("/srv/notes", os.path.basename(answer))) as fh:
        text = fh.read()
    return Markup(html.escape(str(answer))), value, rows, text


@app.route("/ask", methods=["POST"])
def ask():
    completion = client.chat.completions.create(
        model="gpt-4o",
        messages=[{"role": "user", "content": "Summarise our refund policy."}],
        max_tokens=1024,
    )
    return {"answer": completion.choices[0].message.content}
