"""Fix strategies, looked up by the name a rule gives in `fix: {strategy: ...}` and the language.

A strategy reads one finding in context and returns either a `Rewrite` (edits on the original code
plus an explanation) or a `NoRewrite` saying why no mechanical change is sound in this spot; the
engine then verifies rewrites and turns refusals into guidance.
"""

from __future__ import annotations

from collections.abc import Callable

from ast_grep_py import SgNode

from vsguard.engine.languages import rule_languages
from vsguard.fixes.edits import Edit
from vsguard.models import Finding, Rule
from vsguard.records import field, record

ANY_LANGUAGE = "*"


@record(frozen=True)
class Target:
    """One finding to fix, with everything a strategy needs to read its surroundings."""

    code: str
    language: str
    root: SgNode
    rule: Rule
    finding: Finding
    node: SgNode  # the node the rule matched (metavariables available for pattern rules)


@record(frozen=True)
class Rewrite:
    """Edits that remove a finding. `review` says how the rewrite changes something visible
    outside the code it touches (a data format, stored values, a dependency): such a rewrite is
    offered as "needs review" and is never applied without the user's explicit consent."""

    edits: tuple[Edit, ...]
    explanation: str
    notes: tuple[str, ...] = field(default=())
    review: str | None = None


@record(frozen=True)
class NoRewrite:
    reason: str


Strategy = Callable[[Target], Rewrite | NoRewrite]

_REGISTRY: dict[tuple[str, str], Strategy] = {}


def register(name: str, *languages: str) -> Callable[[Strategy], Strategy]:
    """Register a strategy for languages (`*` for any language whose tree it can read)."""

    def wrap(func: Strategy) -> Strategy:
        for lang in languages or (ANY_LANGUAGE,):
            key = (name, lang)
            if key in _REGISTRY:
                raise ValueError(f"fix strategy {name!r} registered twice for {lang}")
            _REGISTRY[key] = func
        return func

    return wrap


def lookup(name: str, language: str) -> Strategy | None:
    _load_strategies()
    for lang in (*rule_languages(language), ANY_LANGUAGE):
        found = _REGISTRY.get((name, lang))
        if found is not None:
            return found
    return None


def strategy_for_rule(rule: Rule, language: str | None = None) -> Strategy | None:
    """The strategy that fixes `rule` in `language` (the rule's own language when omitted)."""
    if rule.fix is None:
        return None
    name = rule.fix.strategy
    lang = language or rule.language
    if lang == "generic":
        _load_strategies()
        return next((f for (n, _), f in _REGISTRY.items() if n == name), None)
    return lookup(name, lang)


def registered() -> dict[tuple[str, str], Strategy]:
    _load_strategies()
    return dict(_REGISTRY)


_loaded = False


def _load_strategies() -> None:
    global _loaded
    if not _loaded:
        _loaded = True
        from vsguard.fixes import strategies  # noqa: F401 - importing registers every strategy
