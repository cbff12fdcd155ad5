"""A stand-in for lxml.etree's parse(...).xpath(...) where lxml is not installed.

It evaluates the XPath 1.0 subset the fix corpus uses, over the standard library's ElementTree:
absolute and relative location paths on the child and descendant axes, name, *, @attribute and
text() steps, and predicates built from =, !=, and, or, parentheses, string literals and
$variables. A comparison with a node-set is true when any member matches, as in XPath.
"""

from __future__ import annotations

import re
import types
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass

from drivers.fakes import module

Node = ET.Element | str  # an element, or the string value of an attribute or text node
Value = list[Node] | str | bool
Expr = Callable[[ET.Element], Value]

_TOKEN = re.compile(r"""\s*(?:(//|/|\[|\]|\(|\)|!=|=|@|\$)|('[^']*'|"[^"]*")|([A-Za-z_*][\w.-]*)|(\S))""")


class XPathEvalError(Exception):
    """lxml.etree.XPathEvalError: the expression is malformed or names an unknown variable."""


def _string(node: Node) -> str:
    return node if isinstance(node, str) else "".join(node.itertext())


def _strings(value: Value) -> list[str]:
    return [_string(n) for n in value] if isinstance(value, list) else [str(value)]


def _truth(value: Value) -> bool:
    return bool(value)  # a non-empty node-set, a non-empty string, or true


def _compare(op: str, left: Value, right: Value) -> bool:
    if isinstance(left, bool) or isinstance(right, bool):
        return (_truth(left) == _truth(right)) == (op == "=")
    return any((a == b) == (op == "=") for a in _strings(left) for b in _strings(right))


@dataclass
class _Step:
    descendant: bool  # reached through // rather than /
    test: str  # an element name, "*", "@name" or "text()"
    predicates: list[Expr]

    def apply(self, nodes: list[Node]) -> list[Node]:
        found: list[Node] = []
        seen: set[int] = set()
        for node in nodes:
            if isinstance(node, str):
                continue  # attributes and text have no children
            for hit in self._from(node):
                if isinstance(hit, str):
                    if self.predicates:
                        raise XPathEvalError("predicates on attribute or text steps are not supported")
                    found.append(hit)
                elif id(hit) not in seen and all(_truth(p(hit)) for p in self.predicates):
                    seen.add(id(hit))
                    found.append(hit)
        return found

    def _from(self, node: ET.Element) -> list[Node]:
        if self.test.startswith("@") or self.test == "text()":
            owners = list(node.iter()) if self.descendant else [node]
            if self.test == "text()":
                return [t for o in owners for t in [o.text, *(c.tail for c in o)] if t]
            return [v for o in owners if (v := o.get(self.test[1:])) is not None]
        candidates = list(node.iter())[1:] if self.descendant else list(node)
        return [c for c in candidates if self.test in ("*", c.tag)]


class _Parser:
    def __init__(self, text: str, variables: dict[str, str]) -> None:
        self.tokens: list[str] = []
        for match in _TOKEN.finditer(text):
            if match.group(4):
                raise XPathEvalError(f"Invalid expression: {text!r}")
            self.tokens.append(match.group(1) or match.group(2) or match.group(3))
        self.pos = 0
        self.text = text
        self.variables = variables

    def peek(self) -> str | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self, expected: str | None = None) -> str:
        token = self.peek()
        if token is None or (expected is not None and token != expected):
            raise XPathEvalError(f"Invalid expression: {self.text!r}")
        self.pos += 1
        return token

    def path(self, descendant: bool) -> list[_Step]:
        steps = [self.step(descendant)]
        while self.peek() in ("/", "//"):
            steps.append(self.step(self.take() == "//"))
        return steps

    def step(self, descendant: bool) -> _Step:
        test = self.take()
        if test == "@":
            test = "@" + self.take()
        elif test == "text":
            self.take("(")
            self.take(")")
            test = "text()"
        if not re.fullmatch(r"@?[A-Za-z_][\w.-]*|\*|text\(\)", test):
            raise XPathEvalError(f"Invalid expression: {self.text!r}")
        predicates = []
        while self.peek() == "[":
            self.take()
            predicates.append(self.or_expr())
            self.take("]")
        return _Step(descendant, test, predicates)

    def or_expr(self) -> Expr:
        return self._chain("or", self.and_expr, any)

    def and_expr(self) -> Expr:
        return self._chain("and", self.comparison, all)

    def _chain(self, word: str, operand: Callable[[], Expr], combine: Callable[..., bool]) -> Expr:
        parts = [operand()]
        while self.peek() == word:
            self.take()
            parts.append(operand())
        if len(parts) == 1:
            return parts[0]
        return lambda node: combine(_truth(p(node)) for p in parts)

    def comparison(self) -> Expr:
        left = self.operand()
        if self.peek() not in ("=", "!="):
            return left
        op, right = self.take(), self.operand()
        return lambda node: _compare(op, left(node), right(node))

    def operand(self) -> Expr:
        token = self.peek()
        if token is not None and token[0] in "'\"":
            literal = self.take()[1:-1]
            return lambda _: literal
        if token == "$":
            self.take()
            name = self.take()
            if name not in self.variables:
                raise XPathEvalError(f"Undefined variable: {name}")
            value = self.variables[name]
            return lambda _: value
        if token == "(":
            self.take()
            inner = self.or_expr()
            self.take(")")
            return inner
        steps = self.path(descendant=False)
        return lambda node: _walk(steps, [node])


def _walk(steps: list[_Step], nodes: list[Node]) -> list[Node]:
    for step in steps:
        nodes = step.apply(nodes)
    return nodes


class Document:
    def __init__(self, root: ET.Element) -> None:
        self.document = ET.Element("")  # the document node: the root element is its only child
        self.document.append(root)

    def xpath(self, expression: str, **variables: str) -> list[Node]:
        parser = _Parser(expression, variables)
        first = parser.take()
        if first not in ("/", "//"):
            raise XPathEvalError(f"only absolute paths are supported: {expression!r}")
        steps = parser.path(first == "//")
        if parser.peek() is not None:
            raise XPathEvalError(f"Invalid expression: {expression!r}")
        return _walk(steps, [self.document])


def parse(source: str) -> Document:
    return Document(ET.parse(source).getroot())


def modules() -> dict[str, types.ModuleType]:
    etree = module("lxml.etree", parse=parse, XPathEvalError=XPathEvalError)
    return {"lxml": module("lxml", etree=etree), "lxml.etree": etree}
