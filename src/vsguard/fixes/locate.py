"""Find the syntax node behind a finding, so a strategy can read the code around it."""

from __future__ import annotations

from ast_grep_py import SgNode

from vsguard.engine.matches import node_location
from vsguard.engine.patterns import _requirements_hold
from vsguard.models import Finding, Location, PatternMatch, Rule


def pattern_nodes(root: SgNode, rule: Rule, language: str) -> dict[Location, SgNode]:
    """Matched node of a pattern rule by the location the scanner reports for it."""
    found: dict[Location, SgNode] = {}
    if not isinstance(rule.match, PatternMatch):
        return found
    report_on = rule.match.report
    for node in root.find_all(rule.match.config()):  # type: ignore[call-overload]
        if not _requirements_hold(node, rule, language):
            continue
        target = (node.get_match(report_on) if report_on else None) or node
        found.setdefault(node_location(target), node)
    return found


def covering_node(root: SgNode, start: int, end: int) -> SgNode:
    """The deepest node whose range contains [start, end)."""
    node = root
    while True:
        for child in node.children():
            rng = child.range()
            if (
                rng.start.index <= start
                and end <= rng.end.index
                and (child.children() or rng.start.index < rng.end.index)
            ):
                node = child
                break
        else:
            return node


def node_for(
    root: SgNode,
    finding: Finding,
    rule: Rule,
    language: str,
    start: int,
    end: int,
    found: dict[str, dict[Location, SgNode]] | None = None,
) -> SgNode:
    """The node a finding reports; `found` keeps each rule's matches, so that many findings of one
    rule in a file cost one search of the tree, not one each."""
    if rule.kind == "pattern":
        known = found if found is not None else {}
        nodes = known.get(rule.id)
        if nodes is None:
            nodes = known[rule.id] = pattern_nodes(root, rule, language)
        node = nodes.get(finding.location)
        if node is not None:
            return node
    return covering_node(root, start, end)
