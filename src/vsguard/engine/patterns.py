"""Pattern rules: an ast-grep config per rule, plus optional semantic checks on metavariables."""

from __future__ import annotations

from collections.abc import Iterable

from ast_grep_py import SgNode

from vsguard.engine.matches import RawMatch, node_location
from vsguard.engine.predicates import PREDICATES
from vsguard.models import Rule

_CONFIG_KEYS = ("rule", "constraints", "utils", "transform")


def _requirements_hold(node: SgNode, rule: Rule, language: str) -> bool:
    for req in rule.match.get("require", ()):
        captured = node.get_match(req["metavar"])
        if captured is None:
            return False
        check = PREDICATES.get(req["is"])
        if check is None:
            raise ValueError(f"rule {rule.id}: unknown predicate {req['is']!r}")
        if check(captured, language) == req.get("negate", False):
            return False
    return True


def find_pattern_matches(root: SgNode, rules: Iterable[Rule], language: str) -> list[RawMatch]:
    found: list[RawMatch] = []
    for rule in rules:
        config = {k: rule.match[k] for k in _CONFIG_KEYS if k in rule.match}
        report_on = rule.match.get("report")  # report a captured metavariable instead of the whole match
        for node in root.find_all(config):  # type: ignore[arg-type]
            if not _requirements_hold(node, rule, language):
                continue
            target = (node.get_match(report_on) if report_on else None) or node
            found.append(RawMatch(rule=rule, location=node_location(target), snippet=target.text()))
    return found
