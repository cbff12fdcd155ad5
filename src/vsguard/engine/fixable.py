"""Which rules the fixer can rewrite, known without importing it.

The rule loader already refuses a rule whose `fix.strategy` is not registered for its language
(`rules/fix_strategies.py`, checked against the fixer's registry by the tests), so a loaded rule
with a fix is a fixable rule: a one-file scan marks findings fixable without importing every
strategy module.
"""

from __future__ import annotations

from vsguard.models import Rule


def has_fix(rule: Rule) -> bool:
    return rule.fix is not None
