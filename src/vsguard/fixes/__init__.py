"""Verified fixes: rewrite the user's own code, rescan it, and only then call the fix verified."""

from vsguard.fixes.engine import fixable_rule_ids, suggest_fix

__all__ = ["fixable_rule_ids", "suggest_fix"]
