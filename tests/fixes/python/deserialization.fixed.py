"""Loading data sent by clients."""
import ast
import json

import yaml


def load_settings(raw: bytes):
    return yaml.safe_load(raw)


def load_all(stream):
    return list(yaml.safe_load_all(stream))


def restore(blob: bytes):
    return json.loads(blob)


def parse_literal(text: str):
    return ast.literal_eval(text)


def run_script(source: str) -> None:
    exec(source)
