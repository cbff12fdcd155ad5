import pickle

import yaml
from flask import request


def load_config(path):
    with open(path) as fh:
        a = yaml.load(fh)  # expect: py-yaml-unsafe-load
    b = yaml.load(request.data, Loader=yaml.Loader)  # expect: py-yaml-unsafe-load
    c = yaml.unsafe_load(request.data)  # expect: py-yaml-unsafe-load
    d = yaml.safe_load(request.data)  # ok: py-yaml-unsafe-load
    e = yaml.load(request.data, Loader=yaml.SafeLoader)  # ok: py-yaml-unsafe-load
    f = yaml.load(request.data, Loader=yaml.CSafeLoader)  # ok: py-yaml-unsafe-load
    return a, b, c, d, e, f


def restore(blob):
    obj = pickle.loads(request.data)  # expect: py-pickle-load
    with open(blob, "rb") as fh:
        other = pickle.load(fh)  # expect: py-pickle-load
    third = pickle.loads(blob)  # expect: py-pickle-load
    fixture = pickle.loads(b"\x80\x04K\x01.")  # ok: py-pickle-load
    text = pickle.dumps(obj)  # ok: py-pickle-load
    import json
    data = json.loads(request.data)  # ok: py-pickle-load
    return obj, other, third, fixture, text, data
