"""Shared by the data-flow rewrites: find the untrusted value inside a sink and wrap it.

The finding's trace names where the value came from (the source expression and the local names it
passed through). Inside the sink's dangerous arguments, each use of those names is wrapped in a
sanitizer the taint engine recognises, so the rescan proves the flow is cut.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from ast_grep_py import SgNode

from vsguard.fixes.edits import Edit
from vsguard.fixes.registry import NoRewrite, Rewrite, Target
from vsguard.fixes.strategies._common import arguments, call_of, is_js, keyword, name_is_rebound
from vsguard.models import TaintMatch, TaintSink
from vsguard.records import record

_PY_STEP = re.compile(r"^\s*(?:for\s+)?([A-Za-z_]\w*)\s*(?:=(?!=)|\bin\b|:)")
_JS_STEP = re.compile(r"^\s*(?:const\s+|let\s+|var\s+)?([A-Za-z_$][\w$]*)\s*=(?!=)")
_JS_DESTRUCTURE = re.compile(r"^\s*(?:const\s+|let\s+|var\s+)?\{([^}]*)\}\s*=(?!=)")


@record(frozen=True)
class Syntax:
    call: str
    member: str  # attribute access node kind
    member_object: str
    subscript: str
    subscript_object: str
    keyword_kind: str | None


_PY = Syntax("call", "attribute", "object", "subscript", "value", "keyword_argument")
_JS = Syntax("call_expression", "member_expression", "object", "subscript_expression", "object", None)


def _syntax(language: str) -> Syntax:
    return _JS if is_js(language) else _PY


def tainted_roots(t: Target) -> tuple[set[str], set[str]]:
    """(local names the value passed through, source expressions) from the finding's trace."""
    names: set[str] = set()
    sources: set[str] = set()
    js = is_js(t.language)
    for step in t.finding.trace:
        if step.kind == "source":
            sources.add(step.code.strip())
        elif step.kind == "step":
            if js and (m := _JS_DESTRUCTURE.match(step.code)):
                names.update(p.split(":")[-1].strip() for p in m.group(1).split(",") if p.strip())
            elif m := (_JS_STEP if js else _PY_STEP).match(step.code):
                names.add(m.group(1))
    return names, sources


def _sink_spec(t: Target, call: SgNode) -> TaintSink | None:
    func = call.field("function") or call.field("constructor")
    text = func.text() if func is not None else ""
    sinks = t.rule.match.sinks if isinstance(t.rule.match, TaintMatch) else ()
    return next((s for s in sinks if s.callee and re.search(s.callee, text)), None)


def sink_values(t: Target) -> tuple[SgNode | None, list[SgNode]]:
    """(the sink call if any, the expressions that carry the dangerous value)."""
    node = t.node
    syn = _syntax(t.language)
    if node.kind() == "return_statement":
        return None, [c for c in node.named_children() if c.kind() != "comment"]
    if node.kind() in ("subscript", "assignment", "assignment_expression"):  # store sinks: `x.y = value`
        assign = node if node.kind() != "subscript" else node.parent()
        right = assign.field("right") if assign is not None else None
        return None, [right] if right is not None else []
    call = node if node.kind() in (syn.call, "new_expression") else call_of(node, t.language)
    if call is None:
        return None, []
    args = arguments(call)
    spec = _sink_spec(t, call)
    wanted = spec.args if spec else None
    if not wanted or "*" in wanted:
        return call, [(a.field("value") or a) if a.kind() == syn.keyword_kind else a for a in args]
    positional = [a for a in args if a.kind() not in ("keyword_argument", "list_splat", "dictionary_splat")]
    chosen: list[SgNode] = []
    for want in wanted:
        if isinstance(want, int) and want < len(positional):
            chosen.append(positional[want])
        elif isinstance(want, str) and not is_js(t.language):
            kw = keyword(call, want)
            value = kw.field("value") if kw is not None else None
            if value is not None:
                chosen.append(value)
    return call, chosen


def _ascend(node: SgNode, limit: SgNode, syn: Syntax) -> SgNode:
    """Grow `x` to the whole `x.attr[...]()` chain it heads, staying inside `limit`."""
    current = node
    while current != limit:
        parent = current.parent()
        if parent is None:
            break
        kind = parent.kind()
        if (
            (kind == syn.member and parent.field(syn.member_object) == current)
            or (kind == syn.subscript and parent.field(syn.subscript_object) == current)
            or (kind == syn.call and parent.field("function") == current)
        ):
            current = parent
        else:
            break
    return current


def _is_name_position(node: SgNode) -> bool:
    """An identifier that names a keyword, attribute or object key rather than reading a value."""
    parent = node.parent()
    if parent is None:
        return False
    kind = parent.kind()
    return (
        (kind == "keyword_argument" and parent.field("name") == node)
        or (kind == "attribute" and parent.field("attribute") == node)
        or (kind == "pair" and parent.field("key") == node)
    )


def tainted_uses(t: Target, values: Sequence[SgNode]) -> list[SgNode]:
    names, sources = tainted_roots(t)
    syn = _syntax(t.language)
    found: list[SgNode] = []
    for value in values:
        stack = [value]
        while stack:
            node = stack.pop()
            text = node.text()
            is_name = node.kind() in ("identifier", "shorthand_property_identifier")
            if text in sources or (is_name and text in names and not _is_name_position(node)):
                top = _ascend(node, value, syn)
                if not any(_contains(f, top) or _contains(top, f) for f in found):
                    found.append(top)
                continue
            stack.extend(reversed(node.children()))
    return sorted(found, key=lambda n: n.range().start.index)


def _is_pair_value(node: SgNode) -> bool:
    parent = node.parent()
    return parent is not None and parent.kind() == "pair" and parent.field("value") == node


def _contains(outer: SgNode, inner: SgNode) -> bool:
    a, b = outer.range(), inner.range()
    return a.start.index <= b.start.index and b.end.index <= a.end.index


def wrap(
    t: Target,
    wrapper: Callable[[str], str],
    extra: Sequence[Edit],
    explanation: str,
    note: str | None = None,
    needs_name: str | None = None,
    only_pair_values: bool = False,
) -> Rewrite | NoRewrite:
    """Wrap every untrusted use inside the sink; `explanation` may use `{values}`.

    `needs_name` is the module name the wrapper calls through; a local variable of that name would
    hide it, so such spots are refused.
    """
    _, values = sink_values(t)
    uses = tainted_uses(t, values)
    if not uses:
        return NoRewrite("the untrusted value could not be located inside the sink")
    if only_pair_values and not all(_is_pair_value(u) for u in uses):
        return NoRewrite("the whole query object comes from the request; build it from known fields instead")
    if needs_name and any(name_is_rebound(u, needs_name, t.language) for u in uses):
        return NoRewrite(f"a local variable named `{needs_name}` hides the module the fix would call")
    edits = []
    for use in uses:
        if use.kind() == "shorthand_property_identifier":  # `{ name }` -> `{ name: f(name) }`
            edits.append(Edit.replace(use, f"{use.text()}: {wrapper(use.text())}"))
        else:
            edits.append(Edit.replace(use, wrapper(use.text())))
    shown = ", ".join(f"`{u.text()}`" for u in uses)
    return Rewrite((*edits, *extra), explanation.format(values=shown), (note,) if note else ())


BASENAME_NOTE = "Join the name to a fixed base folder; file names only (no sub-folders) are accepted now."


def basename_explanation(basename: str) -> str:
    """What reducing a path with the function `basename` achieves; `{values}` is left for `wrap`."""
    return (
        "{values} is reduced to its final file name with " + basename + ", so `../` and absolute paths "
        "cannot leave the intended folder."
    )


def stringify_query_values(t: Target, convert: str) -> Rewrite | NoRewrite:
    """Convert each untrusted value inside a query object with the function `convert` (to a string)."""
    return wrap(
        t,
        lambda s: f"{convert}({s})",
        (),
        "{values} is converted with " + convert + '(), so a JSON object such as {{"$ne": null}} sent by the '
        "client becomes a plain string and cannot act as a query operator.",
        only_pair_values=True,
    )
