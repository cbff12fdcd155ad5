import os
import uuid

import werkzeug.utils
from bottle import request as bottle_request
from django.core.files.storage import FileSystemStorage, default_storage
from flask import Flask, abort, request
from quart import request as quart_request
from werkzeug.utils import secure_filename

app = Flask(__name__)
UPLOAD_DIR = "/srv/uploads"
ALLOWED = {"png", "jpg", "pdf"}


@app.post("/avatar")
def avatar():
    f = request.files["avatar"]
    f.save(os.path.join(UPLOAD_DIR, f.filename))  # expect: py-upload-client-filename
    request.files["cv"].save(UPLOAD_DIR + "/" + request.files["cv"].filename)  # expect: py-upload-client-filename
    doc = request.files.get("doc")
    # the client picks the folder through another form field
    doc.save(os.path.join(UPLOAD_DIR, request.form["folder"], "doc.pdf"))  # expect: py-upload-client-filename
    # only the extension is kept, but `rsplit` keeps whatever follows the last dot, `/` included
    ext = doc.filename.rsplit(".", 1)[-1]
    doc.save(f"{UPLOAD_DIR}/{uuid.uuid4().hex}.{ext}")  # expect: py-upload-client-filename
    # a base name still lets the client pick `.htaccess` or another upload's name
    doc.save(os.path.join(UPLOAD_DIR, os.path.basename(doc.filename)))  # expect: py-upload-client-filename
    return "ok"


@app.post("/safe")
def safe():
    f = request.files["avatar"]
    f.save(os.path.join(UPLOAD_DIR, secure_filename(f.filename)))  # ok: py-upload-client-filename
    name = werkzeug.utils.secure_filename(request.files["cv"].filename)
    request.files["cv"].save(os.path.join(UPLOAD_DIR, name))  # ok: py-upload-client-filename
    # a name the server generates; the extension comes from an allow-list
    ext = f.filename.rsplit(".", 1)[-1].lower()
    if ext not in ALLOWED:
        abort(400)
    f.save(os.path.join(UPLOAD_DIR, f"{uuid.uuid4().hex}.{ext}"))  # ok: py-upload-client-filename
    # the client's name only labels the row; the file is stored under a server id
    stored = os.path.join(UPLOAD_DIR, str(uuid.uuid4()))
    f.save(stored)  # ok: py-upload-client-filename
    log_upload(f.filename, stored)
    return "ok"


@app.post("/gallery")
def gallery():
    first = request.files.getlist("photos")[0]
    first.save(os.path.join(UPLOAD_DIR, first.filename))  # expect: py-upload-client-filename
    return "ok"


@app.post("/async")
async def quart_upload():
    files = await quart_request.files
    up = files["doc"]
    await up.save(os.path.join(UPLOAD_DIR, up.filename))  # expect: py-upload-client-filename
    await up.save(os.path.join(UPLOAD_DIR, secure_filename(up.filename)))  # ok: py-upload-client-filename
    return "ok"


def django_upload(request):
    up = request.FILES["doc"]
    # Django keeps only the base name and its storage refuses `..`, so the file stays in MEDIA_ROOT
    default_storage.save(up.name, up)  # ok: py-upload-client-filename
    FileSystemStorage(location="/srv/media").save("avatars/" + up.name, up)  # ok: py-upload-client-filename


def bottle_upload():
    upload = bottle_request.files.get("doc")
    # Bottle's `filename` is already reduced to a safe name
    upload.save(UPLOAD_DIR)  # ok: py-upload-client-filename


def log_upload(name, path):
    print(name, path)
