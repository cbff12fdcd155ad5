"""Read and write string-building code in Go, Java, Kotlin, Rust and PHP as literal text and
expressions (the neutral `Built` form the SQL and shell rewrites work on).

Only forms whose run-time text is certain are read: plain double-quoted literals with the common
escapes, `+` / `.` concatenation, Kotlin and PHP interpolation, Go `fmt.Sprintf` with `%s`/`%d`/`%v`
and Rust `format!` with `{}` / `{name}`. Anything else raises `Unsupported`, so no rewrite guesses.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ast_grep_py import SgNode

from vsguard.fixes.strings import Built, Expr, Lit, Part, Unsupported, merge

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", '"': '"', "'": "'", "0": "\0"}
_CONSTANT = re.compile(r"^[A-Z][A-Z0-9_]*$")


def decode(raw: str, extra: str = "") -> str:
    """Decode backslash escapes of a double-quoted literal body (`extra`: escapable characters
    such as `$`); an escape outside the common set is refused rather than guessed."""
    out: list[str] = []
    i = 0
    while i < len(raw):
        ch = raw[i]
        if ch != "\\":
            out.append(ch)
            i += 1
            continue
        nxt = raw[i + 1] if i + 1 < len(raw) else ""
        if nxt in _ESCAPES:
            out.append(_ESCAPES[nxt])
        elif nxt and nxt in extra:
            out.append(nxt)
        else:
            raise Unsupported(f"the string uses the escape `\\{nxt}`, which is left alone")
        i += 2
    return "".join(out)


def _expr(node: SgNode | str) -> Expr:
    text = node if isinstance(node, str) else node.text()
    return Expr(text, bool(_CONSTANT.match(text)))


def _split_top(text: str) -> list[str]:
    """`text` split at commas outside brackets and string literals."""
    parts, depth, start, quote = [], 0, 0, ""
    i = 0
    while i < len(text):
        ch = text[i]
        if quote:
            if ch == "\\":
                i += 1
            elif ch == quote:
                quote = ""
        elif ch == '"':
            quote = ch
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(text[start:i].strip())
            start = i + 1
        i += 1
    tail = text[start:].strip()
    if tail:
        parts.append(tail)
    return parts


# --------------------------------------------------------------------------- Rust


def rust_format(macro: SgNode) -> Built:
    """The parts of `format!("...", args)`: `{}`, `{N}` and `{name}` only (no format specs)."""
    tree = macro.find(kind="token_tree")
    if tree is None:
        raise Unsupported("unreadable format! call")
    items = _split_top(tree.text()[1:-1])
    if not items or not re.fullmatch(r'"(?:[^"\\]|\\.)*"', items[0], re.S):
        raise Unsupported("the format string is not a plain string literal")
    if any(re.match(r"^[a-z_]\w*\s*=[^=]", a) for a in items[1:]):
        raise Unsupported("named format! arguments are left alone")
    template, args = decode(items[0][1:-1]), items[1:]
    parts: list[Part] = []
    position = 0
    for piece in re.split(r"(\{\{|\}\}|\{[^{}]*\})", template):
        if piece in ("{{", "}}"):
            parts.append(Lit(piece[0]))
        elif piece.startswith("{"):
            inner = piece[1:-1]
            if inner == "":
                if position >= len(args):
                    raise Unsupported("format! has fewer arguments than placeholders")
                parts.append(_expr(args[position]))
                position += 1
            elif inner.isdigit() and int(inner) < len(args):
                parts.append(_expr(args[int(inner)]))
            elif re.fullmatch(r"[a-z_][a-z0-9_]*", inner):
                parts.append(_expr(inner))
            else:
                raise Unsupported(f"the format placeholder `{piece}` has a format spec")
        elif "{" in piece or "}" in piece:
            raise Unsupported("unbalanced braces in the format string")
        else:
            parts.append(Lit(piece))
    return Built(merge(parts), '"')


def escape_double(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\t", "\\t")
        .replace("\r", "\\r")
    )


def write_rust(parts: tuple[Part, ...] | list[Part]) -> str:
    """A Rust string literal, or `format!(...)` when expressions remain."""
    exprs = [p.source for p in parts if isinstance(p, Expr)]
    pieces = []
    for p in parts:
        if isinstance(p, Expr):
            pieces.append("{}")
        else:
            text = escape_double(p.text)
            pieces.append(text.replace("{", "{{").replace("}", "}}") if exprs else text)
    body = "".join(pieces)
    if not exprs:
        return f'"{body}"'
    return f'format!("{body}", {", ".join(exprs)})'


# --------------------------------------------------------------------------- Go

_GO_VERBS = re.compile(r"%([%sdvq]|[^%sdvq])")


def _go_literal(node: SgNode) -> str:
    text = node.text()
    if node.kind() == "raw_string_literal":
        return text[1:-1]
    return decode(text[1:-1])


def go_parts(node: SgNode) -> list[Part]:
    kind = node.kind()
    if kind in ("interpreted_string_literal", "raw_string_literal"):
        return [Lit(_go_literal(node))]
    if kind == "parenthesized_expression" and len(node.named_children()) == 1:
        return go_parts(node.named_children()[0])
    if kind == "binary_expression":
        op = node.field("operator")
        left, right = node.field("left"), node.field("right")
        if op is not None and op.text() == "+" and left is not None and right is not None:
            return go_parts(left) + go_parts(right)
    if kind == "call_expression":
        func, args = node.field("function"), node.field("arguments")
        if func is not None and func.text() == "fmt.Sprintf" and args is not None:
            values = [a for a in args.named_children() if a.kind() != "comment"]
            if values and values[0].kind() in ("interpreted_string_literal", "raw_string_literal"):
                return _go_sprintf(_go_literal(values[0]), values[1:])
            raise Unsupported("the Sprintf format is not a string literal")
    return [_expr(node)]


def _go_sprintf(template: str, args: list[SgNode]) -> list[Part]:
    parts: list[Part] = []
    position = 0
    last = 0
    for m in _GO_VERBS.finditer(template):
        parts.append(Lit(template[last : m.start()]))
        last = m.end()
        verb = m.group(1)
        if verb == "%":
            parts.append(Lit("%"))
            continue
        if verb not in "sdv":
            raise Unsupported(f"the Sprintf verb `%{verb}` changes how the value is written")
        if position >= len(args):
            raise Unsupported("Sprintf has fewer arguments than verbs")
        parts.append(_expr(args[position]))
        position += 1
    if position != len(args):
        raise Unsupported("Sprintf has more arguments than verbs")
    parts.append(Lit(template[last:]))
    return parts


def go_built(node: SgNode) -> Built:
    parts = go_parts(node)
    if not any(isinstance(p, Lit) for p in parts):
        raise Unsupported("no string literal in the expression")
    return Built(merge(parts), '"')


def write_concatenation(parts: tuple[Part, ...] | list[Part]) -> str:
    """A double-quoted literal joined with `+` to any expressions that remain (Go, Java)."""
    pieces = [f'"{escape_double(p.text)}"' if isinstance(p, Lit) else p.source for p in parts]
    return " + ".join(pieces) if pieces else '""'


# --------------------------------------------------------------------------- Java and Kotlin


def _joined_parts(node: SgNode, parts_of: Callable[[SgNode], list[Part]]) -> list[Part]:
    """A parenthesized or `+`-joined string in Java or C# (where `+` also adds numbers), else an
    expression; `parts_of` reads the operands."""
    kind = node.kind()
    if kind == "parenthesized_expression" and len(node.named_children()) == 1:
        return parts_of(node.named_children()[0])
    if kind == "binary_expression":
        op = node.field("operator")
        left, right = node.field("left"), node.field("right")
        if op is not None and op.text() == "+" and left is not None and right is not None:
            left_parts = parts_of(left)
            if not any(isinstance(p, Lit) for p in left_parts):
                raise Unsupported("`+` may add numbers before the first string; left alone")
            return left_parts + parts_of(right)
    return [_expr(node)]


def java_parts(node: SgNode) -> list[Part]:
    kind = node.kind()
    if kind == "string_literal":
        if node.text().startswith('"""'):
            raise Unsupported("text blocks are left alone")
        return [Lit(decode(node.text()[1:-1]))]
    return _joined_parts(node, java_parts)


def kotlin_parts(node: SgNode) -> list[Part]:
    kind = node.kind()
    if kind == "string_literal":
        if node.text().startswith('"""'):
            raise Unsupported("raw strings are left alone")
        parts: list[Part] = []
        for child in node.children():
            ck = child.kind()
            if ck == "string_content":
                parts.append(Lit(decode(child.text(), "$")))
            elif ck in ("interpolated_identifier", "interpolated_expression"):
                parts.append(_expr(child))
            elif ck == "escape_sequence":
                parts.append(Lit(decode(child.text(), "$")))
        return parts
    if kind == "parenthesized_expression" and len(node.named_children()) == 1:
        return kotlin_parts(node.named_children()[0])
    if kind == "additive_expression":
        children = node.named_children()
        ops = [c.text() for c in node.children() if not c.is_named()]
        if len(children) == 2 and ops == ["+"]:
            left_parts = kotlin_parts(children[0])
            if not any(isinstance(p, Lit) for p in left_parts):
                raise Unsupported("`+` may add numbers before the first string; left alone")
            return left_parts + kotlin_parts(children[1])
    return [_expr(node)]


def jvm_built(node: SgNode, language: str) -> Built:
    parts = kotlin_parts(node) if language == "kotlin" else java_parts(node)
    if not any(isinstance(p, Lit) for p in parts):
        raise Unsupported("no string literal in the expression")
    return Built(merge(parts), '"')


def write_kotlin(parts: tuple[Part, ...] | list[Part]) -> str:
    """A Kotlin string literal, with `$name` / `${expr}` templates for expressions."""
    body = []
    for i, p in enumerate(parts):
        if isinstance(p, Lit):
            body.append(escape_double(p.text).replace("$", "\\$"))
            continue
        after = parts[i + 1] if i + 1 < len(parts) else None
        glued = isinstance(after, Lit) and re.match(r"[A-Za-z0-9_]", after.text) is not None
        simple = re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", p.source) is not None
        body.append(f"${p.source}" if simple and not glued else "${" + p.source + "}")
    return '"' + "".join(body) + '"'


def write_jvm(parts: tuple[Part, ...] | list[Part], language: str) -> str:
    return write_kotlin(parts) if language == "kotlin" else write_concatenation(parts)


# --------------------------------------------------------------------------- C#


def _cs_literal(node: SgNode) -> list[Part]:
    raw = "".join(c.text() for c in node.children()[1:-1])
    return [Lit(decode(raw))]


def _cs_interpolated(node: SgNode) -> list[Part]:
    start = node.child(0)
    if start is None or start.text() != "$":
        raise Unsupported("verbatim and raw interpolated strings are left alone")
    parts: list[Part] = []
    for child in node.children()[2:-1]:
        kind = child.kind()
        if kind == "interpolation":
            inner = [c for c in child.named_children() if c.kind() != "interpolation_brace"]
            if len(inner) != 1:
                raise Unsupported("an interpolation has an alignment or a format; left alone")
            parts.append(_expr(inner[0]))
        elif kind == "string_content":
            parts.append(Lit(decode(child.text().replace("{{", "{").replace("}}", "}"))))
        elif kind == "escape_sequence":
            parts.append(Lit(decode(child.text())))
        else:
            raise Unsupported(f"unreadable interpolated string part `{child.text()}`")
    return parts


def csharp_parts(node: SgNode) -> list[Part]:
    kind = node.kind()
    if kind == "string_literal":
        return _cs_literal(node)
    if kind == "interpolated_string_expression":
        return _cs_interpolated(node)
    if kind == "verbatim_string_literal":
        return [Lit(node.text()[2:-1].replace('""', '"'))]
    return _joined_parts(node, csharp_parts)


def csharp_built(node: SgNode) -> Built:
    parts = csharp_parts(node)
    if not any(isinstance(p, Lit) for p in parts):
        raise Unsupported("no string literal in the expression")
    return Built(merge(parts), '"')


def text_has(built: Built, pattern: str) -> bool:
    """Whether the literal text already holds `pattern` (a rewrite that renames placeholders by
    pattern must then refuse: it could not tell the SQL's own text from its placeholders)."""
    return any(isinstance(p, Lit) and re.search(pattern, p.text) for p in built.parts)
