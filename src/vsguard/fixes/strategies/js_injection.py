"""JavaScript/TypeScript rewrites for data-flow findings into interpreters other than SQL and the
shell: logs, the raw HTTP stream, LDAP filters, upload names and template sources.

Each untrusted value inside the sink gets an encoder the taint engine knows (JSON.stringify,
encodeURIComponent, ldap-escape), or is replaced by a generated name; a template built around
request data becomes a constant template that receives the data as a variable.
"""

from __future__ import annotations

import re

from ast_grep_py import SgNode

from vsguard.fixes.edits import Edit
from vsguard.fixes.imports import js_binding_for, js_import_default
from vsguard.fixes.registry import NoRewrite, Rewrite, Target, register
from vsguard.fixes.strategies._common import arguments
from vsguard.fixes.strategies.flow import sink_values, tainted_uses, wrap

JS = ("javascript",)


@register("log_json_encode", *JS)
def js_log_json(t: Target) -> Rewrite | NoRewrite:
    return wrap(
        t,
        lambda s: f"JSON.stringify({s})",
        (),
        "{values} is logged as a JSON string, so line breaks and control characters in it are escaped "
        "(`\\n`, `\\u001b`) and cannot forge log entries.",
        "The logged value now appears in double quotes.",
        needs_name="JSON",
    )


@register("escape_header", *JS)
def js_escape_header(t: Target) -> Rewrite | NoRewrite:
    return wrap(
        t,
        lambda s: f"encodeURIComponent({s})",
        (),
        "{values} is percent-encoded before it is written to the connection, so CR and LF in it cannot "
        "end the header line or start a new response.",
        "Readers of this header must percent-decode it; a value checked against a strict pattern can be "
        "written as it is instead.",
        needs_name="encodeURIComponent",
    )


# ldap-escape's tags: `filter` for values inside a search filter, `dn` for parts of a DN
_DN_CALLS = re.compile(r"\.(bind|compare|modify|del|modifyDN|add)$")


@register("ldap_escape", *JS)
def js_ldap_escape(t: Target) -> Rewrite | NoRewrite:
    call, _ = sink_values(t)
    func = call.field("function") if call is not None else None
    if func is None:
        return NoRewrite("the LDAP call could not be read")
    tag = "dn" if _DN_CALLS.search(func.text()) else "filter"
    name, imports = js_import_default(t.root, t.code, "ldap-escape", "ldapEscape")
    return wrap(
        t,
        lambda s: f"{name}.{tag}`${{{s}}}`",
        imports,
        "{values} is escaped with ldap-escape's `" + tag + "` tag, so `*`, `(`, `)`, `\\` and NUL in it "
        "are matched as literal characters instead of changing the "
        + ("distinguished name." if tag == "dn" else "filter."),
        "Declare ldap-escape in package.json.",
        needs_name=name,
    )


@register("generated_upload_name", *JS)
def js_generated_upload_name(t: Target) -> Rewrite | NoRewrite:
    crypto, crypto_edits = js_import_default(t.root, t.code, "crypto", "crypto")
    path, path_edits = js_import_default(t.root, t.code, "path", "path")
    result = wrap(
        t,
        lambda s: f"{crypto}.randomUUID() + {path}.extname({s})",
        (*crypto_edits, *path_edits),
        "The upload is stored under a random name that keeps only the extension of {values}, so a client "
        "can no longer choose which stored file it writes or replaces.",
        "Keep the client's file name in your database if it must be shown; check the extension against "
        "the types you accept.",
    )
    if isinstance(result, NoRewrite):
        return result
    return Rewrite(
        result.edits,
        result.explanation,
        result.notes,
        review="stored files get new random names; code that finds them by the client's name must look the "
        "name up instead",
    )


# ----------------------------------------------------------------------------- template sources

# How each engine writes an escaped variable, by module and the render call that takes (source, data).
_PLACEHOLDERS = {
    ("ejs", "render"): "<%= {name} %>",
    ("pug", "render"): "#{{{name}}}",
    ("jade", "render"): "#{{{name}}}",
    ("mustache", "render"): "{{{{ {name} }}}}",
    ("nunjucks", "renderString"): "{{{{ {name} }}}}",
}
# an engine instance made in this file: `new nunjucks.Environment(...)`, `nunjucks.configure(...)`
_INSTANCE = {"nunjucks": r"^(new\s+)?{m}\.(Environment|configure)\("}
_NAME = re.compile(r"[A-Za-z_$][\w$]*$")


def _placeholder(t: Target, call: SgNode) -> str | None:
    """The variable syntax of the engine the call renders with, when this file shows which it is."""
    func = call.field("function")
    if func is None or func.kind() != "member_expression":
        return None
    head, method = func.field("object"), func.field("property")
    if head is None or method is None or head.kind() != "identifier":
        return None
    for (module, render), text in _PLACEHOLDERS.items():
        if method.text() != render:
            continue
        binding = js_binding_for(t.root, module)
        if binding is None:
            continue
        if head.text() == binding:
            return text
        instance = _INSTANCE.get(module)
        if instance is not None and _declared_as(t.root, head.text(), instance.format(m=re.escape(binding))):
            return text
    return None


def _declared_as(root: SgNode, name: str, value_pattern: str) -> bool:
    """Is `name` declared (once) in this file with a value matching `value_pattern`?"""
    found = [
        d
        for d in root.find_all(kind="variable_declarator")
        if (n := d.field("name")) is not None and n.text() == name
    ]
    value = found[0].field("value") if len(found) == 1 else None
    return value is not None and re.match(value_pattern, value.text()) is not None


def operands(node: SgNode) -> list[SgNode] | None:
    """The pieces of a `+` chain (or the node itself)."""
    if node.kind() == "parenthesized_expression":
        inner = [c for c in node.named_children() if c.kind() != "comment"]
        return operands(inner[0]) if len(inner) == 1 else None
    if node.kind() == "binary_expression":
        op = node.field("operator")
        left, right = node.field("left"), node.field("right")
        if op is None or op.text() != "+" or left is None or right is None:
            return None
        head = operands(left)
        tail = operands(right)
        return None if head is None or tail is None else [*head, *tail]
    return [node]


def variable_name(use: SgNode, taken: set[str]) -> str:
    last = re.split(r"[.\[\]()'\"]+", use.text().strip("()[]'\" "))
    words = [w for w in last if _NAME.fullmatch(w)]
    base = words[-1] if words else "value"
    name, n = base, 2
    while name in taken:
        name, n = f"{base}{n}", n + 1
    taken.add(name)
    return name


def _template_text(
    source: SgNode, uses: list[SgNode], placeholder: str, taken: set[str]
) -> tuple[str, list[tuple[str, str]]] | None:
    """The template rewritten with a placeholder per untrusted piece, and (variable, expression) pairs."""
    use_at = {u.range().start.index: u for u in uses}
    pairs: list[tuple[str, str]] = []
    if source.kind() == "template_string":
        out: list[str] = []
        start = source.range().start.index
        text = source.text()
        cursor = 0
        for sub in (c for c in source.named_children() if c.kind() == "template_substitution"):
            inner = [c for c in sub.named_children() if c.kind() != "comment"]
            if (
                len(inner) != 1
                or inner[0].range().start.index not in use_at
                or inner[0].text() != use_at[inner[0].range().start.index].text()
            ):
                return None
            name = variable_name(inner[0], taken)
            pairs.append((name, inner[0].text()))
            out.append(text[cursor : sub.range().start.index - start])
            out.append(placeholder.format(name=name))
            cursor = sub.range().end.index - start
        out.append(text[cursor:])
        return "".join(out), pairs
    parts = operands(source)
    if parts is None:
        return None
    quote: str | None = None
    body: list[str] = []
    for part in parts:
        if part.kind() == "string":
            q = part.text()[0]
            if quote is not None and q != quote:
                return None
            quote = q
            body.append(part.text()[1:-1])
        elif part.range().start.index in use_at and part.text() == use_at[part.range().start.index].text():
            name = variable_name(part, taken)
            pairs.append((name, part.text()))
            body.append(placeholder.format(name=name))
        else:
            return None  # a piece that is neither constant nor the untrusted value
    if quote is None or not pairs:
        return None
    return f"{quote}{''.join(body)}{quote}", pairs


@register("template_data", *JS)
def js_template_data(t: Target) -> Rewrite | NoRewrite:
    call, values = sink_values(t)
    if call is None or not values:
        return NoRewrite("the template call could not be read")
    placeholder = _placeholder(t, call)
    if placeholder is None:
        return NoRewrite(
            "no render call of a known engine that takes (template, data) here (a compiling engine, or one "
            "this file does not show): keep the template constant and pass the value as template data"
        )
    args = arguments(call)
    source = args[0]
    uses = tainted_uses(t, [source])
    data = args[1] if len(args) > 1 else None
    taken: set[str] = set()
    if data is not None:
        if data.kind() != "object":
            return NoRewrite("the template data is not an object literal; add the value to it by hand")
        taken |= {k.text().strip("'\"") for k in data.find_all(kind="property_identifier")}
        taken |= {k.text() for k in data.find_all(kind="shorthand_property_identifier")}
    built = _template_text(source, uses, placeholder, taken)
    if built is None:
        return NoRewrite(
            "the template mixes the value with other run-time pieces; make it a constant by hand"
        )
    template, pairs = built
    fields = ", ".join(f"{name}: {expr}" for name, expr in pairs)
    edits = [Edit.replace(source, template)]
    if data is None:
        edits.append(Edit.insert(source.range().end.index, f", {{ {fields} }}"))
    else:
        items = [c for c in data.named_children() if c.kind() != "comment"]
        if items:
            edits.append(Edit.insert(items[-1].range().end.index, f", {fields}"))
        else:
            edits.append(Edit.replace(data, f"{{ {fields} }}"))
    shown = ", ".join(f"`{expr}`" for _, expr in pairs)
    return Rewrite(
        tuple(edits),
        f"The template is now constant; {shown} reaches it as data and is inserted (HTML-escaped) by the "
        "engine, so template syntax in it is shown as text instead of being run.",
        ("The value is now HTML-escaped by the engine; for a template that is not HTML, check the output.",),
    )
