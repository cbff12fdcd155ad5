from cryptography.hazmat.primitives.asymmetric import ec, rsa
from flask import Flask, request
from lxml import etree

app = Flask(__name__)


def make_keys():
    signing = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    exchange = ec.generate_private_key(ec.SECP256R1())
    return signing, exchange


@app.route("/import", methods=["POST"])
def import_xml():
    parser = etree.XMLParser(resolve_entities=False, load_dtd=False)
    doc = etree.fromstring(request.data, parser)
    return {"root": doc.tag}
