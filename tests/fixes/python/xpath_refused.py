from flask import Flask, request
from lxml import etree

app = Flask(__name__)
DOC = etree.parse("catalog.xml")


@app.route("/nodes")
def nodes():
    # The value names an element, which an XPath variable cannot stand for: guidance only.
    return {"count": len(DOC.xpath("//" + request.args["tag"]))}
