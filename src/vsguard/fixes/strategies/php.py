"""PHP rewrites: password_hash, random_int, TLS checks, unserialize without classes, escaping."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable

from ast_grep_py import SgNode

from vsguard.fixes.edits import Edit
from vsguard.fixes.registry import NoRewrite, Rewrite, Strategy, Target, register
from vsguard.fixes.strategies._common import CallStrategy, enclosing, on_call

PHP = "php"
_REQUEST = re.compile(r"^\$_(GET|POST|REQUEST|COOKIE|SERVER|FILES)\b")


def _call(node: SgNode) -> SgNode | None:
    return enclosing(node, "function_call_expression")


def _args(call: SgNode) -> list[SgNode]:
    """The expressions inside each `argument` node of a call."""
    arglist = call.field("arguments")
    if arglist is None:
        return []
    out = []
    for arg in arglist.named_children():
        if arg.kind() == "argument":
            inner = arg.named_children()
            out.append(inner[-1] if inner else arg)
    return out


def _read_call(node: SgNode) -> tuple[SgNode, str, list[SgNode]] | None:
    """(call, lower-case function name, argument values) of the PHP call around `node`."""
    call = _call(node)
    if call is None:
        return None
    func = call.field("function")
    return call, (func.text().lower() if func is not None else ""), _args(call)


def _on_call(strategy: str) -> Callable[[CallStrategy], Strategy]:
    """Register a PHP strategy on the call around the finding; it is given (target, call, name, args)."""
    return on_call(strategy, (PHP,), _read_call)


@_on_call("password_hash")
def php_password_hash(_: Target, call: SgNode, name: str, args: list[SgNode]) -> Rewrite | NoRewrite:
    if name in ("md5", "sha1") and len(args) == 1:
        secret = args[0]
    elif name == "hash" and len(args) == 2:
        secret = args[1]
    else:
        return NoRewrite(f"`{name}` is not a plain one-shot hash of the password")
    parent = call.parent()
    if parent is not None and parent.kind() == "binary_expression":
        return NoRewrite("this line compares password hashes; use password_verify($password, $storedHash)")
    return Rewrite(
        (Edit.replace(call, f"password_hash({secret.text()}, PASSWORD_DEFAULT)"),),
        "The password is now hashed with password_hash (bcrypt or argon2, salted, with its cost stored in "
        "the hash).",
        (
            "Check logins with password_verify($password, $hash) and re-hash old records at the next "
            "successful login (password_needs_rehash tells you when).",
        ),
    )


@_on_call("random_to_secrets")
def php_random(_: Target, call: SgNode, name: str, args: list[SgNode]) -> Rewrite | NoRewrite:
    if name in ("rand", "mt_rand") and len(args) == 2:
        new = f"random_int({args[0].text()}, {args[1].text()})"
    elif name in ("rand", "mt_rand") and not args:
        new = "random_int(0, mt_getrandmax())"
    elif name == "uniqid":
        new = "bin2hex(random_bytes(16))"
    else:
        return NoRewrite(
            f"`{name}` has no drop-in CSPRNG twin; build the value from random_bytes or random_int"
        )
    return Rewrite(
        (Edit.replace(call, new),),
        f"`{call.text()}` becomes `{new}`, drawn from the operating system's CSPRNG.",
    )


_PHP_TRUE = {"CURLOPT_SSL_VERIFYHOST": "2"}


@register("remove_verify_false", PHP)
def php_tls(t: Target) -> Rewrite | NoRewrite:
    node = t.node
    if node.kind() == "array_element_initializer":
        parts = node.named_children()
        if len(parts) != 2:
            return NoRewrite("the option could not be read")
        key, value = parts
        k = key.text().strip("'\"")
        good = "false" if k == "allow_self_signed" else _PHP_TRUE.get(k, "true")
        return Rewrite(
            (Edit.replace(value, good),), f"The `{k}` option is set to {good}, so certificates are verified."
        )
    call = _call(t.node)
    args = _args(call) if call is not None else []
    if call is None or len(args) != 3:
        return NoRewrite("the call could not be read")
    good = _PHP_TRUE.get(args[1].text(), "true")
    return Rewrite(
        (Edit.replace(args[2], good),),
        f"{args[1].text()} is set back to {good}, so cURL verifies the server's certificate and name.",
    )


@_on_call("unserialize_allowed_classes_false")
def php_unserialize(_: Target, call: SgNode, _name: str, args: list[SgNode]) -> Rewrite | NoRewrite:
    if not args:
        return NoRewrite("the call could not be read")
    explanation = (
        "unserialize now refuses to create objects (allowed_classes => false), so crafted input cannot "
        "trigger magic methods; arrays and scalars still load."
    )
    note = ("Prefer json_decode for data that crosses a trust boundary.",)
    if len(args) == 1:
        return Rewrite(
            (Edit.insert(args[0].range().end.index, ", ['allowed_classes' => false]"),), explanation, note
        )
    option = args[1].find(regex=r"^(?i:true)$", kind="boolean")
    if option is None:
        return NoRewrite("the options array is not a literal with allowed_classes")
    return Rewrite((Edit.replace(option, "false"),), explanation, note)


_WRAP_KINDS = (
    "variable_name",
    "subscript_expression",
    "member_access_expression",
    "function_call_expression",
    "member_call_expression",
)
_SAFE_CALLS = re.compile(
    r"^(htmlspecialchars|htmlentities|intval|floatval|json_encode|urlencode|rawurlencode|strip_tags|count|strlen|number_format|e|esc_html|esc_attr|esc_url)\("
)


def _leaves(expr: SgNode) -> list[SgNode]:
    """Operands of a `.` concatenation, left to right."""
    if expr.kind() == "binary_expression":
        op = expr.field("operator")
        left, right = expr.field("left"), expr.field("right")
        if op is not None and op.text() == "." and left is not None and right is not None:
            return _leaves(left) + _leaves(right)
    if expr.kind() == "parenthesized_expression" and len(expr.named_children()) == 1:
        return _leaves(expr.named_children()[0])
    return [expr]


def _escape_edits(exprs: list[SgNode], wrapper: str) -> tuple[Edit, ...] | NoRewrite:
    """Wrap each dynamic operand of `exprs` in `wrapper`, or say why that cannot be done."""
    edits = []
    for expr in exprs:
        for leaf in _leaves(expr):
            if leaf.kind() == "encapsed_string" and leaf.find(
                any=[{"kind": "variable_name"}, {"kind": "subscript_expression"}]
            ):
                return NoRewrite('a value is interpolated inside "..." ; concatenate it so it can be escaped')
            if leaf.kind() in _WRAP_KINDS and not _SAFE_CALLS.match(leaf.text()):
                edits.append(Edit.replace(leaf, wrapper.format(leaf.text())))
    if not edits:
        return NoRewrite("no value to escape was found")
    return tuple(edits)


@register("htmlspecialchars_output", PHP)
def php_xss(t: Target) -> Rewrite | NoRewrite:
    node = t.node
    wrapper = "htmlspecialchars({}, ENT_QUOTES, 'UTF-8')"
    if node.kind() == "echo_statement":
        exprs = [c for c in node.named_children() if c.kind() not in ("comment", "sequence_expression")]
        seq = node.find(kind="sequence_expression")
        if seq is not None:
            exprs += [c for c in seq.named_children()]
    elif node.kind() == "print_intrinsic":
        exprs = node.named_children()
    elif node.kind() == "function_call_expression":
        exprs = _args(node)[1:]
    else:
        return NoRewrite("unrecognised output statement")
    edits = _escape_edits(exprs, wrapper)
    if isinstance(edits, NoRewrite):
        return edits
    return Rewrite(
        edits,
        "Each dynamic value is escaped with htmlspecialchars(..., ENT_QUOTES, 'UTF-8') before it "
        "is written, so "
        "markup in it is shown as text.",
    )


@register("escape_shell_args", PHP)
def php_shell(t: Target) -> Rewrite | NoRewrite:
    if t.node.kind() == "shell_command_expression":
        return _php_backticks(t.node)
    call = _call(t.node)
    if call is None:
        return NoRewrite("this command form is not rewritten; pass each value through escapeshellarg")
    args = _args(call)
    if not args:
        return NoRewrite("the call could not be read")
    command = args[0]
    leaves = _leaves(command)
    if len(leaves) < 2 or leaves[0].kind() not in ("string", "encapsed_string"):
        return NoRewrite("the whole command comes from data; pick the program from a fixed list")
    for before, leaf in itertools.pairwise(leaves):
        quoted = before.kind() in ("string", "encapsed_string") and before.text()[1:-1].endswith(("'", '"'))
        if leaf.kind() in _WRAP_KINDS and quoted:
            return NoRewrite("the value is already inside quotes in the command text")
    edits = _escape_edits([command], "escapeshellarg({})")
    if isinstance(edits, NoRewrite):
        return edits
    return Rewrite(
        edits,
        "Each value in the command is quoted with escapeshellarg, so the shell treats it as one literal "
        "argument.",
        ("Better still, run the program without a shell (proc_open with an argument array, PHP 7.4+).",),
    )


def _php_backticks(node: SgNode) -> Rewrite | NoRewrite:
    """`` `cmd $x` `` -> `shell_exec('cmd ' . escapeshellarg($x))` (backticks are shell_exec)."""
    from vsguard.fixes.strategies._literals import decode

    pieces: list[str] = []
    text = ""
    for child in node.children()[1:-1]:
        kind = child.kind()
        if kind == "string_content":
            text += child.text()
        elif kind == "escape_sequence":
            text += decode(child.text(), "$`")
        elif kind in ("variable_name", "member_access_expression", "subscript_expression"):
            if text.endswith(("'", '"')):
                return NoRewrite("the value is already inside quotes in the command text")
            if text:
                pieces.append("'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'")
                text = ""
            pieces.append(f"escapeshellarg({child.text()})")
        elif child.text() not in ("{", "}"):
            return NoRewrite("unreadable part of the backtick command")
    if text:
        pieces.append("'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'")
    if not any(p.startswith("escapeshellarg(") for p in pieces) or not pieces[0].startswith("'"):
        return NoRewrite("the whole command comes from data; pick the program from a fixed list")
    return Rewrite(
        (Edit.replace(node, f"shell_exec({' . '.join(pieces)})"),),
        "The backtick command is now the shell_exec call it stands for, with each value quoted by "
        "escapeshellarg, so the shell treats it as one literal argument.",
        ("Better still, run the program without a shell (proc_open with an argument array, PHP 7.4+).",),
    )


@register("path_basename", PHP)
def php_include_basename(t: Target) -> Rewrite | NoRewrite:
    """`include 'pages/' . $_GET['p'] . '.php'` (or `readfile('/srv/' . $_GET['f'])`, the path
    a file function is given first) -> the request value reduced with basename()."""
    from vsguard.fixes.strategies.flow import BASENAME_NOTE, basename_explanation

    operands = [c for c in t.node.named_children() if c.kind() != "comment"]
    arguments = t.node.field("arguments")
    if arguments is not None:  # a call: its first argument is the path
        first = next((a for a in arguments.named_children() if a.kind() == "argument"), None)
        operands = [c for c in first.named_children() if c.kind() != "comment"] if first is not None else []
    if len(operands) != 1:
        return NoRewrite("the included path could not be read")
    leaves = _leaves(operands[0])
    if any(leaf.find(kind="variable_name") for leaf in leaves if leaf.kind() == "encapsed_string"):
        return NoRewrite('the value is interpolated inside "..."; concatenate it so it can be reduced')
    edits = []
    folder = False
    for leaf in leaves:
        if leaf.kind() in ("string", "encapsed_string"):
            folder = folder or "/" in leaf.text()
        elif leaf.kind() in ("variable_name", "subscript_expression"):
            if not folder:
                return NoRewrite("no fixed folder comes before the value; map it to a known file instead")
            edits.append(Edit.replace(leaf, f"basename({leaf.text()})"))
    if not edits:
        return NoRewrite("the request value could not be located in the path")
    shown = ", ".join(f"`{e.text[len('basename(') : -1]}`" for e in edits)
    return Rewrite(tuple(edits), basename_explanation("basename()").format(values=shown), (BASENAME_NOTE,))
