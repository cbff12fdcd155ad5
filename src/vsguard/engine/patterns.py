"""Pattern rules: an ast-grep config per rule, plus optional semantic checks on metavariables."""

from __future__ import annotations

from collections.abc import Iterable

from ast_grep_py import SgNode

from vsguard.engine.matches import RawMatch, node_location
from vsguard.engine.predicates import PREDICATES
from vsguard.models import PatternMatch, Rule


def _requirements_hold(node: SgNode, rule: Rule, language: str) -> bool:
    for req in rule.require:
        captured = node.get_match(req.metavar)
        if captured is None:
            return False
        check = PREDICATES.get(req.is_)
        if check is None:
            raise ValueError(f"rule {rule.id}: unknown predicate {req.is_!r}")
        if check(captured, language) == req.negate:
            return False
    return True


def find_pattern_matches(root: SgNode, rules: Iterable[Rule], language: str) -> list[RawMatch]:
    found: list[RawMatch] = []
    for rule in rules:
        match = rule.match
        if not isinstance(match, PatternMatch):
            continue
        report_on = match.report  # report a captured metavariable instead of the whole match
        for node in root.find_all(match.config()):  # type: ignore[call-overload]
            if not _requirements_hold(node, rule, language):
                continue
            target = (node.get_match(report_on) if report_on else None) or node
            found.append(RawMatch(rule=rule, location=node_location(target), snippet=target.text()))
    return found
