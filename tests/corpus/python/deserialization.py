import json
import marshal
import pickle
import shelve

import jsonpickle
import yaml
from flask import Flask, request
from lxml import etree

app = Flask(__name__)


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
    data = json.loads(request.data)  # ok: py-pickle-load
    return obj, other, third, fixture, text, data


@app.route("/restore", methods=["POST"])
def restore_route():
    state = jsonpickle.decode(request.form["state"])  # expect: py-pickle-load
    code = marshal.loads(request.get_data())  # expect: py-pickle-load
    db = shelve.open(request.args["db"])  # expect: py-pickle-load
    cache = shelve.open("/var/cache/app.db")  # ok: py-pickle-load
    payload = json.loads(request.get_data())  # ok: py-pickle-load
    frozen = pickle.dumps(payload)
    again = pickle.loads(frozen if False else pickle.dumps({"k": 1}))  # ok: py-pickle-load
    return {"ok": [state is None, code is None, db is None, cache is None, again]}


@app.route("/xml", methods=["POST"])
def parse_xml():
    unsafe = etree.XMLParser(resolve_entities=True)
    doc = etree.fromstring(request.data, unsafe)  # expect: py-xxe
    networked = etree.XMLParser(no_network=False)
    doc2 = etree.fromstring(request.get_data(), parser=networked)  # expect: py-xxe
    import xmltodict

    doc3 = xmltodict.parse(request.data, disable_entities=False)  # expect: py-xxe
    hardened = etree.XMLParser(resolve_entities=False, no_network=True)
    doc4 = etree.fromstring(request.data, hardened)  # ok: py-xxe
    doc5 = etree.fromstring(open("/etc/app/config.xml", "rb").read(), unsafe)  # ok: py-xxe
    doc6 = xmltodict.parse(request.data)  # ok: py-xxe
    return {"ok": [doc, doc2, doc3, doc4, doc5, doc6]}
