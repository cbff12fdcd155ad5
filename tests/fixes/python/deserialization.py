"""Loading data sent by clients."""
import pickle

import yaml


def load_settings(raw: bytes):
    return yaml.load(raw, Loader=yaml.Loader)


def load_all(stream):
    return list(yaml.load_all(stream, Loader=yaml.Loader))


def restore(blob: bytes):
    return pickle.loads(blob)


def parse_literal(text: str):
    return eval(text)


def run_script(source: str) -> None:
    exec(source)
