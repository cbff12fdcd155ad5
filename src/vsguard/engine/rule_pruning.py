"""Per-text pruning of a pattern rule: `any` branches that need a word the text lacks are dropped.

ast-grep compiles a rule (its regexes above all) on every `find_all`, so a rule with many
branches costs its whole size on every file even when only one branch can apply there. A branch
needs, as `prefilter.rule_requirements` derives them, words of which the text must hold one of
each set; a branch whose words are absent cannot match anywhere in the text, so leaving it out
changes no match. Utility rules no remaining branch refers to are left out too, so their regexes
are not compiled. Rules with `constraints` or `transform` are kept whole: those name
metavariables that a dropped branch may be the only one to bind.
"""

from __future__ import annotations

from typing import Any

from vsguard.engine.prefilter import Requirements, TextWords, rule_requirements
from vsguard.models import PatternMatch

_BRANCHING = ("any",)
_NESTED = ("has", "inside", "follows", "precedes", "not")


class PruningPlan:
    """What pruning needs of one rule, derived once: each `any` branch's word requirements."""

    __slots__ = ("branch_requirements", "rule", "utils")

    def __init__(self, rule: dict[str, Any], utils: dict[str, Any]) -> None:
        self.rule = rule
        self.utils = utils
        #: id of an `any` list -> the requirements of each of its branches, in order
        self.branch_requirements: dict[int, list[Requirements]] = {}
        self._collect(rule)

    def _collect(self, node: object) -> None:
        if isinstance(node, list):
            for item in node:
                self._collect(item)
            return
        if not isinstance(node, dict):
            return
        branches = node.get("any")
        if isinstance(branches, list):
            self.branch_requirements[id(branches)] = [rule_requirements(b, self.utils) for b in branches]
        for key, value in node.items():
            if key in ("any", "all", *_NESTED):
                self._collect(value)

    @property
    def useful(self) -> bool:
        """True when some branch has a requirement, so some text can prune something."""
        return any(req for reqs in self.branch_requirements.values() for req in reqs)

    def for_text(self, words: TextWords) -> tuple[dict[str, Any], dict[str, Any] | None]:
        """The rule object and utilities with every branch the text cannot match left out."""
        rule = self._prune(self.rule, words)
        if not self.utils:
            return rule, None
        return rule, {name: self.utils[name] for name in self._used_utils(rule)}

    def _prune(self, node: Any, words: TextWords) -> Any:
        if isinstance(node, list):
            return [self._prune(item, words) for item in node]
        if not isinstance(node, dict):
            return node
        out: dict[str, Any] = {}
        for key, value in node.items():
            if key == "any" and isinstance(value, list):
                needs = self.branch_requirements.get(id(value))
                kept = (
                    value
                    if needs is None
                    else [b for b, req in zip(value, needs, strict=True) if words.all_of(req)]
                )
                out[key] = [self._prune(b, words) for b in kept]
            elif key == "all" or key in _NESTED:
                out[key] = self._prune(value, words)
            else:
                out[key] = value
        return out

    def _used_utils(self, rule: object) -> list[str]:
        """Names of the utility rules `rule` refers to, directly or through other utilities."""
        found: list[str] = []
        todo = [rule]
        while todo:
            node = todo.pop()
            if isinstance(node, list):
                todo.extend(node)
            elif isinstance(node, dict):
                name = node.get("matches")
                if isinstance(name, str) and name in self.utils and name not in found:
                    found.append(name)
                    todo.append(self.utils[name])
                todo.extend(v for v in node.values() if isinstance(v, dict | list))
        return found


def pruning_plan(match: PatternMatch) -> PruningPlan | None:
    """A plan for the rule, or None when pruning could not help or would not be safe."""
    if match.constraints is not None or match.transform is not None:
        return None
    utils = match.utils if isinstance(match.utils, dict) else {}
    plan = PruningPlan(match.rule, utils)
    return plan if plan.useful else None
