"""Go configuration rewrites: debug switches off, CORS without credentials for any origin, CSRF
exemptions removed, JWT claim checks kept on, private temp files, and credentials from the
environment."""

from __future__ import annotations

import re

from ast_grep_py import SgNode

from vsguard.fixes.edits import Edit, statement_removal
from vsguard.fixes.registry import NoRewrite, Rewrite, Target, register
from vsguard.fixes.strategies._common import enclosing, remove_argument
from vsguard.fixes.strategies._go import call_args, callee, go_import, imports

GO = "go"


@register("debug_off", GO)
def go_debug_off(t: Target) -> Rewrite | NoRewrite:
    node = t.node
    if node.kind() == "call_expression" and callee(node) == "gin.SetMode":
        mode = call_args(node)[0]
        new = '"release"' if mode.text() == '"debug"' else "gin.ReleaseMode"
        return Rewrite(
            (Edit.replace(mode, new),),
            f"gin now runs in release mode ({new}), which neither prints routes and internals nor "
            "serves detailed errors.",
        )
    if node.kind() == "assignment_statement":
        right = node.field("right")
        if right is not None and right.text() == "true":
            return Rewrite(
                (Edit.replace(right, "false"),),
                "echo's Debug is now false, so errors reach clients as generic messages.",
            )
    return NoRewrite(
        "net/http/pprof registers its handlers on the default mux; serve that mux on a loopback "
        "listener or move the import to a separate debug binary"
    )


@register("cors_no_credentials", GO)
def go_cors(t: Target) -> Rewrite | NoRewrite:
    if t.node.kind() != "composite_literal":
        return NoRewrite("the Origin header is echoed by hand; compare it with a list of trusted origins")
    body = t.node.field("body")
    flag = next(
        (
            e
            for e in (body.named_children() if body is not None else [])
            if e.kind() == "keyed_element" and re.fullmatch(r"AllowCredentials\s*:\s*true", e.text())
        ),
        None,
    )
    value = flag.named_children()[-1] if flag is not None and flag.named_children() else None
    if value is None:
        return NoRewrite("AllowCredentials could not be located")
    return Rewrite(
        (Edit.replace(value, "false"),),
        "AllowCredentials is now false: other origins may still read the public responses, but no "
        "longer with the user's cookies or HTTP authentication.",
        ("If a front end on another origin needs credentials, list its origin instead of allowing all.",),
        review="browsers stop sending cookies on cross-origin requests to this API; a front end on "
        "another origin that relies on them must be listed as an allowed origin",
    )


@register("enable_csrf", GO)
def go_enable_csrf(t: Target) -> Rewrite | NoRewrite:
    call = t.node
    name = callee(call)
    review = "requests that were exempt are now checked, so a client that sends no CSRF token is refused"
    statement = call.parent()
    if name.endswith(".AddInsecureBypassPattern") and statement is not None:
        if statement.kind() != "expression_statement":
            return NoRewrite("the bypass is registered inside a larger expression")
        return Rewrite(
            (statement_removal(t.code, statement),),
            "The bypass pattern is removed, so cross-origin protection covers these routes again.",
            review=review,
        )
    args = call_args(call)
    if name != "csrf.UnsafeSkipCheck" or len(args) != 1:
        return NoRewrite("the CSRF exemption could not be read")
    request = args[0].text()
    holder = statement.parent() if statement is not None else None
    assign = holder if holder is not None and holder.kind() == "assignment_statement" else None
    left = assign.field("left") if assign is not None else None
    if assign is not None and left is not None and left.text() == request:
        edit = statement_removal(t.code, assign)
    elif statement is not None and statement.kind() == "argument_list":
        edit = Edit.replace(call, request)
    else:
        return NoRewrite("the skipped request is kept under another name; remove the exemption by hand")
    return Rewrite(
        (edit,),
        f"csrf.UnsafeSkipCheck is removed, so gorilla/csrf checks the token on `{request}` again.",
        review=review,
    )


@register("jwt_verify", GO)
def go_jwt_verify(t: Target) -> Rewrite | NoRewrite:
    node = t.node
    option = node.parent()
    arglist = option.parent() if option is not None else None
    parse = arglist.parent() if arglist is not None and arglist.kind() == "argument_list" else None
    if node.text() != "jwt.WithoutClaimsValidation" or option is None or parse is None:
        return NoRewrite(
            "the token is read without its signature; verify it with jwt.Parse, a key function and "
            "jwt.WithValidMethods"
        )
    return Rewrite(
        (remove_argument(t.code, parse, option),),
        "jwt.WithoutClaimsValidation() is removed, so expired and not-yet-valid tokens are refused "
        "again; the signature check is unchanged.",
    )


_TEMP = re.compile(
    r'^(?:"(?P<dir>/(?:tmp|var/tmp|dev/shm))/(?P<name>[\w.-]+)"|'
    r'(?:filepath|path)\.Join\(\s*(?P<base>"/(?:tmp|var/tmp)"|os\.TempDir\(\))\s*,\s*"(?P<joined>[\w.-]+)"\s*\))$'
)
_SHARED_NAME = re.compile(r"\.(lock|pid|sock)$")


@register("create_temp", GO)
def go_create_temp(t: Target) -> Rewrite | NoRewrite:
    call = t.node
    args = call_args(call)
    found = _TEMP.match(args[0].text()) if len(args) == 1 and callee(call) == "os.Create" else None
    if found is None:
        return NoRewrite("only os.Create of a fixed name is rewritten; use os.CreateTemp or os.MkdirTemp")
    name = found.group("name") or found.group("joined")
    base = found.group("dir") or found.group("base")
    folder = '""' if base == "os.TempDir()" else f'"{base}"'
    if _SHARED_NAME.search(name):
        return NoRewrite(
            "a lock, pid or socket file is meant to be found by name; keep it in a private folder"
        )
    if t.code.count(f'"{name}"') + t.code.count(f'/{name}"') > 1:
        return NoRewrite("the fixed name is used elsewhere in the file, which would no longer find it")
    stem, dot, ext = name.rpartition(".")
    pattern = f"{stem}-*.{ext}" if dot and stem else f"{name}-*"
    return Rewrite(
        (
            Edit.replace(call.field("function"), "os.CreateTemp"),  # type: ignore[arg-type]
            Edit.replace(args[0], f'{folder}, "{pattern}"'),
        ),
        f'The file is now created by os.CreateTemp({folder}, "{pattern}"), which picks an unpredictable '
        "name and creates it exclusively with mode 0600, so no other user can take the name first.",
        ("Code that opens the file again must use the returned file's Name().",),
        review="the file gets a new random name on each run, so anything that opens it by the old "
        "fixed name must use f.Name() instead",
    )


# --------------------------------------------------------------------------- credentials


_DB_OPEN = re.compile(
    r"^(sql|sqlx|pgx|pgxpool|gorm|mysql|postgres)\.(Open|Connect|MustConnect|MustOpen|New|ParseConfig)$"
)
_LDAP_DN = re.compile(r'^"(cn|uid)=', re.I)


def _credential(call: SgNode) -> tuple[SgNode, str] | None:
    """(the literal holding the secret, the environment variable it should come from)."""
    name = callee(call)
    args = call_args(call)
    literals = [a for a in args if a.kind() == "interpreted_string_literal"]
    if _DB_OPEN.match(name) and literals:
        dsn = [a for a in literals if re.search(r"@|password=", a.text(), re.I)]
        return (dsn[-1], "DATABASE_URL") if dsn else None
    if name.endswith(".SignedString") and args and args[0].kind() == "type_conversion_expression":
        inner = args[0].field("operand")
        return (inner, "JWT_SIGNING_KEY") if inner is not None else None
    bind = bool(re.search(r"\.(Bind|SimpleBind)$", name)) and bool(args) and _LDAP_DN.match(args[0].text())
    index = {"smtp.PlainAuth": 2, "smtp.CRAMMD5Auth": 1}.get(name, 1 if bind else -1)
    if 0 <= index < len(args):
        return args[index], "SMTP_PASSWORD" if name.startswith("smtp.") else "LDAP_BIND_PASSWORD"
    return None


@register("secret_to_env", GO)
def go_secret_to_env(t: Target) -> Rewrite | NoRewrite:
    call = enclosing(t.node, "call_expression")
    found = _credential(call) if call is not None else None
    if found is not None and t.node.kind() != "call_expression" and found[0].range() != t.node.range():
        found = None  # the generic secrets rule reports a literal: it must be the credential argument
    if found is None or found[0].kind() != "interpreted_string_literal":
        return NoRewrite("the credential is not a plain string literal in the call")
    literal, variable = found
    what = "connection string" if variable == "DATABASE_URL" else "secret"
    return Rewrite(
        (Edit.replace(literal, f'os.Getenv("{variable}")'), *go_import(t, "os")),
        f"The {what} is now read from the environment variable {variable} at run time instead of being "
        "stored in the source.",
        (
            f"Set {variable} in the deployment's secret store and rotate the old value: it is in the "
            "repository history. Fail at start-up when it is empty.",
        ),
        review=f"the program now needs {variable} set in its environment; without it the value is empty",
    )


# --------------------------------------------------------------------------- random bytes


@register("random_to_securerandom", GO)
def go_crypto_rand(t: Target) -> Rewrite | NoRewrite:
    func = t.node.field("function")
    operand = func.field("operand") if func is not None else None
    field = func.field("field") if func is not None else None
    if operand is None or field is None:
        return NoRewrite("the random call could not be read")
    name = operand.text()
    known = imports(t.root)
    if known.get("math/rand") != name or field.text() != "Read":
        return NoRewrite(
            "only math/rand's Read has a drop-in crypto/rand counterpart; draw numbers with "
            "crypto/rand.Int(rand.Reader, max) or build the value from crypto/rand bytes"
        )
    secure = known.get("crypto/rand")
    explanation = (
        "The bytes now come from crypto/rand.Read (the operating system's CSPRNG), which has the same "
        "signature as math/rand's Read, so they cannot be predicted from earlier outputs."
    )
    if secure is not None:
        return Rewrite((Edit.replace(operand, secure),), explanation)
    uses = [s for s in t.root.find_all(kind="selector_expression") if _operand_is(s, name)]
    if any((s.field("field") or s).text() != "Read" for s in uses):
        return NoRewrite(
            "math/rand is also used for other values here; import crypto/rand under its own name and "
            "call its Read"
        )
    spec = next(s for s in t.root.find_all(kind="import_spec") if _spec_is(s, "math/rand"))
    path = spec.field("path")
    assert path is not None
    swap = (Edit.replace(path, '"crypto/rand"'),)
    if spec.field("name") is not None or spec.parent() is None or spec.parent().kind() != "import_spec_list":  # type: ignore[union-attr]
        return Rewrite(swap, explanation)
    # in a group, the new import takes its sorted place (as gofmt orders it)
    removal = statement_removal(t.code, spec)
    added = go_import(t, "crypto/rand")
    if any(removal.overlaps(a) or a.start == removal.start for a in added):
        return Rewrite(swap, explanation)
    return Rewrite((removal, *added), explanation)


def _operand_is(selector: SgNode, name: str) -> bool:
    operand = selector.field("operand")
    return operand is not None and operand.kind() == "identifier" and operand.text() == name


def _spec_is(spec: SgNode, path: str) -> bool:
    found = spec.field("path")
    return found is not None and found.text().strip('"`') == path
