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

    __slots__ = ("_built", "branch_requirements", "rule", "utils")

    def __init__(self, rule: dict[str, Any], utils: dict[str, Any]) -> None:
        self.rule = rule
        self.utils = utils
        #: id of an `any` list -> the requirements of each of its branches, in order
        self.branch_requirements: dict[int, list[Requirements]] = {}
        self._collect(rule)
        # the pruned forms built so far, by which branches each text keeps: texts differ, but
        # the branches they keep fall into a few patterns
        self._built: dict[tuple[tuple[bool, ...], ...], tuple[dict[str, Any], dict[str, Any] | None]] = {}

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
        kept = tuple(tuple(words.all_of(req) for req in needs) for needs in self.branch_requirements.values())
        if all(all(branches) for branches in kept):
            return self.rule, self.utils or None
        built = self._built.get(kept)
        if built is None:
            keep = dict(zip(self.branch_requirements, kept, strict=True))
            rule = self._prune(self.rule, keep)
            utils = {name: self.utils[name] for name in self._used_utils(rule)} if self.utils else None
            if len(self._built) > 64:
                self._built.clear()
            built = self._built[kept] = (rule, utils)
        return built

    def _prune(self, node: Any, keep: dict[int, tuple[bool, ...]]) -> Any:
        if isinstance(node, list):
            return [self._prune(item, keep) for item in node]
        if not isinstance(node, dict):
            return node
        out: dict[str, Any] = {}
        for key, value in node.items():
            if key == "any" and isinstance(value, list):
                chosen = keep.get(id(value))
                if chosen is not None:
                    value = [branch for branch, kept in zip(value, chosen, strict=True) if kept]
                out[key] = [self._prune(branch, keep) for branch in value]
            elif key == "all" or key in _NESTED:
                out[key] = self._prune(value, keep)
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
