"""Find the syntax node behind a finding, so a strategy can read the code around it."""

from __future__ import annotations

from ast_grep_py import SgNode

from vsguard.engine.matches import node_location
from vsguard.engine.patterns import _requirements_hold
from vsguard.models import Finding, Location, Rule

_CONFIG_KEYS = ("rule", "constraints", "utils", "transform")


def pattern_nodes(root: SgNode, rule: Rule, language: str) -> dict[Location, SgNode]:
    """Matched node of a pattern rule by the location the scanner reports for it."""
    config = {k: rule.match[k] for k in _CONFIG_KEYS if k in rule.match}
    report_on = rule.match.get("report")
    found: dict[Location, SgNode] = {}
    for node in root.find_all(config):  # type: ignore[arg-type]
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


def node_for(root: SgNode, finding: Finding, rule: Rule, language: str, start: int, end: int) -> SgNode:
    if rule.kind == "pattern":
        node = pattern_nodes(root, rule, language).get(finding.location)
        if node is not None:
            return node
    return covering_node(root, start, end)
