"""Safe loaders under any name stay clean; a program's own dumps and literals are not untrusted."""

import pickle
import yaml
import yaml as y
from yaml import CSafeLoader as Fast
from yaml import SafeLoader, load
from flask import request


def loaders(path, obj):
    a = yaml.load(open(path), Loader=yaml.SafeLoader)  # ok: py-yaml-unsafe-load
    b = yaml.load(open(path), Loader=yaml.CSafeLoader)  # ok: py-yaml-unsafe-load
    c = yaml.load(open(path), Loader=Fast)  # ok: py-yaml-unsafe-load
    d = y.load(open(path))  # expect: py-yaml-unsafe-load
    e = load(open(path), Loader=SafeLoader)  # ok: py-yaml-unsafe-load
    g = load(open(path))  # expect: py-yaml-unsafe-load
    m = yaml.load(open(path), Loader=yaml.FullLoader)  # expect: py-yaml-unsafe-load
    n = yaml.load(open(path), yaml.SafeLoader)  # ok: py-yaml-unsafe-load
    o = y.unsafe_load(open(path))  # expect: py-yaml-unsafe-load
    return a, b, c, d, e, g, m, n, o


def round_trips(obj):
    a = pickle.loads(pickle.dumps(obj))  # ok: py-pickle-load
    blob = pickle.dumps(obj)
    b = pickle.loads(blob)  # ok: py-pickle-load
    c = pickle.loads(b"\x80\x04K\x01.")  # ok: py-pickle-load
    d = pickle.loads(request.data)  # expect: py-pickle-load
    return a, b, c, d
