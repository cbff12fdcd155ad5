"""Read string-building expressions (f-strings, templates, `+`, `%`, `.format`) as literal text and
expressions, and write such sequences back as source in the same language.

The SQL and shell rewrites work on this neutral form: they decide which pieces become placeholders
or list items, then emit code that keeps the user's quoting style where it can.
"""

from __future__ import annotations

import ast
import re
import string
from collections.abc import Callable

from ast_grep_py import SgNode

from vsguard.engine.predicates import is_constant
from vsguard.records import record


class Unsupported(Exception):
    """The expression uses a form the rewriters do not handle soundly (the message says which)."""


@record(frozen=True)
class Lit:
    text: str  # the run-time characters, escapes already decoded


@record(frozen=True)
class Expr:
    source: str
    constant: bool


Part = Lit | Expr


@record(frozen=True)
class Built:
    parts: tuple[Part, ...]
    quote: str  # preferred quote for output: ', ", ''', \"\"\" or `

    @property
    def dynamic(self) -> tuple[Expr, ...]:
        return tuple(p for p in self.parts if isinstance(p, Expr) and not p.constant)


def merge(parts: list[Part]) -> tuple[Part, ...]:
    out: list[Part] = []
    for p in parts:
        if isinstance(p, Lit) and out and isinstance(out[-1], Lit):
            out[-1] = Lit(out[-1].text + p.text)
        elif not (isinstance(p, Lit) and not p.text):
            out.append(p)
    return tuple(out)


# --------------------------------------------------------------------------- Python reading

_PY_QUOTE = re.compile(r"^([A-Za-z]*)('''|\"\"\"|'|\")")
_PERCENT = re.compile(r"%(?:\((?P<key>\w+)\))?(?P<flags>[#0\- +]*\d*(?:\.\d+)?)(?P<conv>[a-zA-Z%])")


def _py_expr(node: SgNode) -> Expr:
    return Expr(node.text(), is_constant(node, "python"))


def _py_string(node: SgNode) -> tuple[list[Part], str]:
    start = node.child(0)
    m = _PY_QUOTE.match(start.text() if start else node.text())
    if m is None:
        raise Unsupported("unrecognised string literal")
    prefix, quote = m.group(1).lower(), m.group(2)
    if "b" in prefix:
        raise Unsupported("byte strings are left alone")
    if "f" not in prefix:
        value = ast.literal_eval(node.text())  # a literal: parsed, never run
        return [Lit(value)], quote
    plain = prefix.replace("f", "")
    parts: list[Part] = []
    for child in node.children():
        kind = child.kind()
        if kind in ("string_start", "string_end"):
            continue
        if kind == "interpolation":
            named = [c for c in child.named_children()]
            if len(named) != 1 or child.text().rstrip("}").rstrip().endswith("="):
                raise Unsupported("f-string field with a conversion, format spec or `=`")
            parts.append(_py_expr(named[0]))
        else:
            raw = child.text().replace("{{", "{").replace("}}", "}")
            parts.append(Lit(ast.literal_eval(f"{plain}{quote}{raw}{quote}")))
    return parts, quote


def _py_percent(template: str, right: SgNode) -> list[Part]:
    if right.kind() == "tuple":
        values: list[SgNode] | dict[str, SgNode] = list(right.named_children())
    elif right.kind() == "dictionary":
        values = {}
        for pair in right.named_children():
            key, val = pair.field("key"), pair.field("value")
            if pair.kind() != "pair" or key is None or val is None or key.kind() != "string":
                raise Unsupported("`%` with a dictionary that is not a plain literal")
            values[str(ast.literal_eval(key.text()))] = val
    else:
        values = [right]
    parts: list[Part] = []
    pos = 0
    index = 0
    for m in _PERCENT.finditer(template):
        parts.append(Lit(template[pos : m.start()]))
        pos = m.end()
        conv, name = m.group("conv"), m.group("key")
        if conv == "%":
            parts.append(Lit("%"))
            continue
        if conv not in "sdi" or m.group("flags"):
            raise Unsupported(f"`%{m.group('flags')}{conv}` formatting changes the value's text")
        if name is not None:
            if not isinstance(values, dict) or name not in values:
                raise Unsupported("named `%` field without a matching dictionary key")
            parts.append(_py_expr(values[name]))
        else:
            if not isinstance(values, list) or index >= len(values):
                raise Unsupported("`%` fields and values do not line up")
            parts.append(_py_expr(values[index]))
            index += 1
    if isinstance(values, list) and index != len(values):
        raise Unsupported("`%` fields and values do not line up")
    parts.append(Lit(template[pos:]))
    return parts


def _py_format(template: str, args: SgNode) -> list[Part]:
    positional: list[SgNode] = []
    keywords: dict[str, SgNode] = {}
    for arg in args.named_children():
        if arg.kind() == "keyword_argument":
            name, value = arg.field("name"), arg.field("value")
            if name is None or value is None:
                raise Unsupported("unreadable keyword argument")
            keywords[name.text()] = value
        elif arg.kind() in ("list_splat", "dictionary_splat"):
            raise Unsupported("`.format` with *args or **kwargs")
        elif arg.kind() != "comment":
            positional.append(arg)
    parts: list[Part] = []
    auto = 0
    for literal, field, spec, conv in string.Formatter().parse(template):
        parts.append(Lit(literal))
        if field is None:
            continue
        if spec or conv:
            raise Unsupported("`.format` field with a conversion or format spec")
        if field == "":
            key: int | str = auto
            auto += 1
        elif field.isdigit():
            key = int(field)
        elif field.isidentifier():
            key = field
        else:
            raise Unsupported("`.format` field with attribute or index access")
        if isinstance(key, int):
            if key >= len(positional):
                raise Unsupported("`.format` field without an argument")
            parts.append(_py_expr(positional[key]))
        else:
            if key not in keywords:
                raise Unsupported("`.format` field without an argument")
            parts.append(_py_expr(keywords[key]))
    return parts


Read = tuple[list[Part], str | None]  # the parts of a string expression and its quote, if it has one


def _grouped_or_joined(node: SgNode, group: str, binary: str, read: Callable[[SgNode], Read]) -> Read | None:
    """Read `( x )` (a `group` node) as `x` and `a + b` (a `binary` node) as a's parts then b's.

    None when `node` is neither, so the caller can try its own forms.
    """
    if node.kind() == group:
        inner = [c for c in node.named_children() if c.kind() != "comment"]
        return read(inner[0]) if len(inner) == 1 else None
    if node.kind() == binary:
        op = node.field("operator")
        left, right = node.field("left"), node.field("right")
        if op is not None and op.text() == "+" and left is not None and right is not None:
            lp, lq = read(left)
            rp, rq = read(right)
            return lp + rp, lq or rq
    return None


_PY_STRINGS = ("string", "concatenated_string")


def _py_parts(node: SgNode) -> Read:
    kind = node.kind()
    if kind == "string":
        return _py_string(node)
    if kind == "concatenated_string":
        out: list[Part] = []
        quote: str | None = None
        for child in node.named_children():
            p, q = _py_parts(child)
            out.extend(p)
            quote = quote or q
        return out, quote
    found = _grouped_or_joined(node, "parenthesized_expression", "binary_operator", _py_parts)
    if found is not None:
        return found
    if kind == "binary_operator":
        op = node.field("operator")
        left, right = node.field("left"), node.field("right")
        is_percent = op is not None and op.text() == "%"
        if is_percent and left is not None and right is not None and left.kind() in _PY_STRINGS:
            lp, lq = _py_parts(left)
            if len(lp) != 1 or not isinstance(lp[0], Lit):
                raise Unsupported("`%` applied to an f-string")
            return _py_percent(lp[0].text, right), lq
    if kind == "call":
        func, args = node.field("function"), node.field("arguments")
        if func is not None and args is not None and func.kind() == "attribute":
            obj, attr = func.field("object"), func.field("attribute")
            is_format = attr is not None and attr.text() == "format"
            if is_format and obj is not None and obj.kind() in _PY_STRINGS:
                fp, fq = _py_parts(obj)
                if len(fp) != 1 or not isinstance(fp[0], Lit):
                    raise Unsupported("`.format` applied to an f-string")
                return _py_format(fp[0].text, args), fq
        if func is not None and func.text() in ("str", "repr", "format"):
            raise Unsupported(f"`{func.text()}(...)` inside the string")
    return [_py_expr(node)], None


# --------------------------------------------------------------------------- JavaScript reading

_JS_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}


def _js_unescape(raw: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(raw):
        ch = raw[i]
        if ch != "\\":
            out.append(ch)
            i += 1
            continue
        nxt = raw[i + 1 : i + 2]
        if nxt in _JS_ESCAPES:
            out.append(_JS_ESCAPES[nxt])
            i += 2
        elif nxt == "x" and re.fullmatch(r"[0-9a-fA-F]{2}", raw[i + 2 : i + 4]):
            out.append(chr(int(raw[i + 2 : i + 4], 16)))
            i += 4
        elif nxt == "u" and re.fullmatch(r"[0-9a-fA-F]{4}", raw[i + 2 : i + 6]):
            out.append(chr(int(raw[i + 2 : i + 6], 16)))
            i += 6
        elif nxt == "\n":
            i += 2
        elif nxt and nxt not in "ux123456789":
            out.append(nxt)
            i += 2
        else:
            raise Unsupported("unusual escape sequence in a string")
    return "".join(out)


def _js_expr(node: SgNode, language: str) -> Expr:
    return Expr(node.text(), is_constant(node, language))


def _js_parts(node: SgNode, language: str) -> Read:
    kind = node.kind()
    if kind == "string":
        text = node.text()
        return [Lit(_js_unescape(text[1:-1]))], text[0]
    if kind == "template_string":
        parts: list[Part] = []
        for child in node.children():
            ck = child.kind()
            if ck == "template_substitution":
                named = child.named_children()
                if len(named) != 1:
                    raise Unsupported("unreadable template substitution")
                parts.append(_js_expr(named[0], language))
            elif ck in ("string_fragment", "escape_sequence"):
                parts.append(Lit(_js_unescape(child.text())))
        return parts, "`"
    found = _grouped_or_joined(
        node, "parenthesized_expression", "binary_expression", lambda n: _js_parts(n, language)
    )
    return found if found is not None else ([_js_expr(node, language)], None)


# --------------------------------------------------------------------------- Ruby reading


def _rb_parts(node: SgNode) -> Read:
    kind = node.kind()
    if kind == "string":
        opener = node.child(0)
        delimiter = opener.text() if opener is not None else ""
        if delimiter == "'":
            raw = node.text()[1:-1]
            return [Lit(raw.replace("\\\\", "\\").replace("\\'", "'"))], "'"
        if delimiter != '"':
            raise Unsupported("percent-literal strings are left alone")
        parts: list[Part] = []
        for child in node.children()[1:-1]:
            if child.kind() == "interpolation":
                inner = child.named_children()
                if len(inner) != 1:
                    raise Unsupported("unreadable interpolation")
                parts.append(Expr(inner[0].text(), False))
            elif child.kind() == "escape_sequence":
                parts.append(Lit(_js_unescape(child.text())))
            else:
                parts.append(Lit(child.text()))
        return parts, '"'
    found = _grouped_or_joined(node, "parenthesized_statements", "binary", _rb_parts)
    return found if found is not None else ([Expr(node.text(), False)], None)


def read_built(node: SgNode, language: str) -> Built:
    """Decompose a string-building expression; raises Unsupported for forms we cannot rewrite."""
    if language == "python":
        parts, quote = _py_parts(node)
    elif language in ("javascript", "typescript", "tsx"):
        parts, quote = _js_parts(node, language)
    elif language == "ruby":
        parts, quote = _rb_parts(node)
    else:
        raise Unsupported(f"string rewriting is not available for {language}")
    if quote is None:
        raise Unsupported("no string literal in the expression")
    return Built(merge(parts), quote)


# --------------------------------------------------------------------------- writing


def _escape(text: str, quote: str, *, braces: bool, template: bool) -> str:
    multiline = len(quote) == 3 or template
    out: list[str] = []
    for ch in text:
        if ch == "\\":
            out.append("\\\\")
        elif ch == quote[0]:
            out.append("\\" + ch)
        elif ch == "\n" and multiline:
            out.append(ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif ord(ch) < 0x20:
            out.append(f"\\x{ord(ch):02x}")
        elif braces and ch in "{}":
            out.append(ch * 2)
        else:
            out.append(ch)
    joined = "".join(out)
    return joined.replace("${", "\\${") if template else joined


def write_python(parts: tuple[Part, ...] | list[Part], quote: str = '"') -> str:
    """A Python string literal (an f-string when expressions remain)."""
    quote = quote if quote in ("'", '"', "'''", '"""') else '"'
    has_expr = any(isinstance(p, Expr) for p in parts)
    body: list[str] = []
    for p in parts:
        if isinstance(p, Lit):
            body.append(_escape(p.text, quote, braces=has_expr, template=False))
        else:
            if quote[0] in p.source or "\\" in p.source or "#" in p.source:
                raise Unsupported("expression cannot be placed inside an f-string with this quote")
            body.append("{" + p.source + "}")
    return ("f" if has_expr else "") + quote + "".join(body) + quote


def write_javascript(parts: tuple[Part, ...] | list[Part], quote: str = '"') -> str:
    """A JavaScript string literal (a template literal when expressions remain or it spans lines)."""
    has_expr = any(isinstance(p, Expr) for p in parts)
    template = quote == "`" or has_expr
    q = "`" if template else (quote if quote in ("'", '"') else '"')
    body: list[str] = []
    for p in parts:
        if isinstance(p, Lit):
            body.append(_escape(p.text, q, braces=False, template=template))
        else:
            body.append("${" + p.source + "}")
    return q + "".join(body) + q


def write_ruby(parts: tuple[Part, ...] | list[Part]) -> str:
    """A double-quoted Ruby string, with `#{...}` for expressions."""
    body: list[str] = []
    for p in parts:
        if isinstance(p, Lit):
            text = _escape(p.text, '"', braces=False, template=False)
            body.append(text.replace("#{", "\\#{"))
        else:
            body.append("#{" + p.source + "}")
    return '"' + "".join(body) + '"'


def write_string(parts: tuple[Part, ...] | list[Part], language: str, quote: str) -> str:
    if language == "python":
        return write_python(parts, quote)
    if language == "ruby":
        return write_ruby(parts)
    return write_javascript(parts, quote)


def as_value(parts: tuple[Part, ...] | list[Part], language: str, quote: str) -> str:
    """Source for the run-time value of `parts`: a bare expression when it is exactly one."""
    parts = merge(list(parts))
    if len(parts) == 1 and isinstance(parts[0], Expr):
        return parts[0].source
    if language == "ruby":
        return write_ruby(parts)
    return write_string(parts, language, quote if len(quote) == 1 else '"')
