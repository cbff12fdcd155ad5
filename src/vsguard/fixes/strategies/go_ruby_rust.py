"""Go, Ruby and Rust rewrites that change one token or one call: TLS checks, cookie flags, template
packages, CSPRNG calls, safe YAML loading and output escaping."""

from __future__ import annotations

import re

from ast_grep_py import SgNode

from vsguard.fixes.edits import Edit
from vsguard.fixes.registry import NoRewrite, Rewrite, Target, register
from vsguard.fixes.strategies._common import enclosing


def _last_token(node: SgNode, token: str, new: str) -> Edit | None:
    text = node.text()
    at = text.rfind(token)
    if at < 0:
        return None
    start = node.range().start.index + at
    return Edit(start, start + len(token), new)


# --------------------------------------------------------------------------- Go


@register("remove_insecure_skip_verify", "go")
def go_tls(t: Target) -> Rewrite | NoRewrite:
    edit = _last_token(t.node, "true", "false")
    if edit is None or "InsecureSkipVerify" not in t.node.text():
        return NoRewrite("unrecognised TLS setting")
    return Rewrite(
        (edit,),
        "InsecureSkipVerify is now false, so the server's certificate chain and host name are "
        "verified; for a "
        "private CA set RootCAs instead.",
    )


_GO_FLAG = {"go-cookie-insecure": "Secure", "go-cookie-no-httponly": "HttpOnly"}


@register("cookie_flags", "go")
def go_cookie(t: Target) -> Rewrite | NoRewrite:
    node = t.node
    field = _GO_FLAG.get(t.rule.id, "Secure")
    if node.kind() == "keyed_element":
        edit = _last_token(node, "false", "true")
        if edit is None:
            return NoRewrite("unrecognised cookie field")
        return Rewrite((edit,), f"The cookie's {node.text().split(':')[0].strip()} field is now true.")
    body = node.field("body") if node.kind() == "composite_literal" else None
    if body is None:
        return NoRewrite("the cookie is not a struct literal")
    elements = [e for e in body.named_children() if e.kind() != "comment"]
    if any(re.match(rf"^{field}\s*:", e.text()) for e in elements):
        return NoRewrite(f"{field} is set from a value vsguard cannot change safely")
    if not elements:
        return Rewrite(
            (Edit.replace(body, f"{{{field}: true}}"),), f"The cookie is created with {field}: true."
        )
    last = elements[-1]
    multiline = "\n" in body.text()
    if multiline:
        line_start = t.code.rfind("\n", 0, last.range().start.index) + 1
        indent = t.code[line_start : last.range().start.index]
        after = t.code[last.range().end.index :]
        comma = after.startswith(",")
        at = last.range().end.index + (1 if comma else 0)
        text = ("" if comma else ",") + f"\n{indent}{field}: true" + ("," if comma else "")
        return Rewrite((Edit.insert(at, text),), f"The cookie is created with {field}: true.")
    return Rewrite(
        (Edit.insert(last.range().end.index, f", {field}: true"),),
        f"The cookie is created with {field}: true"
        + (", so it is only sent over HTTPS." if field == "Secure" else ", so scripts cannot read it."),
    )


def _import_path(spec: SgNode) -> str | None:
    path = spec.field("path")
    return path.text() if path is not None else None


@register("text_to_html_template", "go")
def go_template(t: Target) -> Rewrite | NoRewrite:
    specs = [s for s in t.root.find_all(kind="import_spec") if s.text().strip('"').endswith("template")]
    text_spec = [s for s in specs if _import_path(s) == '"text/template"']
    if len(text_spec) != 1 or any(_import_path(s) == '"html/template"' for s in specs):
        return NoRewrite("the file imports both template packages; switch the HTML one by hand")
    path = text_spec[0].field("path")
    assert path is not None
    return Rewrite(
        (Edit.replace(path, '"html/template"'),),
        "The template package is now html/template (same API), which escapes every value for its HTML, "
        "attribute, URL or script context.",
    )


# --------------------------------------------------------------------------- Ruby


def _rb_arguments(call: SgNode) -> list[SgNode]:
    args = call.field("arguments")
    return args.named_children() if args is not None else []


def _rb_require(t: Target, lib: str) -> tuple[Edit, ...]:
    if re.search(rf"""^\s*require\s+['"]{re.escape(lib)}['"]""", t.code, re.M):
        return ()
    requires = [n for n in t.root.children() if n.kind() == "call" and n.text().startswith("require ")]
    if requires:
        return (Edit.insert(requires[-1].range().end.index, f'\nrequire "{lib}"'),)
    return (Edit.insert(0, f'require "{lib}"\n\n'),)


@register("remove_verify_false", "ruby")
def ruby_tls(t: Target) -> Rewrite | NoRewrite:
    node = t.node
    if node.kind() == "scope_resolution" and (edit := _last_token(node, "VERIFY_NONE", "VERIFY_PEER")):
        return Rewrite(
            (edit,),
            "The connection now verifies the server certificate (VERIFY_PEER).",
        )
    if node.kind() == "pair":
        edit = _last_token(node, "false", "true")
        if edit is not None:
            return Rewrite((edit,), "Certificate verification is switched back on.")
    return NoRewrite("unrecognised TLS setting")


@register("random_to_secrets", "ruby")
def ruby_random(t: Target) -> Rewrite | NoRewrite:
    node = t.node
    method = node.field("method")
    receiver = node.field("receiver")
    args = node.field("arguments")
    name = method.text() if method is not None else ""
    recv = receiver.text() if receiver is not None else ""
    require = _rb_require(t, "securerandom")
    if name == "rand" and recv in ("", "Kernel", "Random", "Random.new"):
        new = "SecureRandom.random_number" + (args.text() if args is not None else "")
        return Rewrite(
            (Edit.replace(node, new), *require),
            f"`{node.text()}` becomes `{new}`, drawn from the operating system's CSPRNG with the same range.",
        )
    if name in ("sample", "shuffle") and receiver is not None:
        if args is None:
            edit = Edit.insert(node.range().end.index, "(random: SecureRandom)")
        else:
            inner = _rb_arguments(node)
            if not inner:
                return NoRewrite("the call could not be read")
            edit = Edit.insert(inner[-1].range().end.index, ", random: SecureRandom")
        return Rewrite(
            (edit, *require),
            f"`{name}` now draws from SecureRandom (random: SecureRandom), so the choice cannot be "
            "predicted.",
        )
    return NoRewrite("unrecognised random call")


@register("yaml_safe_load", "ruby")
def ruby_deserialize(t: Target) -> Rewrite | NoRewrite:
    node = t.node
    method, receiver = node.field("method"), node.field("receiver")
    if method is None or receiver is None:
        return NoRewrite("the call could not be read")
    recv, name = receiver.text(), method.text()
    if recv in ("YAML", "Psych") and name in ("load", "unsafe_load"):
        return Rewrite(
            (Edit.replace(method, "safe_load"),),
            f"{recv}.{name} becomes {recv}.safe_load, which builds only plain data and refuses object tags.",
        )
    if recv == "Marshal" and name == "load":
        return Rewrite(
            (
                Edit(receiver.range().start.index, method.range().end.index, "JSON.parse"),
                *_rb_require(t, "json"),
            ),
            "Marshal.load becomes JSON.parse, which cannot instantiate objects.",
            ("The producer must now write JSON (to_json) instead of Marshal.dump.",),
        )
    if recv == "Oj" and name == "load":
        inner = _rb_arguments(node)
        if len(inner) != 1:
            return NoRewrite("Oj.load with options")
        return Rewrite(
            (Edit.insert(inner[0].range().end.index, ", mode: :strict"),),
            "Oj.load now runs in strict mode, which parses plain JSON and never creates objects.",
        )
    return NoRewrite("unrecognised loader")


@register("remove_html_safe", "ruby")
def ruby_html_safe(t: Target) -> Rewrite | NoRewrite:
    node = t.node
    method = node.field("method")
    receiver = node.field("receiver")
    if method is not None and method.text() == "raw" and receiver is None:
        inner = _rb_arguments(node)
        if len(inner) != 1:
            return NoRewrite("raw with several arguments")
        return Rewrite(
            (Edit.replace(node, inner[0].text()),),
            "raw() is removed, so Rails escapes the value when it is rendered.",
        )
    if method is None or method.text() != "html_safe" or receiver is None:
        return NoRewrite("unrecognised html_safe use")
    if receiver.kind() == "string" and receiver.find(kind="interpolation") is not None:
        edits = []
        for interp in receiver.find_all(kind="interpolation"):
            inner = [c for c in interp.named_children()]
            if len(inner) != 1:
                return NoRewrite("unreadable interpolation")
            edits.append(Edit.replace(inner[0], f"ERB::Util.html_escape({inner[0].text()})"))
        return Rewrite(
            tuple(edits),
            "Each interpolated value is escaped with ERB::Util.html_escape before the markup is marked safe, "
            "so the literal HTML stays and user text cannot add tags.",
        )
    return Rewrite(
        (Edit.replace(node, receiver.text()),),
        "`.html_safe` is removed, so Rails escapes the value when it is rendered.",
        ("If the value must contain markup, sanitize it with `sanitize(value)` instead.",),
    )


@register("password_hash", "ruby")
def ruby_password_hash(t: Target) -> Rewrite | NoRewrite:
    node = t.node
    method = node.field("method")
    inner = _rb_arguments(node)
    if method is None or method.text() not in ("hexdigest", "digest", "base64digest") or len(inner) != 1:
        return NoRewrite("the digest object is fed in steps; switch the whole routine to BCrypt")
    if (binary := enclosing(node, "binary")) is not None and re.search(r"==", binary.text()):
        return NoRewrite("this line compares password hashes; use BCrypt::Password.new(stored) == password")
    return Rewrite(
        (Edit.replace(node, f"BCrypt::Password.create({inner[0].text()})"), *_rb_require(t, "bcrypt")),
        "The password is now hashed with bcrypt (BCrypt::Password.create), a slow salted password hash.",
        (
            "Verify with `BCrypt::Password.new(stored) == password` and re-hash old records at the next "
            "successful login; the bcrypt gem must be installed.",
        ),
    )


# --------------------------------------------------------------------------- Rust


@register("remove_verify_false", "rust")
def rust_tls(t: Target) -> Rewrite | NoRewrite:
    text = t.node.text()
    danger = re.search(r"danger_accept_invalid_(certs|hostnames)\(\s*true\s*\)$", text)
    if danger and (edit := _last_token(t.node, "true", "false")):
        return Rewrite(
            (edit,),
            "The danger_accept_invalid_* switch is now false, so certificates and host names are verified.",
        )
    if "SslVerifyMode::NONE" in text and (
        edit := _last_token(t.node, "SslVerifyMode::NONE", "SslVerifyMode::PEER")
    ):
        return Rewrite(
            (edit,),
            "The OpenSSL context now verifies the peer (SslVerifyMode::PEER).",
        )
    return NoRewrite("unrecognised TLS setting")


@register("cookie_flags", "rust")
def rust_cookie(t: Target) -> Rewrite | NoRewrite:
    text = t.node.text()
    flag = re.search(r"\.(secure|http_only|set_secure|set_http_only)\(\s*(Some\()?\s*false\s*\)?\s*\)$", text)
    edit = _last_token(t.node, "false", "true") if flag else None
    if edit is None:
        return NoRewrite("the cookie flag is not a literal false")
    return Rewrite(
        (edit,),
        "The cookie flag is switched on (true).",
    )


_RB_BIND_METHODS = ("where", "having", "not", "rewhere")


def _rb_first_argument(node: SgNode) -> SgNode | None:
    inner = [a for a in _rb_arguments(node) if a.kind() != "comment"]
    return inner[0] if len(inner) == 1 else None


@register("parameterize_sql", "ruby")
def ruby_sql(t: Target) -> Rewrite | NoRewrite:
    from vsguard.fixes.strategies.sql import QMARK, parameterize
    from vsguard.fixes.strings import read_built, write_string

    node = t.node
    method = node.field("method")
    if method is None or method.text() not in _RB_BIND_METHODS:
        return NoRewrite(f"`{method.text() if method else '?'}` takes no bind values in the same call")
    query = _rb_first_argument(node)
    if query is None or query.kind() not in ("string", "binary", "parenthesized_statements"):
        return NoRewrite("the SQL is not written in the call")
    built = read_built(query, "ruby")
    result = parameterize(built, QMARK, "ruby")
    values = ", ".join(result.values)
    return Rewrite(
        (Edit.replace(query, f"{write_string(result.sql, 'ruby', built.quote)}, {values}"),),
        f"The condition is now constant SQL with `?` placeholders and the values ({values}) are "
        "passed as bind "
        "arguments, so Active Record quotes them.",
    )


_RB_ARGV_CALLS = re.compile(
    r"^(system|exec|spawn|Process\.spawn|Open3\.(capture2|capture2e|capture3|popen2|popen3))$"
)


@register("shell_to_argv", "ruby")
def ruby_shell(t: Target) -> Rewrite | NoRewrite:
    from vsguard.fixes.strategies.shell import split_command
    from vsguard.fixes.strings import as_value, read_built

    node = t.node
    if node.kind() == "subshell":
        return _ruby_backticks(node)
    if node.kind() != "call":
        return NoRewrite("this command form is not rewritten; pass the program and arguments separately")
    receiver, method = node.field("receiver"), node.field("method")
    name = (f"{receiver.text()}." if receiver is not None else "") + (method.text() if method else "")
    command = _rb_first_argument(node)
    if not _RB_ARGV_CALLS.match(name) or command is None or command.kind() not in ("string", "binary"):
        return NoRewrite("the command is not written in the call")
    built = read_built(command, "ruby")
    words = split_command(built)
    items = [as_value(w, "ruby", '"') for w in words]
    return Rewrite(
        (Edit.replace(command, ", ".join(items)),),
        f"The command now runs without a shell as separate arguments ({', '.join(items)}), so each value "
        "reaches the program as one argument.",
    )


def _ruby_backticks(node: SgNode) -> Rewrite | NoRewrite:
    """`` `cmd #{x}` `` / `%x(...)` -> `IO.popen(["cmd", x], &:read)`: the same output string, no shell."""
    from vsguard.fixes.strategies._literals import decode
    from vsguard.fixes.strategies.shell import split_command
    from vsguard.fixes.strings import Built, Expr, Lit, Part, as_value, merge, write_ruby

    parts: list[Part] = []
    for child in node.children()[1:-1]:
        if child.kind() == "interpolation":
            inner = child.named_children()
            if len(inner) != 1:
                return NoRewrite("unreadable interpolation in the command")
            parts.append(Expr(inner[0].text(), False))
        elif child.kind() == "escape_sequence":
            parts.append(Lit(decode(child.text())))
        else:
            parts.append(Lit(child.text()))
    words = split_command(Built(merge(parts), '"'))
    # a value keeps the `#{...}` string conversion the backticks gave it (an Integer stays valid)
    items = [
        write_ruby(w) if any(isinstance(p, Expr) for p in w) else as_value(w, "ruby", '"') for w in words
    ]
    return Rewrite(
        (Edit.replace(node, f"IO.popen([{', '.join(items)}], &:read)"),),
        f"The command now runs without a shell as separate arguments ({', '.join(items)}); IO.popen with "
        "a block returns the same output string the backticks did, and each value reaches the program "
        "as one argument.",
    )


_RB_REQUEST = re.compile(r"^(params|cookies)\[|^params\.(fetch|dig)\b")


@register("path_basename", "ruby")
def ruby_path_basename(t: Target) -> Rewrite | NoRewrite:
    """`File.read("uploads/#{params[:name]}")` -> the request value reduced with File.basename."""
    from vsguard.fixes.strategies.flow import BASENAME_NOTE, basename_explanation

    path = _rb_arguments(t.node)[0] if _rb_arguments(t.node) else None
    if path is None:
        return NoRewrite("the file argument could not be read")
    kinds = ("element_reference", "call")
    uses = [n for k in kinds for n in path.find_all(kind=k) if _RB_REQUEST.match(n.text())]
    uses = [u for u in uses if not any(o is not u and _contains(o, u) for o in uses)]
    if not uses:
        return NoRewrite("the request value could not be located in the path")
    method = path.field("method") if path.kind() == "call" else None
    joined = method is not None and method.text() == "join"
    first = min(u.range().start.index for u in uses) - path.range().start.index
    folder = "/" in path.text()[:first] if path.kind() in ("string", "binary") else joined and first > 0
    if any(u.range() == path.range() for u in uses) or not folder:
        return NoRewrite("the whole path comes from the request; join a bare name to a fixed folder instead")
    edits = tuple(Edit.replace(u, f"File.basename({u.text()})") for u in uses)
    shown = ", ".join(f"`{u.text()}`" for u in uses)
    return Rewrite(edits, basename_explanation("File.basename").format(values=shown), (BASENAME_NOTE,))


def _contains(outer: SgNode, inner: SgNode) -> bool:
    a, b = outer.range(), inner.range()
    return a.start.index <= b.start.index and b.end.index <= a.end.index
