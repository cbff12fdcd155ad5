import os
import socket
import tempfile

import uvicorn
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from flask import Flask
from flask_cors import CORS

app = Flask(__name__)
app.config["WTF_CSRF_ENABLED"] = False
CORS(app)
api = FastAPI()
api.add_middleware(CORSMiddleware, allow_origins=["*"])


def scratch_file() -> str:
    path = tempfile.mktemp(suffix=".csv")
    return path


def serve() -> None:
    sock = socket.socket()
    sock.bind(("0.0.0.0", 9000))
    uvicorn.run(api, host="0.0.0.0", port=8000)
