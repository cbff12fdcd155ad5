"""Imported once by the fork server that isolated workers start from (see `isolation`): every rule
is loaded there, so each worker forked from it starts warm and shares those pages."""

from vsguard.engine.scanner import warm_rules

warm_rules()
