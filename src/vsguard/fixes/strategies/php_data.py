"""PHP rewrites of values that reach a log, a mail header, an LDAP filter, a MongoDB query or a
stored upload, and of credentials written into the code."""

from __future__ import annotations

import re
from collections.abc import Callable

from ast_grep_py import SgNode

from vsguard.fixes.edits import Edit
from vsguard.fixes.registry import NoRewrite, Rewrite, Target, register
from vsguard.fixes.strategies._items import secret_from_env
from vsguard.fixes.strategies.php import PHP
from vsguard.fixes.strategies.php_sql import _first_quote, _single_assignment, php_parts, write_php
from vsguard.fixes.strategies.php_web import call_args
from vsguard.fixes.strings import Expr, Lit, Part, Unsupported, merge

_REQUEST_READ = re.compile(r"\$_(GET|POST|REQUEST|COOKIE|SERVER)\s*\[|\$req(uest)?->\w+\(|request\(\)->\w+\(")
_NO_LINE_BREAKS = 'str_replace(["\\r", "\\n"], {replacement}, {value})'


def rewrite_parts(expr: SgNode, wrap: Callable[[str], str | None]) -> tuple[str, list[str]] | NoRewrite:
    """`expr` (a literal, `.` concatenation or interpolated string) written again with each dynamic
    part passed through `wrap` (None leaves it as it is): (new text, the wrapped parts)."""
    try:
        parts: list[Part] = php_parts(expr)
    except Unsupported as why:
        return NoRewrite(str(why))
    out: list[Part] = []
    wrapped = []
    for part in parts:
        new = wrap(part.source) if isinstance(part, Expr) else None
        if new is not None and isinstance(part, Expr):
            wrapped.append(part.source)
            out.append(Expr(new, False))
        else:
            out.append(part)
    if not wrapped:
        return NoRewrite("no value to clean was found in the text")
    quote = _first_quote(expr)
    if any(isinstance(p, Lit) and re.search(r"[\r\n\t]", p.text) for p in out):
        quote = '"'  # keep control characters as escapes, not raw in a single-quoted literal
    return write_php(merge(out), quote), wrapped


def _shown(values: list[str]) -> str:
    return ", ".join(f"`{v}`" for v in values)


@register("escape_log", PHP)
def php_log(t: Target) -> Rewrite | NoRewrite:
    found = call_args(t.node)
    if found is None:
        return NoRewrite("the call could not be read")
    _, args = found
    edits = []
    shown: list[str] = []
    for arg in args:
        if not _REQUEST_READ.search(arg.text()) or arg.kind() == "array_creation_expression":
            continue
        result = rewrite_parts(
            arg,
            lambda s: _NO_LINE_BREAKS.format(replacement="' '", value=s) if _REQUEST_READ.search(s) else None,
        )
        if isinstance(result, NoRewrite):
            return result
        edits.append(Edit.replace(arg, result[0]))
        shown += result[1]
    if not edits:
        return NoRewrite("the request value could not be located in the message")
    return Rewrite(
        tuple(edits),
        f"Line breaks in {_shown(shown)} are replaced by spaces before the text is logged, so a value cannot "
        "start a forged log entry.",
        ("Better still, pass request values as the logger's context array.",),
    )


@register("escape_header", PHP)
def php_mail_header(t: Target) -> Rewrite | NoRewrite:
    found = call_args(t.node)
    if found is None or len(found[1]) < 4:
        return NoRewrite("the call could not be read")
    headers = found[1][3]
    result = rewrite_parts(headers, lambda s: _NO_LINE_BREAKS.format(replacement="''", value=s))
    if isinstance(result, NoRewrite) or result[0] == _NO_LINE_BREAKS.format(
        replacement="''", value=headers.text()
    ):
        return NoRewrite(
            "the whole header block comes from one value; build it from fixed names and cleaned values"
        )
    return Rewrite(
        (Edit.replace(headers, result[0]),),
        f"CR and LF are removed from {_shown(result[1])} before it goes into the mail headers, so it cannot "
        "add headers (Bcc, a second body) of its own.",
    )


_LDAP_SAFE = re.compile(r"^(ldap_escape|intval)\(")


@register("escape_ldap_filter", PHP)
def php_ldap(t: Target) -> Rewrite | NoRewrite:
    found = call_args(t.node)
    if found is None:
        return NoRewrite("the call could not be read")
    call, args = found
    name = call.field("name")
    at = 0 if name is not None and name.text() == "rawFilter" else 1 if name is not None else 2
    if at >= len(args):
        return NoRewrite("the filter argument could not be read")
    value = args[at]
    if value.kind() == "variable_name":
        assigned = _single_assignment(t, value)
        if assigned is None:
            return NoRewrite(
                "the filter is built elsewhere; escape each value with ldap_escape where it is built"
            )
        value = assigned

    def escape(source: str) -> str | None:
        if _LDAP_SAFE.match(source) or not re.match(r"^\$|^\w+\(", source):
            return None
        return f"ldap_escape({source}, '', LDAP_ESCAPE_FILTER)"

    if value.kind() not in ("string", "encapsed_string", "binary_expression"):
        return NoRewrite("the filter is made by a call; escape each value with ldap_escape before it goes in")
    result = rewrite_parts(value, escape)
    if isinstance(result, NoRewrite):
        return result
    return Rewrite(
        (Edit.replace(value, result[0]),),
        f"{_shown(result[1])} is escaped with ldap_escape(..., LDAP_ESCAPE_FILTER), so `*`, `(`, `)` "
        "and `\\` in it are matched literally instead of changing the filter.",
    )


_SUPERGLOBAL = re.compile(r"^\$_(GET|POST|REQUEST|COOKIE)\s*\[[^\[\]]*\]$")


@register("nosql_string", PHP)
def php_nosql(t: Target) -> Rewrite | NoRewrite:
    edits = []
    shown = []
    for element in t.node.find_all(kind="array_element_initializer"):
        parts = [c for c in element.named_children() if c.kind() != "comment"]
        if len(parts) != 2:
            continue
        key, value = parts
        if re.fullmatch(r"['\"]\$(where|function|accumulator)['\"]", key.text()):
            return NoRewrite("the query runs JavaScript built from the request; use ordinary query operators")
        source = value
        if value.kind() == "variable_name":
            assigned = _single_assignment(t, value)
            if assigned is None:
                continue
            source = assigned
        if _SUPERGLOBAL.match(source.text()):
            edits.append(Edit.replace(value, f"(string) {value.text()}"))
            shown.append(value.text())
    if not edits:
        return NoRewrite("the whole query comes from the request; build it from known fields instead")
    return Rewrite(
        tuple(edits),
        f"{_shown(shown)} is cast to a string, so a request such as `?user[$ne]=` (which PHP turns into an "
        "array) becomes a plain value and cannot act as a query operator.",
    )


_CREDENTIAL_OWNER = {
    "pdo": "DB_PASSWORD",
    "mysqli": "DB_PASSWORD",
    "mysqli_connect": "DB_PASSWORD",
    "mysql_connect": "DB_PASSWORD",
    "mysql_pconnect": "DB_PASSWORD",
    "ldap_bind": "LDAP_PASSWORD",
    "encode": "JWT_SECRET",
    "key": "JWT_SECRET",
}


def _credential(t: Target) -> tuple[SgNode, str] | None:
    """(the literal, the environment variable it moves to)."""
    node = t.node
    if node.kind() == "assignment_expression":
        left, right = node.field("left"), node.field("right")
        owner = re.match(r"^\$(\w+)->", left.text()) if left is not None else None
        if right is None or owner is None:
            return None
        return right, f"{owner.group(1).upper()}_PASSWORD"
    found = call_args(node)
    if found is None:
        return None
    call, args = found
    callee = call.field("function") or call.field("name")
    if call.kind() == "object_creation_expression":
        callee = next((c for c in call.named_children() if c.kind() in ("name", "qualified_name")), None)
    name = callee.text().rsplit("\\", 1)[-1].lower() if callee is not None else ""
    at = {"encode": 1, "key": 0}.get(name, 2)
    if (
        name not in _CREDENTIAL_OWNER
        or at >= len(args)
        or args[at].kind() not in ("string", "encapsed_string")
    ):
        return None
    return args[at], _CREDENTIAL_OWNER[name]


@register("secret_to_env", PHP)
def php_secret(t: Target) -> Rewrite | NoRewrite:
    found = _credential(t)
    if found is None:
        return NoRewrite("the credential is inside a connection string; build it from getenv() values")
    literal, name = found
    return secret_from_env((Edit.replace(literal, f"getenv('{name}')"),), name, "")


_STORE = re.compile(r"^(storeAs|storePubliclyAs)$")


@register("generated_upload_name", PHP)
def php_upload_name(t: Target) -> Rewrite | NoRewrite:
    found = call_args(t.node)
    name = found[0].field("name") if found is not None else None
    if found is None or name is None or not _STORE.match(name.text()):
        return NoRewrite(
            "give the stored file a generated name (bin2hex(random_bytes(16))) and an allowed extension"
        )
    call, args = found
    file = call.field("object")
    client = next((a for a in args if re.fullmatch(r"(\$\w+)->getClientOriginalName\(\)", a.text())), None)
    if client is None or file is None or not client.text().startswith(f"{file.text()}->"):
        return NoRewrite("the client's name reaches the path through another value; use $file->hashName()")
    return Rewrite(
        (Edit.replace(client, f"{file.text()}->hashName()"),),
        f"The file is stored under {file.text()}->hashName(): a random name with the extension Laravel "
        "derives from the content, so the client's name can neither climb out of the folder nor choose "
        "an executable extension.",
        ("Keep the original name in the database if it must be shown again.",),
        review="stored uploads get random names instead of the names the clients sent",
    )


# XPath 1.0 string literals have no escapes: a value holding both quote kinds goes through concat().
_XPATH_QUOTE = """if (!function_exists('xpath_quote')) {
    /** $value as an XPath string literal that matches it exactly, whatever quotes it holds. */
    function xpath_quote($value): string
    {
        $value = (string) $value;
        if (strpos($value, "'") === false) {
            return "'" . $value . "'";
        }
        if (strpos($value, '"') === false) {
            return '"' . $value . '"';
        }
        return "concat('" . str_replace("'", "', \\"'\\", '", $value) . "')";
    }
}"""


def _quoted_values(parts: list[Part]) -> list[Part] | NoRewrite:
    """Each value that stands between quotes in the XPath text becomes `xpath_quote(value)`."""
    out = list(parts)
    for i, part in enumerate(out):
        if not isinstance(part, Expr):
            continue
        before = out[i - 1] if i > 0 else None
        after = out[i + 1] if i + 1 < len(out) else None
        if not isinstance(before, Lit) or not isinstance(after, Lit):
            return NoRewrite(f"`{part.source}` is not between quotes in the expression")
        quote = before.text[-1:]
        if quote not in ("'", '"') or not after.text.startswith(quote):
            return NoRewrite(f"`{part.source}` stands where XPath expects a name or a path step")
        out[i - 1] = Lit(before.text[:-1])
        out[i] = Expr(f"xpath_quote({part.source})", False)
        out[i + 1] = Lit(after.text[1:])
    return [p for p in out if not (isinstance(p, Lit) and p.text == "")]


def _helper_edit(t: Target) -> Edit | NoRewrite:
    """Where the xpath_quote helper goes: after `<?php` and any declare(...) statement."""
    if re.search(r"\bfunction\s+xpath_quote\s*\(", t.code):
        return Edit.insert(0, "")
    top = t.root.children()
    if any(c.kind() == "namespace_definition" for c in top):
        return NoRewrite("the file declares a namespace; add an XPath quoting helper to a shared file")
    anchor = None
    for child in top:
        if child.kind() in ("php_tag", "declare_statement", "comment"):
            anchor = child
        else:
            break
    if anchor is None:
        return NoRewrite("the file does not start with <?php")
    at = anchor.range().end.index
    gap = "" if t.code[at : at + 2] == "\n\n" else "\n"  # keep a blank line before the code
    return Edit.insert(at, "\n\n" + _XPATH_QUOTE + gap)


@register("xpath_quote", PHP)
def php_xpath(t: Target) -> Rewrite | NoRewrite:
    found = call_args(t.node)
    if found is None or not found[1]:
        return NoRewrite("the call could not be read")
    value = found[1][0]
    if value.kind() == "variable_name":
        assigned = _single_assignment(t, value)
        if assigned is None:
            return NoRewrite("the expression is built elsewhere; quote each value where it is built")
        value = assigned
    try:
        parts = php_parts(value)
    except Unsupported as why:
        return NoRewrite(str(why))
    quoted = _quoted_values(parts)
    if isinstance(quoted, NoRewrite):
        return quoted
    helper = _helper_edit(t)
    if isinstance(helper, NoRewrite):
        return helper
    edits = (Edit.replace(value, write_php(merge(quoted), _first_quote(value))), helper)
    return Rewrite(
        tuple(e for e in edits if e.text or e.start != e.end),
        "Each value is now written into the expression by xpath_quote(), which makes it one XPath string "
        "literal (with concat() when it holds both kinds of quote), so quotes in it cannot change the query.",
        ("The helper is added once at the top of the file; move it to a shared file if several use it.",),
    )
