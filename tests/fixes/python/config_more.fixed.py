import os
import socket
import tempfile

import uvicorn
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from flask import Flask
from flask_cors import CORS

app = Flask(__name__)
app.config["WTF_CSRF_ENABLED"] = True
CORS(app, origins=[o for o in os.environ.get("CORS_ORIGINS", "").split(",") if o])
api = FastAPI()
api.add_middleware(CORSMiddleware, allow_origins=[o for o in os.environ.get("CORS_ORIGINS", "").split(",") if o])


def scratch_file() -> str:
    _fd, path = tempfile.mkstemp(suffix=".csv")
    os.close(_fd)
    return path


def serve() -> None:
    sock = socket.socket()
    sock.bind((os.environ.get("HOST", "127.0.0.1"), 9000))
    uvicorn.run(api, host=os.environ.get("HOST", "127.0.0.1"), port=8000)
