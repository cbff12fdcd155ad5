import os

from flask import Flask, request
import werkzeug.utils

app = Flask(__name__)
UPLOAD_DIR = "/srv/uploads"


@app.post("/avatar")
def avatar():
    f = request.files["avatar"]
    f.save(os.path.join(UPLOAD_DIR, werkzeug.utils.secure_filename(f.filename)))
    return "saved"
