"""Java and Kotlin query rewrites: an XPath expression with quoted values spliced in uses XPath
variables instead, and a MongoDB JSON filter of quoted values becomes a Document built from them,
so a value is compared as text and cannot add conditions."""

from __future__ import annotations

import re

from ast_grep_py import SgNode

from vsguard.fixes.edits import Edit, indentation_at
from vsguard.fixes.registry import NoRewrite, Rewrite, Target, register
from vsguard.fixes.strategies._common import enclosing
from vsguard.fixes.strategies._literals import jvm_built, write_jvm
from vsguard.fixes.strategies._rule_utils import call_part
from vsguard.fixes.strategies.jvm import java_import
from vsguard.fixes.strategies.jvm_web import call_arguments
from vsguard.fixes.strings import Expr, Lit, Part

JAVA, KOTLIN = "java", "kotlin"
_FUNCTIONS = ("method_declaration", "constructor_declaration", "function_declaration", "lambda_expression")
_SIMPLE_NAME = re.compile(r"[A-Za-z_]\w*")


def _metavar(t: Target, name: str, part: int | str = 0) -> SgNode | None:
    node = call_part(t, name, part)
    if node is not None and node.kind() == "value_argument" and node.named_children():
        return node.named_children()[0]
    return node


def _string_of(t: Target, source: str) -> str:
    """The value as the text concatenation made of it (`"null"` for null)."""
    if t.language == JAVA:
        return f"String.valueOf({source})"
    scope_text = (enclosing(t.node, *_FUNCTIONS) or t.root).text()
    if re.search(rf"\b{re.escape(source)}\s*:\s*String\b(?!\?)", scope_text):
        return source
    return f"java.lang.String.valueOf({source})"


def _quoted_values(parts: tuple[Part, ...]) -> list[tuple[str, Part]] | None:
    """Pieces of the text, with each value that stood between a pair of quotes marked as `value`
    (the quotes dropped); None when a value is not quoted on both sides."""
    pieces: list[tuple[str, Part]] = []
    items = list(parts)
    for i, part in enumerate(items):
        if isinstance(part, Lit):
            pieces.append(("text", part))
            continue
        before = items[i - 1] if i > 0 else None
        after = items[i + 1] if i + 1 < len(items) else None
        if not isinstance(before, Lit) or not isinstance(after, Lit):
            return None
        quote = before.text[-1:]
        if quote not in ("'", '"') or not after.text.startswith(quote):
            return None
        pieces.append(("value", part))
    out: list[tuple[str, Part]] = []
    for i, (kind, part) in enumerate(pieces):
        if kind == "text" and isinstance(part, Lit):
            text = part.text
            if i > 0 and pieces[i - 1][0] == "value":
                text = text[1:]
            if i + 1 < len(pieces) and pieces[i + 1][0] == "value":
                text = text[:-1]
            out.append(("text", Lit(text)))
        else:
            out.append((kind, part))
    return out


# --------------------------------------------------------------------------- XPath


def _is_xpath(t: Target, receiver: str) -> bool:
    scope = (enclosing(t.node, *_FUNCTIONS) or t.root).text() + "\n" + t.code
    name = re.escape(receiver)
    return (
        re.search(rf"\bXPath\s+{name}\b|\b{name}\s*:\s*XPath\b|\b{name}\s*=\s*[\w.()]*newXPath\(\)", scope)
        is not None
    )


def _reassigned(t: Target, name: str) -> bool:
    scope = (enclosing(t.node, *_FUNCTIONS) or t.root).text()
    code = re.sub(r'"(?:\\.|[^"\\])*"', '""', scope)  # names inside strings are not assignments
    return re.search(rf"(?<![\w.]){re.escape(name)}\s*([-+*/%&|^]?=(?!=)|\+\+|--)", code) is not None


@register("xpath_variables", JAVA, KOTLIN)
def jvm_xpath(t: Target) -> Rewrite | NoRewrite:
    receiver, expression = _metavar(t, "X", "receiver"), _metavar(t, "E", 0)
    if receiver is None or expression is None or not _is_xpath(t, receiver.text()):
        return NoRewrite(
            "only a javax.xml.xpath XPath takes variables; quote the value with a helper instead"
        )
    if "setXPathVariableResolver" in t.code:
        return NoRewrite("the file already sets a variable resolver; add these values to it by hand")
    pieces = _quoted_values(jvm_built(expression, t.language).parts)
    if pieces is None:
        return NoRewrite("a value is not a quoted string in the expression; XPath variables keep their type")
    statement = enclosing(t.node, "expression_statement", "local_variable_declaration", "return_statement")
    holder = statement.parent() if statement is not None else None
    if t.language == KOTLIN:
        statement = t.node
        while (up := statement.parent()) is not None and up.kind() != "statements":
            statement = up
        holder = statement.parent()
    if statement is None or holder is None or holder.kind() not in ("block", "statements"):
        return NoRewrite("the expression is not evaluated in a statement of its own")
    names: dict[str, str] = {}
    text: list[Part] = []
    for kind, part in pieces:
        if kind == "text":
            text.append(part)
            continue
        source = part.source if isinstance(part, Expr) else ""
        if not _SIMPLE_NAME.fullmatch(source) or (t.language == JAVA and _reassigned(t, source)):
            return NoRewrite("a value is not a single (effectively final) variable the resolver can read")
        names[source] = source
        text.append(Lit(f"${source}"))
    choice = "null"
    for var in reversed(list(names)):
        value = _string_of(t, var)
        if t.language == JAVA:
            choice = f'"{var}".equals(name.getLocalPart()) ? {value} : {choice}'
        else:
            choice = f'if (name.localPart == "{var}") {value} else {choice}'
    if t.language == JAVA:
        resolver = f"{receiver.text()}.setXPathVariableResolver(name -> {choice});"
    else:
        resolver = f"{receiver.text()}.setXPathVariableResolver {{ name -> {choice} }}"
    start = statement.range().start.index
    indent = indentation_at(t.code, start)
    merged: list[Part] = [Lit("".join(p.text for p in text if isinstance(p, Lit)))]
    constant = write_jvm(merged, t.language)
    return Rewrite(
        (Edit.replace(expression, constant), Edit.insert(start, f"{resolver}\n{indent}")),
        f"The values ({', '.join(names)}) are now XPath variables the resolver supplies, so a quote in one "
        "cannot end the string and add conditions to the expression.",
    )


# --------------------------------------------------------------------------- MongoDB JSON filters

_PAIR = re.compile(r"""\s*(['"]?)(\w+)\1\s*:\s*(\x00(\d+)\x00|'([^'\\]*)'|"([^"\\]*)")\s*(,|$)""")
_DOCUMENT_TYPES = {"Document.parse": "Document", "BasicDBObject.parse": "BasicDBObject"}


def _pairs(t: Target, pieces: list[tuple[str, Part]]) -> list[tuple[str, str]] | None:
    """(key, value source) of a `{key: '<value>', ...}` filter, or None for any other shape."""
    values: list[str] = []
    flat = ""
    for kind, part in pieces:
        if kind == "text" and isinstance(part, Lit):
            flat += part.text
        elif isinstance(part, Expr):
            flat += f"\x00{len(values)}\x00"
            values.append(part.source)
    m = re.fullmatch(r"\s*\{(.*)\}\s*", flat, re.S)
    if m is None:
        return None
    body, pairs, pos = m.group(1), [], 0
    while pos < len(body.rstrip()):
        found = _PAIR.match(body, pos)
        if found is None:
            return None
        key, index, constant = found.group(2), found.group(4), found.group(5) or found.group(6)
        if index is not None:
            pairs.append((key, _string_of(t, values[int(index)])))
        else:
            pairs.append((key, write_jvm([Lit(constant or "")], t.language)))
        pos = found.end()
    return pairs if pairs and any(v for v in values) else None


@register("bson_document", JAVA, KOTLIN)
def jvm_bson_document(t: Target) -> Rewrite | NoRewrite:
    query = _metavar(t, "Q")
    head = re.sub(r"\s+", "", t.node.text().split("(", 1)[0]).removeprefix("new")
    if query is None or "where" in t.node.text().split("(", 1)[0].lower() or "$where" in t.node.text():
        return NoRewrite("a `$where` script cannot be built from fields; express it as query operators")
    args = call_arguments(t.node, t.language)
    if args is not None and len([a for a in args.named_children() if "comment" not in a.kind()]) != 1:
        return NoRewrite("the query also names its fields; build both as Documents by hand")
    pieces = _quoted_values(jvm_built(query, t.language).parts)
    pairs = _pairs(t, pieces) if pieces is not None else None
    if pairs is None:
        return NoRewrite("only a filter of `field: 'value'` pairs has a direct Document form")
    document = _DOCUMENT_TYPES.get(head, "Document")
    new = "new " if t.language == JAVA else ""
    built = f'{new}{document}("{pairs[0][0]}", {pairs[0][1]})' + "".join(
        f'.append("{k}", {v})' for k, v in pairs[1:]
    )
    imports: tuple[Edit, ...] = ()
    if head in _DOCUMENT_TYPES:
        edit = Edit.replace(t.node, built)
    else:  # new BasicQuery(json): BasicQuery also takes the Document itself
        if t.language == KOTLIN and "import org.bson.Document" not in t.code:
            built = "org.bson." + built
        edit = Edit.replace(query, built)
        imports = java_import(t, "org.bson.Document") if t.language == JAVA else ()
    fields = ", ".join(k for k, _ in pairs)
    return Rewrite(
        (edit, *imports),
        f"The filter is built as a Document from its fields ({fields}), so a value is matched as a "
        "string and cannot add operators such as `$ne` or `$where`.",
    )
