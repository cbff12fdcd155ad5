"""Small stand-ins for the third-party libraries the Python fix corpus imports.

Each fake keeps the one behaviour a driver observes (how a shell splits a command line, how an
LDAP server reads a filter, how MongoDB reads an operator, how psycopg2 interpolates %s...) and
never touches the network.
"""

from __future__ import annotations

import html
import re
import shlex
import sqlite3
import types
import unicodedata
import xml.sax
import xml.sax.handler
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from io import BytesIO
from typing import Any


def module(name: str, **attrs: Any) -> types.ModuleType:
    made = types.ModuleType(name)
    for key, value in attrs.items():
        setattr(made, key, value)
    return made


# --- processes ---------------------------------------------------------------------------------

_SEPARATORS = {";", "&&", "||", "|", "&", "\n"}


def shell_commands(line: str) -> list[list[str]]:
    """The simple commands a POSIX shell would run for `line` (separators and quoting only)."""
    lexer = shlex.shlex(line, posix=True, punctuation_chars=";&|\n")
    lexer.whitespace = " \t\r"
    lexer.whitespace_split = True
    commands: list[list[str]] = [[]]
    for token in lexer:
        if token in _SEPARATORS:
            commands.append([])
        else:
            commands[-1].append(token)
    return [c for c in commands if c]


@dataclass
class Recorder:
    """Stands in for subprocess and os.system/os.popen and records the programs that would run."""

    argvs: list[list[str]] = field(default_factory=list)

    def _done(self) -> Any:
        return types.SimpleNamespace(returncode=0, stdout="", wait=lambda: 0, read=lambda: "")

    def run(self, command: str | list[str], shell: bool = False, **_: Any) -> Any:
        if shell:
            assert isinstance(command, str)
            self.argvs.extend(shell_commands(command))
        else:
            assert isinstance(command, list), "without a shell the command must be an argument list"
            self.argvs.append(list(command))
        return self._done()

    def system(self, command: str) -> int:
        self.argvs.extend(shell_commands(command))
        return 0

    def popen(self, command: str) -> Any:
        self.argvs.extend(shell_commands(command))
        return self._done()

    def install(self, target: types.ModuleType, monkeypatch: Any) -> None:
        for name in ("run", "Popen"):
            monkeypatch.setattr(target.subprocess, name, self.run)
        if hasattr(target, "os"):
            monkeypatch.setattr(target.os, "system", self.system)
            monkeypatch.setattr(target.os, "popen", self.popen)


# --- flask / markupsafe --------------------------------------------------------------------------


class Markup(str):
    """markupsafe.Markup: a str that a template engine will not escape again."""

    def __html__(self) -> str:
        return str(self)


class Args(dict[str, str]):
    pass


@dataclass
class Upload:
    """A file in request.files (werkzeug's FileStorage): read() gives its bytes, `filename` is the
    name the client sent, unchanged, and save() writes the bytes to the path it is given."""

    content: bytes
    filename: str = ""

    def read(self) -> bytes:
        return self.content

    def save(self, dst: str) -> None:
        with open(dst, "wb") as fh:
            fh.write(self.content)


_DEVICE_NAMES = frozenset(
    {"CON", "PRN", "AUX", "NUL", *(f"{d}{n}" for d in ("COM", "LPT") for n in range(1, 10))}
)


def secure_filename(filename: str) -> str:
    """Stand-in for werkzeug.utils.secure_filename, as documented: ASCII letters, digits, `_`, `-`
    and `.` only, path separators and blanks turned into `_`, no leading or trailing dots or
    underscores, and no Windows device name, here on every system (`../../etc/passwd` -> `etc_passwd`)."""
    ascii_only = unicodedata.normalize("NFKD", filename).encode("ascii", "ignore").decode("ascii")
    joined = "_".join(ascii_only.replace("/", " ").replace("\\", " ").split())
    kept = re.sub(r"[^A-Za-z0-9_.-]", "", joined).strip("._")
    return f"_{kept}" if kept.split(".")[0].upper() in _DEVICE_NAMES else kept


def werkzeug_modules() -> dict[str, types.ModuleType]:
    utils = module("werkzeug.utils", secure_filename=secure_filename)
    return {"werkzeug": module("werkzeug", utils=utils), "werkzeug.utils": utils}


@dataclass
class Request:
    args: Args = field(default_factory=Args)
    data: bytes = b""
    json: Any = None
    form: dict[str, str] = field(default_factory=dict)
    files: dict[str, Upload] = field(default_factory=dict)
    cookies: dict[str, str] = field(default_factory=dict)

    def get_json(self) -> Any:
        return self.json


class Response:
    def __init__(self, body: str) -> None:
        self.body = body
        self.status = 200
        self.headers: dict[str, str] = {}
        self.cookies: list[str] = []

    def set_cookie(
        self,
        key: str,
        value: str = "",
        secure: bool = False,
        httponly: bool = False,
        samesite: str | None = None,
        **_: Any,
    ) -> None:
        parts = [f"{key}={value}"]
        parts += ["Secure"] if secure else []
        parts += ["HttpOnly"] if httponly else []
        parts += [f"SameSite={samesite}"] if samesite else []
        self.cookies.append("; ".join(parts))

    def raw(self) -> str:
        """The response head as a naive server writes it: values copied verbatim."""
        lines = ["HTTP/1.1 200 OK", *(f"{k}: {v}" for k, v in self.headers.items())]
        lines += [f"Set-Cookie: {c}" for c in self.cookies]
        return "\r\n".join(lines) + "\r\n\r\n" + self.body


def render_template_string(source: str, **context: Any) -> str:
    """Jinja's {{ expression }} with Flask's autoescape; values are not rendered a second time."""

    def expand(match: re.Match[str]) -> str:
        value = eval(match.group(1), {"__builtins__": {}}, dict(context))  # our own fixture's template
        return str(value) if isinstance(value, Markup) else html.escape(str(value))

    return re.sub(r"\{\{(.*?)\}\}", expand, source)


class Flask:
    def __init__(self, name: str) -> None:
        self.config: dict[str, Any] = {}
        self.ran: dict[str, Any] | None = None

    def route(self, *_: Any, **__: Any) -> Callable[[Any], Any]:
        return lambda view: view

    get = post = route

    def run(self, **kwargs: Any) -> None:
        self.ran = kwargs


def send_file(path: str) -> bytes:
    with open(path, "rb") as fh:
        return fh.read()


def redirect(location: str, code: int = 302) -> Response:
    """flask.redirect: the Location is the view's string (werkzeug percent-encodes some characters,
    such as a backslash, only when it writes the header: taking it verbatim is the harsher test)."""
    response = Response("")
    response.status = code
    response.headers["Location"] = location
    return response


def flask_modules(request: Request) -> dict[str, types.ModuleType]:
    flask = module(
        "flask",
        Flask=Flask,
        request=request,
        make_response=Response,
        redirect=redirect,
        render_template_string=render_template_string,
        send_file=send_file,
    )
    return {"flask": flask, "markupsafe": module("markupsafe", Markup=Markup)}


# --- LDAP ----------------------------------------------------------------------------------------


def escape_filter_chars(value: str) -> str:
    """python-ldap's ldap.filter.escape_filter_chars (default mode): RFC 4515 specials as \\XX."""
    for char, code in (("\\", r"\5c"), ("*", r"\2a"), ("(", r"\28"), (")", r"\29"), ("\x00", r"\00")):
        value = value.replace(char, code)
    return value


def _unescape(value: str) -> str:
    return re.sub(r"\\([0-9a-fA-F]{2})", lambda m: chr(int(m.group(1), 16)), value)


def _match_value(assertion: str, actual: str) -> bool:
    pieces = assertion.split("*")  # only unescaped stars are wildcards: escaped ones are \2a
    pattern = ".*".join(re.escape(_unescape(p)) for p in pieces)
    return re.fullmatch(pattern, actual, flags=re.IGNORECASE) is not None


def ldap_match(text: str, entry: Mapping[str, str]) -> bool:
    """Evaluate an RFC 4515 filter (&, |, !, equality with * wildcards) against one entry."""

    def parse(pos: int) -> tuple[bool, int]:
        if text[pos] != "(":
            raise ValueError(f"bad filter at {pos}: {text!r}")
        if text[pos + 1] in "&|!":
            op, pos, results = text[pos + 1], pos + 2, []
            while text[pos] == "(":
                result, pos = parse(pos)
                results.append(result)
            if text[pos] != ")":
                raise ValueError(f"bad filter at {pos}: {text!r}")
            value = all(results) if op == "&" else any(results) if op == "|" else not results[0]
            return value, pos + 1
        end = text.index(")", pos)
        attr, _, assertion = text[pos + 1 : end].partition("=")
        return attr in entry and _match_value(assertion, entry[attr]), end + 1

    result, end = parse(0)
    if end != len(text):
        raise ValueError(f"trailing text in filter: {text!r}")
    return result


@dataclass
class Directory:
    entries: list[dict[str, str]]
    filters: list[str] = field(default_factory=list)

    def search_s(self, base: str, scope: int, filterstr: str) -> list[tuple[str, dict[str, str]]]:
        self.filters.append(filterstr)
        return [(f"uid={e['uid']},{base}", e) for e in self.entries if ldap_match(filterstr, e)]

    def modules(self) -> dict[str, types.ModuleType]:
        ldap_filter = module("ldap.filter", escape_filter_chars=escape_filter_chars)
        ldap = module("ldap", initialize=lambda url: self, SCOPE_SUBTREE=2, filter=ldap_filter)
        return {"ldap": ldap, "ldap.filter": ldap_filter}


# --- MongoDB -------------------------------------------------------------------------------------

_OPERATORS: dict[str, Callable[[Any, Any], bool]] = {
    "$eq": lambda actual, operand: actual == operand,
    "$ne": lambda actual, operand: actual != operand,
    "$gt": lambda actual, operand: actual is not None and actual > operand,
    "$regex": lambda actual, operand: isinstance(actual, str) and re.search(operand, actual) is not None,
}


def mongo_match(query: Mapping[str, Any], doc: Mapping[str, Any]) -> bool:
    for key, wanted in query.items():
        actual = doc.get(key)
        if isinstance(wanted, dict) and wanted and all(k.startswith("$") for k in wanted):
            if not all(_OPERATORS[op](actual, operand) for op, operand in wanted.items()):
                return False
        elif actual != wanted:
            return False
    return True


@dataclass
class Collection:
    docs: list[dict[str, Any]]

    def find_one(self, query: Mapping[str, Any]) -> dict[str, Any] | None:
        return next((d for d in self.docs if mongo_match(query, d)), None)


# --- XML -----------------------------------------------------------------------------------------


@dataclass
class Element:
    tag: str
    text: str


class XMLParser:
    """lxml.etree.XMLParser's entity switches, carried out by the standard library's expat."""

    def __init__(self, resolve_entities: bool = True, load_dtd: bool = False, **_: Any) -> None:
        self.resolve_entities = resolve_entities
        self.load_dtd = load_dtd


class _Collect(xml.sax.handler.ContentHandler):
    def __init__(self) -> None:
        super().__init__()
        self.tag: str | None = None
        self.text: list[str] = []

    def startElement(self, name: str, attrs: Any) -> None:
        self.tag = self.tag or name

    def characters(self, content: str) -> None:
        self.text.append(content)


class Etree:
    def __init__(self) -> None:
        self.parsed: list[Element] = []
        self.XMLParser = XMLParser

    def fromstring(self, data: bytes, parser: XMLParser | None = None) -> Element:
        resolve = parser.resolve_entities if parser else True
        handler = _Collect()
        reader = xml.sax.make_parser()
        reader.setFeature(xml.sax.handler.feature_external_ges, resolve)
        reader.setContentHandler(handler)
        reader.parse(BytesIO(data))
        assert handler.tag is not None
        element = Element(handler.tag, "".join(handler.text))
        self.parsed.append(element)
        return element

    def modules(self) -> dict[str, types.ModuleType]:
        etree = module("lxml.etree", XMLParser=self.XMLParser, fromstring=self.fromstring)
        return {"lxml": module("lxml", etree=etree), "lxml.etree": etree}


# --- SQL drivers over sqlite3 --------------------------------------------------------------------


def _sql_literal(value: Any) -> str:
    if isinstance(value, int | float):
        return repr(value)
    return "'" + str(value).replace("'", "''") + "'"


class PsycopgCursor:
    """psycopg2's client-side interpolation: %s becomes a quoted literal and %% a percent sign,
    but only when parameters are given; the statement then runs on sqlite3."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.cursor = conn.cursor()

    def __enter__(self) -> PsycopgCursor:
        return self

    def __exit__(self, *_: object) -> None:
        self.cursor.close()

    def execute(self, query: str, params: Iterable[Any] | None = None) -> None:
        if params is not None:
            values = iter(params)
            query = re.sub(
                r"%(%|s)", lambda m: "%" if m.group(1) == "%" else _sql_literal(next(values)), query
            )
        self.cursor.execute(query)

    def fetchall(self) -> list[Any]:
        return self.cursor.fetchall()


@dataclass
class PsycopgConnection:
    conn: sqlite3.Connection

    def cursor(self) -> PsycopgCursor:
        return PsycopgCursor(self.conn)


class TextClause:
    def __init__(self, sql: str) -> None:
        self.sql = sql
        self.params: dict[str, Any] = {}

    def bindparams(self, **params: Any) -> TextClause:
        bound = TextClause(self.sql)
        bound.params = {**self.params, **params}
        return bound


@dataclass
class AlchemySession:
    """sqlalchemy Session.execute(text(...)) on sqlite3, which reads :name placeholders itself."""

    conn: sqlite3.Connection

    def execute(self, clause: TextClause) -> Any:
        cursor = self.conn.execute(clause.sql, clause.params)
        return types.SimpleNamespace(scalar=lambda: cursor.fetchone()[0])


# --- HTTP and LLM clients ------------------------------------------------------------------------


@dataclass
class Calls:
    """Records calls made through any attribute: calls.get(...) lands in calls.made."""

    made: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = field(default_factory=list)
    answer: Any = None

    def __getattr__(self, name: str) -> Callable[..., Any]:
        if name.startswith("__"):
            raise AttributeError(name)

        def call(*args: Any, **kwargs: Any) -> Any:
            self.made.append((name, args, kwargs))
            return self.answer

        return call


@dataclass
class OpenAIFake:
    """openai.OpenAI: chat.completions.create answers with `reply` and records its arguments."""

    reply: str = ""
    keys: list[str | None] = field(default_factory=list)
    requests: list[dict[str, Any]] = field(default_factory=list)

    def client(self, api_key: str | None = None) -> Any:
        self.keys.append(api_key)
        completions = types.SimpleNamespace(create=self.create)
        return types.SimpleNamespace(chat=types.SimpleNamespace(completions=completions))

    def create(self, **kwargs: Any) -> Any:
        self.requests.append(kwargs)
        message = types.SimpleNamespace(content=self.reply)
        return types.SimpleNamespace(choices=[types.SimpleNamespace(message=message)])
