"""Reading a pattern rule's own `utils` back at fix time: the values the rule calls untrusted or
secret are found with the very definitions that reported them, so a rewrite wraps exactly those.

A taint rule has no utils: its finding is the sink call, and the values it reports are the
variable pieces of the call's arguments (not literal text or a constant) that its trace names."""

from __future__ import annotations

import re

from ast_grep_py import SgNode

from vsguard.fixes.registry import Target
from vsguard.models import PatternMatch


def util_nodes(t: Target, names: tuple[str, ...], within: SgNode | None = None) -> list[SgNode]:
    """The outermost nodes inside `within` (the finding when omitted) that match one of the
    rule's utils `names`, in source order; empty when the rule defines none of them."""
    match = t.rule.match
    if t.rule.kind == "taint":
        scope = within if within is not None else t.node
        pieces = [p for arg in _values(scope) for p in _variable_pieces(arg)]
        return [p for p in pieces if _traced(t, p)]
    utils = match.utils if isinstance(match, PatternMatch) else None
    if not utils or not any(n in utils for n in names):
        return []
    scope = within if within is not None else t.node
    found: list[SgNode] = []
    for name in names:
        if name in utils:
            config = {"rule": {"matches": name}, "utils": utils}
            found.extend(scope.find_all(config))  # type: ignore[call-overload]
    outer = [n for n in found if not any(_strictly_inside(n, m) for m in found)]
    unique = {(n.range().start.index, n.range().end.index): n for n in outer}
    return [unique[k] for k in sorted(unique)]


def _strictly_inside(inner: SgNode, outer: SgNode) -> bool:
    a, b = inner.range(), outer.range()
    within = b.start.index <= a.start.index and a.end.index <= b.end.index
    return within and (a.start.index, a.end.index) != (b.start.index, b.end.index)


def call_part(t: Target, metavar: str, part: int | str) -> SgNode | None:
    """A pattern rule's metavariable; for a taint finding (the sink call itself) the same piece of
    the call: its receiver (`part="receiver"`) or its argument at index `part`."""
    found = t.node.get_match(metavar)
    if found is not None or t.rule.kind != "taint":
        return found
    if part == "receiver":
        return t.node.field("object")
    args = t.node.field("arguments")
    values = _values(args) if args is not None else []
    return values[part] if isinstance(part, int) and part < len(values) else None


def _traced(t: Target, piece: SgNode) -> bool:
    """The piece is named by a step of the finding's trace before the sink (where the reported
    value came from); a finding without such steps keeps every piece."""
    steps = [s.code for s in t.finding.trace if s.kind != "sink"]
    if not steps:
        return True
    name = re.compile(rf"(?<![\w.]){re.escape(piece.text())}(?!\w)")
    return any(name.search(code) for code in steps)


_JOINS = frozenset({"binary_expression", "additive_expression"})
_CONSTANT_NAME = re.compile(r"^[A-Z][A-Z0-9_]*$")


def _values(node: SgNode) -> list[SgNode]:
    """The arguments of an argument list, or the node itself."""
    if node.kind() in ("argument_list", "value_arguments"):
        return [c for c in node.named_children() if "comment" not in c.kind()]
    return [node]


def _variable_pieces(node: SgNode) -> list[SgNode]:
    """The operands of a text concatenation that are neither literals nor constants, in order."""
    kind = node.kind()
    if kind == "value_argument" and node.named_children():
        return _variable_pieces(node.named_children()[0])
    if kind in _JOINS and (op := node.field("operator")) is not None and op.text() == "+":
        return [p for c in node.named_children() if c.range() != op.range() for p in _variable_pieces(c)]
    if kind == "parenthesized_expression" and len(node.named_children()) == 1:
        return _variable_pieces(node.named_children()[0])
    if kind.endswith("_literal") or kind in ("true", "false", "class_literal"):
        return []
    if kind == "identifier" and _CONSTANT_NAME.match(node.text()):
        return []
    return [node]
