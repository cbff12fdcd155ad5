"""Reading a pattern rule's own `utils` back at fix time: the values the rule calls untrusted or
secret are found with the very definitions that reported them, so a rewrite wraps exactly those."""

from __future__ import annotations

from ast_grep_py import SgNode

from vsguard.fixes.registry import Target
from vsguard.models import PatternMatch


def util_nodes(t: Target, names: tuple[str, ...], within: SgNode | None = None) -> list[SgNode]:
    """The outermost nodes inside `within` (the finding when omitted) that match one of the
    rule's utils `names`, in source order; empty when the rule defines none of them."""
    match = t.rule.match
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
