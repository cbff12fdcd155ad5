"""Support desk: server-rendered ticket pages, a welcome banner and plain-text reply mails."""

from jinja2 import DictLoader, Environment, Template

TEMPLATES = {
    "ticket.html": "<h1>{{ ticket.title }}</h1>\n<p>{{ ticket.body }}</p>",
    "reply.txt": "Hello {{ name }},\nwe answered your ticket.",
}

env = Environment(loader=DictLoader(TEMPLATES), autoescape=False)

BANNER = Template('<div class="banner">Welcome back, {{ name }}!</div>')


def ticket_page(ticket: dict) -> str:
    return env.get_template("ticket.html").render(ticket=ticket)


def reply_mail(name: str) -> str:
    return env.get_template("reply.txt").render(name=name)


def banner(name: str) -> str:
    return BANNER.render(name=name)
