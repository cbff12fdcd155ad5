"""Jinja2 environments and templates built without HTML autoescaping."""

import jinja2
from jinja2 import Environment, FileSystemLoader, Template, select_autoescape
from jinja2.sandbox import SandboxedEnvironment

OPTIONS = {"autoescape": True}


def environments(path):
    a = jinja2.Environment()  # expect: py-jinja2-autoescape-off
    b = Environment(loader=FileSystemLoader(path))  # expect: py-jinja2-autoescape-off
    c = Environment(loader=FileSystemLoader(path), autoescape=False)  # expect: py-jinja2-autoescape-off
    d = SandboxedEnvironment(loader=FileSystemLoader(path))  # expect: py-jinja2-autoescape-off
    e = Template("<p>Hello {{ name }}</p>")  # expect: py-jinja2-autoescape-off
    return a, b, c, d, e


def escaped(path, flag):
    a = Environment(loader=FileSystemLoader(path), autoescape=select_autoescape())  # ok: py-jinja2-autoescape-off
    b = jinja2.Environment(autoescape=True)  # ok: py-jinja2-autoescape-off
    c = Environment(loader=FileSystemLoader(path), autoescape=flag)  # ok: py-jinja2-autoescape-off
    d = Environment(**OPTIONS)  # ok: py-jinja2-autoescape-off
    e = Template("Dear {{ name }}, your order shipped.")  # ok: py-jinja2-autoescape-off
    f = Template("<p>{{ name }}</p>", autoescape=True)  # ok: py-jinja2-autoescape-off
    return a, b, c, d, e, f


def test_renders_plain_text():
    env = Environment()  # ok: py-jinja2-autoescape-off
    assert env.from_string("{{ 1 + 1 }}").render() == "2"


class TestFilters:
    def test_upper(self):
        env = jinja2.Environment(autoescape=False)  # ok: py-jinja2-autoescape-off
        assert env.from_string("{{ 'a'|upper }}").render() == "A"
