"""Rust request-value rewrites: Debug formatting in logs, redirects kept on this site, file names
reduced to their last component, and HTML-escaped values in hand-built pages."""

from __future__ import annotations

import re

from ast_grep_py import SgNode

from vsguard.fixes.edits import Edit
from vsguard.fixes.registry import NoRewrite, Rewrite, Target, register
from vsguard.fixes.strategies._common import arguments, enclosing
from vsguard.fixes.strategies._rust import (
    field_types,
    format_macro,
    reads_any,
    request_names,
    rewrite_format,
    text_before,
)
from vsguard.fixes.strategies.flow import BASENAME_NOTE, basename_explanation
from vsguard.fixes.strategies.web_flow import LOCAL_PATH_NOTE, REDIRECT_REVIEW

RUST = "rust"

# --------------------------------------------------------------------------- logs

_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([^{}:]*)(:[^{}]*)?\}")


def _groups(tree: SgNode) -> list[list[SgNode]]:
    """The macro's arguments: its tokens split at top-level commas."""
    groups: list[list[SgNode]] = [[]]
    for token in tree.children()[1:-1]:
        if token.text() == ",":
            groups.append([])
        else:
            groups[-1].append(token)
    return [g for g in groups if g]


def _text(group: list[SgNode]) -> str:
    """The tokens as source, with `a . b` closed up so a field after a dot is not read as a name."""
    return re.sub(r"\s*\.\s*", ".", " ".join(t.text() for t in group))


@register("escape_log", RUST)
def rust_escape_log(t: Target) -> Rewrite | NoRewrite:
    tree = t.node.find(kind="token_tree")
    names = request_names(t.node)
    if tree is None or not names:
        return NoRewrite("the logged request value could not be located")
    groups = _groups(tree)
    at = next((i for i, g in enumerate(groups) if len(g) == 1 and g[0].kind() == "string_literal"), None)
    edits: list[Edit] = []
    for group in groups if at is None else groups[:at]:  # tracing fields: `key = %value`
        for i, token in enumerate(group):
            if token.text() == "%" and reads_any(_text(group[i + 1 :]), names):
                edits.append(Edit.replace(token, "?"))
    if at is not None:
        literal = groups[at][0]
        values = groups[at + 1 :]
        named = {g[0].text(): g[2:] for g in values if len(g) > 2 and g[1].text() == "="}
        positional = [g for g in values if not (len(g) > 2 and g[1].text() == "=")]
        text, out, position, last = literal.text(), [], 0, 0
        for m in _PLACEHOLDER.finditer(text):
            if m.group(0) in ("{{", "}}"):
                continue
            key, spec = m.group(1), m.group(2) or ""
            if key == "":
                arg = _text(positional[position]) if position < len(positional) else ""
                position += 1
            elif key.isdigit():
                arg = _text(positional[int(key)]) if int(key) < len(positional) else ""
            else:
                arg = _text(named[key]) if key in named else key
            if "?" in spec:
                continue
            if spec:
                return NoRewrite(f"the placeholder `{m.group(0)}` has a format spec; add `?` to it by hand")
            if not reads_any(arg, names):
                return NoRewrite("other values in this log line use Display formatting; switch them by hand")
            out.append(text[last : m.end() - 1] + ":?}")
            last = m.end()
        if out:
            edits.append(Edit.replace(literal, "".join(out) + text[last:]))
    if not edits:
        return NoRewrite("the logged request value could not be located")
    return Rewrite(
        tuple(edits),
        "The request values are now logged with Debug formatting (`{:?}` / `?value`), which quotes them "
        "and escapes CR, LF and other control characters, so a value cannot start a forged log line.",
    )


# --------------------------------------------------------------------------- redirects

_TRIM = ".trim_start_matches(['/', '\\\\', ' ', '\\t', '\\r', '\\n'])"


def _base_value(arg: SgNode) -> tuple[str, bool]:
    """(the value without `&` or `.as_str()`, whether it was passed by reference)."""
    text = arg.text()
    borrowed = text.startswith("&") or text.endswith(".as_str()")
    return text.removeprefix("&").removesuffix(".as_str()"), borrowed


@register("local_redirect", RUST)
def rust_local_redirect(t: Target) -> Rewrite | NoRewrite:
    args = arguments(t.node)
    if not args:
        return NoRewrite("the redirect target could not be read")
    target, in_header = args[0], False
    if target.kind() == "tuple_expression":
        items = target.named_children()
        if len(items) != 2:
            return NoRewrite("the Location header could not be read")
        target, in_header = items[1], True
    value, borrowed = _base_value(target)
    if format_macro(target) is not None:
        return NoRewrite("the target is built with format!; start it with a fixed local path instead")
    new = f'format!("/{{}}", {value}{_TRIM})'
    if borrowed and not in_header:
        new = "&" + new
    return Rewrite(
        (Edit.replace(target, new),),
        f"The redirect target `{value}` is now always a path on this site: leading slashes, backslashes "
        "and blanks are dropped and one `/` is put in front, so `//host`, `/\\host` and `https://host` "
        "stay on this site while `/account?tab=2` is unchanged.",
        (LOCAL_PATH_NOTE,),
        review=REDIRECT_REVIEW,
    )


# --------------------------------------------------------------------------- file names


def _file_name(value: str, in_format: bool) -> str:
    borrowed = value if value.startswith("&") else f"&{value}"
    name = f"std::path::Path::new({borrowed}).file_name().unwrap_or_default()"
    return f"{name}.to_string_lossy()" if in_format else name


def _let_value(t: Target, arg: SgNode) -> SgNode | None:
    """The value of the single `let` that binds the identifier passed as `arg` (`x` or `&x`)."""
    name = arg.text().removeprefix("&")
    func = enclosing(arg, "function_item")
    if func is None or not re.fullmatch(r"[a-z_]\w*", name):
        return None
    lets = [
        let
        for let in func.find_all(kind="let_declaration")
        if (p := let.field("pattern")) is not None and p.text().removeprefix("mut ") == name
    ]
    return lets[0].field("value") if len(lets) == 1 else None


def _is_client_name(source: str) -> bool:
    return re.search(r"\.(file_name|get_filename)\(\)", source) is not None


def _path_edits(
    t: Target, value: SgNode, chosen: set[str] | None
) -> tuple[list[Edit], list[str]] | NoRewrite:
    """Wrap the untrusted parts of a path expression: values spliced into a format! after a fixed
    folder, or the argument of `.join(...)` on a base path."""

    def wanted(source: str) -> bool:
        # a client name read in place (`field.file_name()`) is not rewritten: inside the call the
        # reduced name would not be recognised, so only names bound by `let` are
        return not _is_client_name(source) and reads_any(source, chosen or set())

    macro = format_macro(value)
    if macro is not None:
        lead = text_before(macro, wanted)
        if lead is None or "/" not in lead:
            return NoRewrite(
                "the whole path comes from the request; join a bare name to a fixed folder instead"
            )
        rebuilt = rewrite_format(macro, lambda s: _file_name(s, True), wanted)
        if rebuilt is None or not rebuilt[1]:
            return NoRewrite("the path's format string could not be read")
        return [rebuilt[0]], rebuilt[1]
    join = value if value.kind() == "call_expression" else None
    func = join.field("function") if join is not None else None
    field = func.field("field") if func is not None and func.kind() == "field_expression" else None
    inner = arguments(join) if join is not None else []
    if field is None or field.text() != "join" or len(inner) != 1 or not wanted(inner[0].text()):
        return NoRewrite("the request value could not be located in the path")
    return [Edit.replace(inner[0], _file_name(inner[0].text(), False))], [inner[0].text()]


@register("path_basename", RUST)
def rust_path_basename(t: Target) -> Rewrite | NoRewrite:
    args = arguments(t.node)
    if not args:
        return NoRewrite("the path argument could not be read")
    upload = t.rule.id == "rust-upload-filename-path"
    names = None if upload else request_names(t.node)
    func = t.node.field("function")
    field = func.field("field") if func is not None and func.kind() == "field_expression" else None
    if field is not None and field.text() == "join":
        value = t.node  # `base.join(name)` itself is the finding
    else:
        value = args[0]
        if value.kind() in ("identifier", "reference_expression") and format_macro(value) is None:
            bound = _let_value(t, value)
            if bound is None:
                return NoRewrite("the path is built elsewhere; reduce the name where it is joined")
            value = bound
    if upload:
        client = {
            (let.field("pattern") or let).text().removeprefix("mut ")
            for let in (enclosing(t.node, "function_item") or t.root).find_all(kind="let_declaration")
            if (v := let.field("value")) is not None and _is_client_name(v.text())
        }
        names = client
    found = _path_edits(t, value, names)
    if isinstance(found, NoRewrite):
        return found
    edits, wrapped = found
    shown = ", ".join(f"`{w}`" for w in wrapped)
    return Rewrite(
        tuple(edits),
        basename_explanation("Path::file_name").format(values=shown)
        + " A name of `..` or an empty one becomes empty.",
        (BASENAME_NOTE,),
    )


# --------------------------------------------------------------------------- HTML


_NUMERIC = re.compile(r"^(bool|char|[iu](8|16|32|64|128|size)|f32|f64)$")


@register("escape_html", RUST)
def rust_escape_html(t: Target) -> Rewrite | NoRewrite:
    args = arguments(t.node)
    macro = format_macro(args[0]) if args else None
    if macro is None:
        return NoRewrite("the page is built elsewhere; escape each value where it is formatted in")
    names = request_names(t.node)
    types = field_types(t.root)
    head = re.match(r'^(?:std::)?format!\(\s*"((?:[^"\\]|\\.)*)"', macro.text())
    if head is None:
        return NoRewrite("the page's format string could not be read")

    def wanted(source: str) -> bool:
        kind = types.get(source.rsplit(".", 1)[-1], "")
        return reads_any(source, names) and not _NUMERIC.match(kind)

    def escaped(source: str) -> str:
        kind = types.get(source.rsplit(".", 1)[-1], "")
        plain = kind in ("String", "&str", "&'static str")
        return f"html_escape::encode_text(&{source}{'' if plain else '.to_string()'})"

    if any(re.search(r"<[^>]*$", piece) for piece in re.split(r"\{[^{}]*\}", head.group(1))[:-1]):
        return NoRewrite("a value sits inside a tag; escape it for its attribute by hand")
    rebuilt = rewrite_format(macro, escaped, wanted)
    if rebuilt is None or not rebuilt[1]:
        return NoRewrite("the request value could not be located in the page")
    shown = ", ".join(f"`{w}`" for w in rebuilt[1])
    return Rewrite(
        (rebuilt[0],),
        f"{shown} is escaped with html_escape::encode_text before it goes into the page, so `<`, `>` and "
        "`&` in it are shown as text instead of becoming markup.",
        review="it adds a dependency on the html_escape crate",
    )
