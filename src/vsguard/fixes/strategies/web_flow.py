"""Data-flow rewrites for redirects, regular expressions and deep merges.

An open redirect becomes a path on this site: the untrusted target keeps its text but loses any
leading slashes, backslashes and blanks, and gets exactly one `/` in front, so `//evil.example`,
`/\\evil.example` and `https://evil.example` can no longer leave the site while `/account?tab=2`
stays what it was. In Python a target held in a variable is instead kept when a check added to the
file shows it is a path or relative reference, and replaced by `/` otherwise. A regular expression
built from request data gets its value escaped, so the value is matched as literal text. Request
data deep-merged into an object is first copied without `__proto__`, `constructor` and `prototype`
keys, the only keys that reach Object.prototype.
"""

from __future__ import annotations

import re

from ast_grep_py import SgNode

from vsguard.fixes.edits import Edit
from vsguard.fixes.imports import python_after_imports
from vsguard.fixes.registry import NoRewrite, Rewrite, Target, register
from vsguard.fixes.strategies._common import enclosing
from vsguard.fixes.strategies.flow import sink_values, tainted_uses, wrap

JS = ("javascript",)
_ESCAPE_FN = "escapeRegExp"
_LOCAL_PATH_NOTE = (
    "A relative target without a leading `/` (`account`) now resolves from the site root, and a full URL "
    "to this site must be given as its path; to allow other hosts, check the parsed URL's host against "
    "an allow-list instead."
)
LOCAL_PATH_NOTE = _LOCAL_PATH_NOTE  # shared with the other languages' redirect rewrites


def _values_with_uses(t: Target) -> list[SgNode] | NoRewrite:
    """The sink arguments that carry the untrusted value (each is rewritten as a whole)."""
    _, values = sink_values(t)
    uses = tainted_uses(t, values)
    chosen = [v for v in values if any(_inside(u, v) for u in uses)]
    if not chosen:
        return NoRewrite("the untrusted value could not be located inside the redirect")
    return chosen


def _inside(node: SgNode, outer: SgNode) -> bool:
    a, b = node.range(), outer.range()
    return b.start.index <= a.start.index and a.end.index <= b.end.index


def _js_quote(code: str) -> str:
    return "'" if code.count("'") > code.count('"') else '"'


# What a same-site-path rewrite changes for benign targets, so it is offered for review only.
_REDIRECT_REVIEW = (
    "an absolute URL to this same site (`https://app.example/account`) and a relative target "
    "(`settings`) now resolve from the site root instead; check what the callers pass"
)
REDIRECT_REVIEW = _REDIRECT_REVIEW


def _local_path_rewrite(values: list[SgNode], edits: list[Edit]) -> Rewrite:
    shown = ", ".join(f"`{v.text()}`" for v in values)
    return Rewrite(
        tuple(edits),
        f"The redirect target {shown} is now always a path on this site: leading slashes, backslashes and "
        "blanks are dropped and one `/` is put in front, so `//host`, `/\\host` and `https://host` stay "
        "on this site while `/account?tab=2` is unchanged.",
        (_LOCAL_PATH_NOTE,),
        review=_REDIRECT_REVIEW,
    )


@register("local_redirect", *JS)
def js_local_redirect(t: Target) -> Rewrite | NoRewrite:
    values = _values_with_uses(t)
    if isinstance(values, NoRewrite):
        return values
    q = _js_quote(t.code)
    edits = [Edit.replace(v, f"`/${{String({v.text()}).replace(/^[\\s/\\\\]+/, {q}{q})}}`") for v in values]
    return _local_path_rewrite(values, edits)


# Python: a plain variable as the target is kept when a check in the file shows it stays on this
# site (paths and relative references, as before), and replaced by "/" otherwise. The check is a
# module-level function the taint engine knows by its name as a redirect validator.
_PY_CHECK = "is_safe_redirect_url"
_PY_CHECK_LINES = (
    f"def {_PY_CHECK}(target):",
    '    """Whether `target` stays on this site: a path or a relative reference, with no scheme, no host,',
    "    no leading `//`, and no backslash or control character (browsers read those as `/` or drop",
    '    them, which can turn the target into another site)."""',
    "    text = str(target)",
    '    first = text.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]',
    "    return (",
    '        text != ""',
    '        and not text.startswith("//")',
    '        and ":" not in first',
    "        and text == text.strip()",
    '        and not any(c == "\\\\" or ord(c) < 0x20 or c == "\\x7f" for c in text)',
    "    )",
)
_PY_REDIRECT_REVIEW = (
    "an absolute URL, even one to this same site (`https://app.example/account`), now goes to the "
    "site root; paths and relative targets are kept; check what the callers pass"
)


def _python_check_helper(t: Target, q: str) -> tuple[Edit, ...] | None:
    """The check function, inserted after the imports; None when the file already has that name."""
    newline = "\r\n" if "\r\n" in t.code else "\n"
    lines = [line if '"""' in line else line.replace('"', q) for line in _PY_CHECK_LINES]
    if newline.join(lines) in t.code:
        return ()  # added by an earlier run
    if re.search(rf"\b{_PY_CHECK}\b", t.code):
        return None  # someone else's function of that name: its meaning is unknown
    at = python_after_imports(t.root, t.code)
    rest = t.code[at:]
    blank = len(rest) - len(rest.lstrip("\r\n"))
    tail = newline * max(0, 2 - rest[:blank].count("\n"))
    lead = newline * (2 if at else 0)
    return (Edit.insert(at, lead + newline.join(lines) + newline + tail),)


@register("local_redirect", "python")
def python_local_redirect(t: Target) -> Rewrite | NoRewrite:
    values = _values_with_uses(t)
    if isinstance(values, NoRewrite):
        return values
    q = "'" if t.code.count("'") > t.code.count('"') else '"'
    targets = [v.field("value") if v.kind() == "keyword_argument" else v for v in values]
    plain = all(v is not None and v.kind() == "identifier" for v in targets)
    helper = _python_check_helper(t, q) if plain else None
    if helper is not None:
        edits = [Edit.replace(v, f"{v.text()} if {_PY_CHECK}({v.text()}) else {q}/{q}") for v in targets if v]
        shown = ", ".join(f"`{v.text()}`" for v in targets if v)
        return Rewrite(
            (*edits, *helper),
            f"The redirect target {shown} is used only when `{_PY_CHECK}` shows it stays on this site "
            "(a path such as `/account?tab=2` or a relative target such as `settings`); anything with a "
            "scheme, a host, a leading `//`, a backslash or a control character goes to `/` instead.",
            (
                "To allow other hosts or full URLs to this site, compare the parsed URL's host with an "
                "allow-list in the check.",
            ),
            review=_PY_REDIRECT_REVIEW,
        )
    strip = q + "/\\\\ \\t\\r\\n\\f\\v" + q
    edits = []
    for target in targets:
        assert target is not None
        edits.append(Edit.replace(target, f"{q}/{q} + str({target.text()}).lstrip({strip})"))
    return _local_path_rewrite(values, edits)


# --------------------------------------------------------------------------- regular expressions


def _file_helper(t: Target, name: str, lines: list[str]) -> tuple[Edit, ...] | NoRewrite:
    """A local function `name` at the end of the file (`lines`: its source, quotes and semicolons
    to be fitted), unless the file already declares it."""
    declared = [
        f for f in t.root.find_all(kind="function_declaration") if (f.field("name") or f).text() == name
    ]
    if declared:
        return ()
    if re.search(rf"\b{name}\b", t.code):
        return NoRewrite(f"the file already uses the name `{name}` for something else")
    q = _js_quote(t.code)
    semi = ";" if re.search(r";\s*$", t.code, re.M) else ""
    newline = "\r\n" if "\r\n" in t.code else "\n"
    body = ["", *(line.replace('"', q).replace(";", semi) for line in lines), ""]
    lead = "" if t.code.endswith(("\n", "\r\n")) else newline
    return (Edit.insert(len(t.code), lead + newline.join(body)),)


def _escape_helper(t: Target) -> tuple[Edit, ...] | NoRewrite:
    return _file_helper(
        t,
        _ESCAPE_FN,
        [
            "// Escapes the characters that are special in a regular expression, so text matches as itself.",
            f"function {_ESCAPE_FN}(value) {{",
            '  return String(value).replace(/[.*+?^${}()|[\\]\\\\]/g, "\\\\$&");',
            "}",
        ],
    )


@register("escape_regex", *JS)
def js_escape_regex(t: Target) -> Rewrite | NoRewrite:
    scope = enclosing(t.node, "program")
    if scope is None:
        return NoRewrite("the file could not be read")
    helper = _escape_helper(t)
    if isinstance(helper, NoRewrite):
        return helper
    return wrap(
        t,
        lambda s: f"{_ESCAPE_FN}({s})",
        helper,
        "{values} is escaped before it is compiled into the regular expression, so it is matched as "
        "literal text and cannot add quantifiers or alternations of its own.",
        "A search box that took patterns on purpose now matches them literally; on Node 24+ "
        "`RegExp.escape` does the same.",
        needs_name=_ESCAPE_FN,
    )


# --------------------------------------------------------------------------- deep merges

_CLEAN_FN = "withoutPrototypeKeys"
_PATH_SETTERS = re.compile(r"\.(set|setWith|zipObjectDeep)$")


@register("drop_prototype_keys", *JS)
def js_drop_prototype_keys(t: Target) -> Rewrite | NoRewrite:
    call, _ = sink_values(t)
    func = call.field("function") if call is not None else None
    if func is None or _PATH_SETTERS.search(func.text()):
        return NoRewrite(
            "a property path from the request can name `__proto__` itself; check it against "
            "an allow-list of paths"
        )
    helper = _file_helper(
        t,
        _CLEAN_FN,
        [
            "// A copy of request data without the keys that reach Object.prototype when it is merged.",
            f"function {_CLEAN_FN}(value) {{",
            "  return JSON.parse(JSON.stringify(value), (key, item) =>",
            '    key === "__proto__" || key === "constructor" || key === "prototype" ? undefined : item);',
            "}",
        ],
    )
    if isinstance(helper, NoRewrite):
        return helper
    return wrap(
        t,
        lambda s: f"{_CLEAN_FN}({s})",
        helper,
        "{values} is copied without `__proto__`, `constructor` and `prototype` keys before it is merged, "
        "so it can no longer change Object.prototype; every other key is merged as before.",
        "A body that legitimately uses one of those three key names loses it; validating the body with a "
        "schema is the longer-term fix.",
        needs_name=_CLEAN_FN,
    )
