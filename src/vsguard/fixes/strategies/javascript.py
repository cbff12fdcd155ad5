"""JavaScript/TypeScript rewrites: hashing, randomness, TLS, cookies, DOM sinks, eval, deserialization."""

from __future__ import annotations

import re

from ast_grep_py import SgNode

from vsguard.fixes.edits import Edit, statement_removal
from vsguard.fixes.imports import js_import_default
from vsguard.fixes.registry import NoRewrite, Rewrite, Target, register
from vsguard.fixes.strategies._common import JS_CALL, arguments, call_of, enclosing, name_is_rebound

JS = ("javascript",)  # TypeScript and TSX share these through the rule families


def _call(t: Target) -> SgNode | None:
    return call_of(t.node, t.language)


def _member_call(call: SgNode, name: str) -> SgNode | None:
    """`call.name(...)`: the outer call when `call` is the object of a method call named `name`."""
    member = call.parent()
    if member is None or member.kind() != "member_expression":
        return None
    prop = member.field("property")
    outer = member.parent()
    if prop is None or prop.text() != name or outer is None or outer.kind() != JS_CALL:
        return None
    return outer


@register("password_hash", *JS)
def js_password_hash(t: Target) -> Rewrite | NoRewrite:
    update = _call(t)
    if update is None:
        return NoRewrite("the call could not be read")
    digest = _member_call(update, "digest")
    args = arguments(update)
    if digest is None or not args:
        return NoRewrite(
            "the hash object is used beyond one digest; switch the whole routine to bcrypt or argon2"
        )
    name, imports = js_import_default(t.root, t.code, "bcrypt", "bcrypt")
    return Rewrite(
        (Edit.replace(digest, f"{name}.hashSync({args[0].text()}, 12)"), *imports),
        "The password is now hashed with bcrypt (cost 12), a slow salted password hash; the result string "
        "holds its own salt and cost.",
        (
            "Verify logins with `bcrypt.compareSync(password, stored)` (or the async "
            "`bcrypt.hash`/`compare` in "
            "request handlers) and re-hash each user's password at their next successful login; the `bcrypt` "
            "package must be installed.",
        ),
    )


@register("strong_hash", *JS)
def js_strong_hash(t: Target) -> Rewrite | NoRewrite:
    alg = t.node.get_match("ALG")
    if alg is None:
        call = _call(t)
        args = arguments(call) if call is not None else []
        alg = args[0] if args else None
    if alg is None or alg.kind() != "string":
        return NoRewrite("the algorithm name is not a literal")
    quote = alg.text()[0]
    return Rewrite(
        (Edit.replace(alg, f"{quote}sha256{quote}"),),
        "The hash is now SHA-256, which has no known collision attack.",
        ("Digests change, so stored or compared values must be recomputed.",),
    )


# A secret needs 128 bits (ASVS 5.0.0 V7.2.3, V11.5.1); a float from one 32-bit draw holds 32.
_TOKEN_BYTES = 16
_ROUNDING = frozenset({"Math.floor", "Math.round", "Math.ceil", "Math.trunc"})
_TEXT_STEPS = frozenset({"slice", "substring", "substr", "padStart", "padEnd", "toUpperCase", "toLowerCase"})


def _outer_call(node: SgNode) -> SgNode | None:
    """`f(node)` -> that call, when `node` is its only argument."""
    args = node.parent()
    outer = args.parent() if args is not None and args.kind() == "arguments" else None
    if outer is None or outer.kind() != JS_CALL or len(arguments(outer)) != 1:
        return None
    return outer


def _token_text(call: SgNode) -> SgNode | None:
    """The expression that turns the random float into a token's text, when the value is one:
    `Math.random().toString(36)`, `Math.floor(Math.random() * 1e16).toString(36)`, `String(...)`,
    with any `.slice(2)`-like steps after it. None when the float is used as a number."""
    node = call
    product = node.parent()
    op = product.field("operator") if product is not None and product.kind() == "binary_expression" else None
    if product is not None and op is not None:
        rounded = _outer_call(product) if op.text() == "*" else None
        callee = rounded.field("function") if rounded is not None else None
        if rounded is not None and callee is not None and callee.text() in _ROUNDING:
            node = rounded
    text = _member_call(node, "toString")
    wrapped = _outer_call(node)
    wrapper = wrapped.field("function") if wrapped is not None else None
    if text is None and wrapped is not None and wrapper is not None and wrapper.text() == "String":
        text = wrapped
    if text is None:
        return None
    while True:
        member = text.parent()
        is_member = member is not None and member.kind() == "member_expression"
        prop = member.field("property") if member is not None and is_member else None
        step = member.parent() if member is not None else None
        if prop is None or prop.text() not in _TEXT_STEPS or step is None or step.kind() != JS_CALL:
            return text
        text = step


@register("random_to_secrets", *JS)
def js_random(t: Target) -> Rewrite | NoRewrite:
    call = _call(t)
    if call is None or call.text().replace(" ", "") != "Math.random()":
        return NoRewrite("unrecognised random call")
    token = _token_text(call)
    if token is not None:
        q = "'" if t.code.count("'") > t.code.count('"') else '"'
        text = (
            f"Array.from(crypto.getRandomValues(new Uint8Array({_TOKEN_BYTES})), "
            f"(b) => b.toString(16).padStart(2, {q}0{q})).join({q}{q})"
        )
        return Rewrite(
            (Edit.replace(token, text),),
            f"The token is now {_TOKEN_BYTES * 8} bits from the Web Crypto CSPRNG (crypto.getRandomValues) "
            f"as {_TOKEN_BYTES * 2} hex characters, where Math.random() gave at most 53 predictable bits.",
            ("In Node, crypto.randomBytes(16).toString('hex') gives the same.",),
        )
    return Rewrite(
        (Edit.replace(call, "(crypto.getRandomValues(new Uint32Array(1))[0] / 4294967296)"),),
        "Math.random() is replaced by a value from the Web Crypto CSPRNG (crypto.getRandomValues) "
        "in the same "
        "[0, 1) range, so existing arithmetic on it keeps working but it can no longer be predicted.",
        ("For whole tokens prefer crypto.randomBytes(32).toString('hex') or crypto.randomUUID().",),
        review=(
            "the value still carries at most 32 random bits, fewer than the 128 a secret needs; "
            "if it is a token, make it from crypto.getRandomValues(new Uint8Array(16))"
        ),
    )


@register("remove_verify_false", *JS)
def js_tls(t: Target) -> Rewrite | NoRewrite:
    node = t.node
    if node.kind() == "pair":
        value = node.field("value")
        assert value is not None
        return Rewrite(
            (Edit.replace(value, "true"),),
            "Certificate verification is switched back on; for a private CA pass it with the `ca` option.",
        )
    statement = enclosing(node, "expression_statement")
    if statement is None:
        return NoRewrite("the setting is not a standalone statement")
    return Rewrite(
        (statement_removal(t.code, statement),),
        "The line that turned off certificate checks for the whole process is removed; Node verifies "
        "certificates by default.",
    )


_JS_COOKIE_FLAGS = (("secure", "true"), ("httpOnly", "true"), ("sameSite", '"lax"'))


def _pair_key(pair: SgNode) -> str:
    key = pair.field("key")
    return key.text().strip("'\"") if key is not None else ""


def _weak_flag(key: str, value: str) -> bool:
    if key == "sameSite":
        return value.strip("'\"").lower() == "none"
    return value != "true"


@register("cookie_flags", *JS)
def js_cookie(t: Target) -> Rewrite | NoRewrite:
    call = _call(t)
    if call is None:
        return NoRewrite("the call could not be read")
    args = arguments(call)
    flags = ", ".join(f"{k}: {v}" for k, v in _JS_COOKIE_FLAGS)
    if len(args) == 2:
        edits = [Edit.insert(args[1].range().end.index, ", { " + flags + " }")]
    elif len(args) == 3 and args[2].kind() == "object":
        obj = args[2]
        pairs = {_pair_key(p): p for p in obj.named_children() if p.kind() == "pair"}
        edits = []
        missing = []
        for key, good in _JS_COOKIE_FLAGS:
            pair = pairs.get(key)
            value = pair.field("value") if pair is not None else None
            if value is None:
                missing.append(f"{key}: {good}")
            elif _weak_flag(key, value.text()):
                edits.append(Edit.replace(value, good))
        members = [c for c in obj.named_children() if c.kind() != "comment"]
        if missing and members:
            edits.append(Edit.insert(members[-1].range().end.index, ", " + ", ".join(missing)))
        elif missing:
            edits.append(Edit.replace(obj, "{ " + ", ".join(missing) + " }"))
    else:
        return NoRewrite("the cookie options are not an object literal")
    return Rewrite(
        tuple(edits),
        "The cookie is now set with secure: true (HTTPS only), httpOnly: true (hidden from "
        "scripts) and sameSite: "
        '"lax" (not sent on cross-site subrequests).',
    )


# A tag, closing tag, comment or doctype: `<` then a letter, `/` or `!` (`a < b` is not markup).
_MARKUP = re.compile(r"<[A-Za-z/!]")
_ESCAPE_HTML = "escapeHtml"
_STRINGS = ("string", "template_string")


def _literal_text(node: SgNode) -> str:
    """The fixed text of a string or template literal (a template's `${...}` parts left out)."""
    if node.kind() == "template_string":
        return "".join(c.text() for c in node.children() if c.kind() != "template_substitution")
    return node.text()


def _has_markup(node: SgNode) -> bool:
    """True when a string or template literal anywhere in `node` holds markup."""
    strings = [node] if node.kind() in _STRINGS else []
    strings += [d for kind in _STRINGS for d in node.find_all(kind=kind)]
    return any(_MARKUP.search(_literal_text(s)) for s in strings)


def _concat_operands(node: SgNode) -> list[SgNode]:
    """The operands of a left-nested `a + b + c` chain, in order (one operand for anything else)."""
    op = node.field("operator")
    left, right = node.field("left"), node.field("right")
    if node.kind() != "binary_expression" or op is None or op.text() != "+" or left is None or right is None:
        return [node]
    return [*_concat_operands(left), right]


def _unwrap_parens(node: SgNode) -> SgNode:
    while node.kind() == "parenthesized_expression":
        inner = [c for c in node.named_children() if c.kind() != "comment"]
        if len(inner) != 1:
            break
        node = inner[0]
    return node


def _pieces(value: SgNode) -> list[str | SgNode] | NoRewrite:
    """An HTML value as its literal text and its inserted parts, in the order they are joined."""
    value = _unwrap_parens(value)
    pieces: list[str | SgNode] = []
    if value.kind() == "template_string":
        for child in value.children():
            if child.kind() == "template_substitution":
                inner = [c for c in child.named_children() if c.kind() != "comment"]
                pieces += inner[:1]
            elif child.kind() != "`":
                pieces.append(child.text())
        return pieces
    operands = [_unwrap_parens(o) for o in _concat_operands(value)]
    first = next((i for i, o in enumerate(operands) if o.kind() in _STRINGS), len(operands))
    if first > 1:  # `a + b + "<b>"` adds a and b as numbers before any string joins in
        return NoRewrite(
            "the value adds variables before its first string; put the markup first or build it "
            "with a template literal, then escape each inserted value with an HTML escaper"
        )
    for operand in operands:
        if operand.kind() == "template_string":
            nested = _pieces(operand)
            if isinstance(nested, NoRewrite):
                return nested
            pieces += nested
        else:
            pieces.append(operand.text()[1:-1] if operand.kind() == "string" else operand)
    return pieces


# Where escaping is not enough: inside a tag (an attribute may be a URL or an event handler, whose
# entities are decoded before the URL or script is read) or inside a script or style element.
_OPEN_TAG = re.compile(r"<[A-Za-z][^>]*$")
_RAW_TEXT = re.compile(r"<(script|style)\b(?![\s\S]*</\1)", re.I)


def _interpolated(value: SgNode) -> list[SgNode] | NoRewrite:
    """The parts of an HTML value that come from variables, when its literal parts are markup to keep.

    Each part is escaped as a whole, which is sound only where it lands in element text. A part that
    builds markup of its own (a nested template, a `map(...)` of tags) cannot be escaped without
    showing that markup as text, so such values are refused.
    """
    pieces = _pieces(value)
    if isinstance(pieces, NoRewrite):
        return pieces
    parts: list[SgNode] = []
    before = ""
    for piece in pieces:
        if isinstance(piece, str):
            before += piece
            continue
        if _OPEN_TAG.search(before) or _RAW_TEXT.search(before):
            return NoRewrite(
                f"`{piece.text()}` is inserted inside a tag or a script/style element, where HTML "
                "escaping does not stop a `javascript:` URL or script; build the element with "
                "createElement and set the attribute or text with setAttribute/textContent, checking "
                "URLs against an allow-list"
            )
        if _has_markup(piece):
            return NoRewrite(
                "the value's inserted parts build markup of their own; escape each untrusted value "
                "where it enters that markup (e.g. with an escapeHtml helper or DOMPurify.sanitize on "
                "the result)"
            )
        parts.append(piece)
        before += "x"
    return parts


def _escape_html_helper(t: Target) -> tuple[Edit, ...] | NoRewrite:
    """A local `escapeHtml` function at the end of the file, unless the file already declares one."""
    functions = t.root.find_all(kind="function_declaration")
    if any((f.field("name") or f).text() == _ESCAPE_HTML for f in functions):
        return ()
    if re.search(rf"\b{_ESCAPE_HTML}\b", t.code):
        return NoRewrite(f"the file already uses the name `{_ESCAPE_HTML}` for something else")
    q = "'" if t.code.count("'") > t.code.count('"') else '"'
    semi = ";" if re.search(r";\s*$", t.code, re.M) else ""
    signature = "value: unknown): string" if t.language in ("typescript", "tsx") else "value)"
    entities = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"), ("'", "&#39;"))
    lines = [
        "",
        "// Escapes the characters HTML gives a meaning to, so the value is shown as text inside markup.",
        f"function {_ESCAPE_HTML}({signature} {{",
        "  return String(value)",
        *(f"    .replace(/{c}/g, {q}{e}{q})" for c, e in entities),
    ]
    lines[-1] += semi
    lines += ["}", ""]
    newline = "\r\n" if "\r\n" in t.code else "\n"
    lead = "" if t.code.endswith(("\n", "\r\n")) else newline
    return (Edit.insert(len(t.code), lead + newline.join(lines)),)


def _escaped(value: SgNode, parts: list[SgNode]) -> str:
    """The text of `value` with each of `parts` (inside it, in order) wrapped in the HTML escaper."""
    start, text, pieces, at = value.range().start.index, value.text(), [], 0
    for part in parts:
        begin, end = part.range().start.index - start, part.range().end.index - start
        pieces += [text[at:begin], f"{_ESCAPE_HTML}({text[begin:end]})"]
        at = end
    return "".join([*pieces, text[at:]])


def _escape_values(t: Target, value: SgNode, place: SgNode | None = None) -> Rewrite | NoRewrite | None:
    """Escape each inserted part of an HTML value whose literal parts are markup (None: no markup).

    `place`, when given, is an `el.innerHTML += value` statement: it becomes
    `el.insertAdjacentHTML("beforeend", value)`, which appends the same markup without reading the
    element's current HTML back (so the rescan sees only the escaped value).
    """
    if not _has_markup(value):
        return None
    parts = _interpolated(value)
    if isinstance(parts, NoRewrite):
        return parts
    if not parts:
        return NoRewrite("the value has no inserted part to escape")
    if any(name_is_rebound(p, _ESCAPE_HTML, t.language) for p in parts):
        return NoRewrite(f"a local name `{_ESCAPE_HTML}` hides the helper the fix would add")
    helper = _escape_html_helper(t)
    if isinstance(helper, NoRewrite):
        return helper
    escaped = _escaped(value, parts)
    edit = Edit.replace(value, escaped)
    how = ""
    if place is not None:
        left = place.field("left")
        obj = left.field("object") if left is not None else None
        assert obj is not None
        edit = Edit.replace(place, f'{obj.text()}.insertAdjacentHTML("beforeend", {escaped})')
        how = ' and appended with insertAdjacentHTML("beforeend", ...), which adds the same markup'
    shown = ", ".join(f"`{p.text()}`" for p in parts)
    return Rewrite(
        (edit, *helper),
        f"The value's own markup is kept{how}; the inserted {shown} is HTML-escaped (`&`, `<`, `>` and "
        "quotes become entities), so it shows as text and cannot add tags or attributes.",
        (
            "Escape any value added to this markup later the same way, or build the elements with "
            "createElement and textContent.",
        ),
    )


@register("innerhtml_to_textcontent", *JS)
def js_innerhtml(t: Target) -> Rewrite | NoRewrite:
    node = t.node
    note = ("If the value really is HTML, sanitize it instead: `el.innerHTML = DOMPurify.sanitize(html)`.",)
    if node.kind() in ("assignment_expression", "augmented_assignment_expression"):
        left, right = node.field("left"), node.field("right")
        prop = left.field("property") if left is not None and left.kind() == "member_expression" else None
        obj = left.field("object") if left is not None else None
        if prop is None or obj is None or right is None:
            return NoRewrite("the assignment could not be read")
        op = node.field("operator")
        statement = node.parent()
        appends = (
            node.kind() == "augmented_assignment_expression"
            and prop.text() == "innerHTML"
            and op is not None
            and op.text() == "+="
            and statement is not None
            and statement.kind() == "expression_statement"
        )
        if node.kind() == "assignment_expression" or appends:
            escaped = _escape_values(t, right, node if appends else None)
            if escaped is not None:
                return escaped
        elif _has_markup(right):
            return NoRewrite(
                "the value holds markup of its own; write it with `=` (or insertAdjacentHTML) and "
                "escape each inserted value with an HTML escaper such as an escapeHtml helper"
            )
        if node.kind() == "assignment_expression" and prop.text() == "innerHTML":
            return Rewrite(
                (Edit.replace(prop, "textContent"),),
                "The value is now written with textContent, so the browser shows it as text "
                "instead of parsing "
                "it as HTML.",
                note,
            )
        if statement is None or statement.kind() != "expression_statement":
            return NoRewrite("the assignment's value is used; rewrite it as a separate statement first")
        if prop.text() == "innerHTML" and op is not None and op.text() == "+=":
            new = f'{obj.text()}.insertAdjacentText("beforeend", {right.text()})'
            how = "appended as a text node"
        elif prop.text() == "outerHTML":
            new = f"{obj.text()}.replaceWith({right.text()})"
            how = "put in place of the element as a text node"
        else:
            return NoRewrite("unrecognised HTML assignment")
        return Rewrite(
            (Edit.replace(node, new),), f"The value is now {how}, so it is never parsed as HTML.", note
        )
    call = _call(t)
    func = call.field("function") if call is not None else None
    if func is not None and func.kind() == "member_expression":
        prop = func.field("property")
        args = arguments(call) if call is not None else []
        if prop is not None and prop.text() == "insertAdjacentHTML" and len(args) == 2:
            escaped = _escape_values(t, args[1])
            if escaped is not None:
                return escaped
        if prop is not None and prop.text() == "insertAdjacentHTML":
            return Rewrite(
                (Edit.replace(prop, "insertAdjacentText"),),
                "insertAdjacentHTML becomes insertAdjacentText, which inserts the value as text, not markup.",
                note,
            )
    return NoRewrite(
        "document.write has no text-only twin; build the content with DOM methods and textContent"
    )


@register("eval_to_json_parse", *JS)
def js_eval(t: Target) -> Rewrite | NoRewrite:
    call = _call(t)
    func = call.field("function") if call is not None else None
    if (
        call is None
        or func is None
        or func.text() not in ("eval", "window.eval")
        or len(arguments(call)) != 1
    ):
        return NoRewrite(
            "only eval of data has a drop-in replacement; map allowed actions to functions instead"
        )
    return Rewrite(
        (Edit.replace(func, "JSON.parse"),),
        "eval is replaced by JSON.parse, which reads data and never runs code.",
        ("Inputs that are not JSON now throw a SyntaxError instead of running.",),
        review="JavaScript expressions and object literals that are not JSON (single quotes, unquoted keys) "
        "are now refused",
    )


@register("unserialize_to_json", *JS)
def js_unserialize(t: Target) -> Rewrite | NoRewrite:
    call = _call(t)
    func = call.field("function") if call is not None else None
    if call is None or func is None or len(arguments(call)) != 1:
        return NoRewrite("the call could not be read")
    return Rewrite(
        (Edit.replace(func, "JSON.parse"),),
        "node-serialize's unserialize is replaced by JSON.parse, which cannot revive functions.",
        ("The producer must now send JSON (JSON.stringify); validate the parsed shape before use.",),
    )


_JS_TOKEN_LIMIT = 1024


@register("llm_max_tokens", *JS)
def js_max_tokens(t: Target) -> Rewrite | NoRewrite:
    call = _call(t)
    func = call.field("function") if call is not None else None
    args = arguments(call) if call is not None else []
    if call is None or func is None or not args or args[0].kind() != "object":
        return NoRewrite("the request options are not an object literal")
    name = func.text()
    if name.endswith(".responses.create"):
        key = "max_output_tokens"
    elif name in ("generateText", "streamText", "generateObject", "streamObject"):
        key = "maxOutputTokens"
    else:
        key = "max_tokens"
    members = [m for m in args[0].named_children() if m.kind() != "comment"]
    pair = f"{key}: {_JS_TOKEN_LIMIT}"
    edit = (
        Edit.insert(members[-1].range().end.index, f", {pair}")
        if members
        else Edit.replace(args[0], "{ " + pair + " }")
    )
    return Rewrite(
        (edit,),
        f"The model call now caps its answer ({pair}), so one request cannot run up an unbounded bill.",
        ("Tune the limit to the longest answer this endpoint needs, and rate-limit the endpoint per user.",),
    )
