"""JavaScript/TypeScript rewrites: hashing, randomness, TLS, cookies, DOM sinks, eval, deserialization."""

from __future__ import annotations

from ast_grep_py import SgNode

from vsguard.fixes.edits import Edit, statement_removal
from vsguard.fixes.imports import js_import_default
from vsguard.fixes.registry import NoRewrite, Rewrite, Target, register
from vsguard.fixes.strategies._common import JS_CALL, arguments, call_of, enclosing

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


@register("random_to_secrets", *JS)
def js_random(t: Target) -> Rewrite | NoRewrite:
    call = _call(t)
    if call is None or call.text().replace(" ", "") != "Math.random()":
        return NoRewrite("unrecognised random call")
    return Rewrite(
        (Edit.replace(call, "(crypto.getRandomValues(new Uint32Array(1))[0] / 4294967296)"),),
        "Math.random() is replaced by a value from the Web Crypto CSPRNG (crypto.getRandomValues) "
        "in the same "
        "[0, 1) range, so existing arithmetic on it keeps working but it can no longer be predicted.",
        ("For whole tokens prefer crypto.randomBytes(32).toString('hex') or crypto.randomUUID().",),
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
        if node.kind() == "assignment_expression" and prop.text() == "innerHTML":
            return Rewrite(
                (Edit.replace(prop, "textContent"),),
                "The value is now written with textContent, so the browser shows it as text "
                "instead of parsing "
                "it as HTML.",
                note,
            )
        statement = node.parent()
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
