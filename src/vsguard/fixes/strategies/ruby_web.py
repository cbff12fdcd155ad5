"""Ruby web rewrites (Rails, Sinatra, rack-cors): cookie flags, CSRF protection, debug pages,
local redirects, line breaks in headers and log lines, CORS origins."""

from __future__ import annotations

import re
from collections.abc import Callable

from ast_grep_py import SgNode

from vsguard.fixes.edits import Edit, statement_removal
from vsguard.fixes.registry import NoRewrite, Rewrite, Target, register
from vsguard.fixes.strategies.go_ruby_rust import _last_token, _rb_arguments

RUBY = "ruby"


def _pairs(node: SgNode) -> list[SgNode]:
    return [c for c in node.named_children() if c.kind() == "pair"]


def _pair_named(pairs: list[SgNode], key: str) -> SgNode | None:
    return next((p for p in pairs if re.match(rf"^:?{key}(:|\s*=>)", p.text())), None)


def set_assigned(node: SgNode, value: str, explanation: str) -> Rewrite | NoRewrite:
    """`setting = <anything>` -> `setting = value`."""
    right = node.field("right")
    if right is None:
        return NoRewrite("the setting could not be read")
    return Rewrite((Edit.replace(right, value),), explanation)


# --------------------------------------------------------------------------- cookies


@register("cookie_flags", RUBY)
def ruby_cookie(t: Target) -> Rewrite | NoRewrite:
    node = t.node
    explanation = (
        "The cookie is now set with secure and httponly: only over HTTPS, and never to page scripts."
    )
    if node.kind() == "call":  # session_store :cookie_store, httponly: false
        edits = [e for p in _pairs(node.field("arguments") or node) if (e := _flag_on(p))]
        return Rewrite(tuple(edits), explanation) if edits else NoRewrite("no literal false flag was found")
    right = node.field("right")
    if right is None:
        return NoRewrite("the cookie assignment could not be read")
    if right.kind() != "hash":
        return Rewrite(
            (Edit.replace(right, f"{{ value: {right.text()}, secure: true, httponly: true }}"),),
            explanation,
        )
    pairs = _pairs(right)
    if not pairs or any(c.kind() == "hash_splat_argument" for c in right.named_children()):
        return NoRewrite("the cookie options are built elsewhere")
    edits = []
    for flag in ("secure", "httponly"):
        pair = _pair_named(pairs, flag)
        if pair is None:
            edits.append(Edit.insert(pairs[-1].range().end.index, f", {flag}: true"))
        elif not re.search(r"(:|=>)\s*true$", pair.text()):
            edit = _flag_on(pair)
            if edit is None:
                return NoRewrite(f"{flag} is set from a value vsguard cannot change safely")
            edits.append(edit)
    return Rewrite(tuple(edits), explanation)


def _flag_on(pair: SgNode) -> Edit | None:
    if re.match(r"^:?(httponly|secure)(:|\s*=>)\s*false$", pair.text()):
        return _last_token(pair, "false", "true")
    return None


# --------------------------------------------------------------------------- CSRF and debug


@register("enable_csrf", RUBY)
def ruby_csrf(t: Target) -> Rewrite | NoRewrite:
    node = t.node
    if node.kind() == "assignment":
        return set_assigned(
            node,
            "true",
            "allow_forgery_protection is switched back on, so forms and non-GET requests must carry the CSRF "
            "token.",
        )
    parent = node.parent()
    statement = parent if parent is not None and parent.kind() == "call" else node
    return Rewrite(
        (statement_removal(t.code, statement),),
        f"`{statement.text()}` is removed, so this controller checks the CSRF token again.",
        (
            "Requests that authenticate with a token header instead of the session belong in an API "
            "controller (ActionController::API), which has no CSRF check to skip.",
        ),
        review="clients that post to this controller without a CSRF token are now refused",
    )


@register("debug_from_env", RUBY)
def ruby_debug(t: Target) -> Rewrite | NoRewrite:
    node = t.node
    if node.kind() == "assignment":
        left, right = node.field("left"), node.field("right")
        if left is None or right is None:
            return NoRewrite("the setting could not be read")
        if "web_console" in left.text():
            return Rewrite(
                (Edit.replace(right, '"127.0.0.1"'),),
                f"{left.text()} now admits only this machine, so no other host can open the web console.",
            )
        return Rewrite(
            (Edit.replace(right, "false"),),
            f"{left.text()} is false, so visitors get the plain error page instead of the debug page.",
        )
    method = node.field("method")
    args = _rb_arguments(node)
    if method is not None and method.text() == "enable":
        return Rewrite(
            (Edit.replace(method, "disable"),),
            f"`{node.text()}` becomes disable, so errors are no longer shown to visitors.",
        )
    if method is not None and method.text() == "set" and len(args) == 2:
        return Rewrite(
            (Edit.replace(args[1], "false"),),
            "show_exceptions is false, so errors are no longer shown to visitors.",
        )
    return NoRewrite("the setting could not be read")


# --------------------------------------------------------------------------- redirects


@register("local_redirect", RUBY)
def ruby_redirect(t: Target) -> Rewrite | NoRewrite:
    args = [a for a in _rb_arguments(t.node) if a.kind() != "comment"]
    if not args or any(a.kind() in ("hash_splat_argument", "block_argument") for a in args):
        return NoRewrite("the redirect's arguments could not be read")
    if _pair_named([a for a in args if a.kind() == "pair"], "allow_other_host"):
        return NoRewrite("allow_other_host is set from a value vsguard cannot change safely")
    return Rewrite(
        (Edit.insert(args[-1].range().end.index, ", allow_other_host: false"),),
        "redirect_to now refuses a destination on another host (allow_other_host: false raises "
        "ActionController::Redirecting::UnsafeRedirectError), so the parameter can only lead to a page "
        "of this site.",
        (
            "allow_other_host needs Rails 7.0 or later; rescue UnsafeRedirectError to fall back to a "
            "default page.",
        ),
    )


# --------------------------------------------------------------------------- line breaks

_LOG_READ = re.compile(
    r"^((params|cookies|request\.(params|query_parameters|headers))\[|params\.(fetch|dig)\b"
    r"|request\.(user_agent|referer|referrer|raw_post|body\.read)\b)"
)


def _outermost(root: SgNode, test: Callable[[SgNode], bool]) -> list[SgNode]:
    found: list[SgNode] = []
    stack = [root]
    while stack:
        node = stack.pop()
        if node.kind() in ("element_reference", "call") and test(node):
            found.append(node)
            continue
        stack.extend(reversed(node.named_children()))
    return found


def _clean_reads(node: SgNode, suffix: str) -> tuple[Edit, ...]:
    """Append `suffix` (a cleaning method chain) to each request read inside `node`."""
    reads = _outermost(node, lambda n: bool(_LOG_READ.match(n.text())))
    return tuple(Edit.replace(r, f"{r.text()}{suffix}") for r in reads)


_NO_CRLF = '.to_s.delete("\\r\\n")'


@register("escape_header", RUBY)
def ruby_header(t: Target) -> Rewrite | NoRewrite:
    node = t.node
    value = node.field("right") if node.kind() == "assignment" else None
    if value is None:
        args = _rb_arguments(node)
        value = args[1] if len(args) == 2 else None
    if value is None:
        return NoRewrite("the header value could not be read")
    edits = _clean_reads(value, _NO_CRLF)
    if not edits:
        locals_ = [
            i
            for i in value.find_all(kind="identifier")
            if (p := i.parent()) is not None and (p.kind() == "interpolation" or i.range() == value.range())
        ]
        edits = tuple(Edit.replace(i, f"{i.text()}{_NO_CRLF}") for i in locals_)
    if not edits:
        return NoRewrite("the request value could not be located in the header")
    return Rewrite(
        edits,
        "CR and LF are deleted from the request value before it goes into the header, so it cannot end "
        "the header and add one of its own.",
    )


@register("escape_log", RUBY)
def ruby_log(t: Target) -> Rewrite | NoRewrite:
    edits = tuple(e for a in _rb_arguments(t.node) for e in _clean_reads(a, '.to_s.tr("\\r\\n", " ")'))
    if not edits:
        return NoRewrite("the request value could not be located in the message")
    return Rewrite(
        edits,
        "Line breaks in the request value are turned into spaces before it is logged, so it cannot start a "
        "forged log entry.",
    )


# --------------------------------------------------------------------------- CORS

_CORS_ORIGINS = 'ENV.fetch("CORS_ALLOWED_ORIGINS", "").split(",")'


@register("cors_from_env", RUBY)
def ruby_cors(t: Target) -> Rewrite | NoRewrite:
    node = t.node
    args = _rb_arguments(node) if node.kind() == "call" else []
    if len(args) != 1 or node.field("block") is not None:
        return NoRewrite("the origin is decided in code; compare it with an explicit list of trusted origins")
    return Rewrite(
        (Edit.replace(args[0], _CORS_ORIGINS),),
        "origins is now the list in CORS_ALLOWED_ORIGINS instead of every site, so credentialed "
        "cross-origin requests are answered only for origins you trust.",
        ("Set CORS_ALLOWED_ORIGINS to a comma-separated list such as https://app.example.com.",),
        review="cross-origin callers not listed in CORS_ALLOWED_ORIGINS are refused",
    )
