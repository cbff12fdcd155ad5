"""Which rules a `suggest_fix` call targets: original VSGuard type names, CWE ids or rule ids."""

from __future__ import annotations

import re

from vsguard.models import Rule
from vsguard.rules.loader import load_rules

# The original VSGuard vulnerability type names (and common spellings) -> vsguard rule classes.
TYPE_ALIASES: dict[str, tuple[str, ...]] = {
    "sql_injection": ("sql_injection",),
    "sqli": ("sql_injection",),
    "xss": ("xss",),
    "cross_site_scripting": ("xss",),
    "weak_crypto": ("weak_crypto", "weak_random", "weak_cipher", "weak_crypto_config"),
    "weak_hash": ("weak_crypto",),
    "weak_password": ("weak_password_hash",),
    "weak_password_hash": ("weak_password_hash",),
    "password_hashing": ("weak_password_hash",),
    "hardcoded_secret": ("hardcoded_secret",),
    "hardcoded_secrets": ("hardcoded_secret",),
    "secrets": ("hardcoded_secret",),
    "session": ("insecure_cookie", "session_management", "session_fixation"),
    "session_management": ("insecure_cookie", "session_management", "session_fixation"),
    "cookies": ("insecure_cookie",),
    "xxe": ("xxe",),
    "command_injection": ("command_injection",),
    "os_command_injection": ("command_injection",),
    "code_injection": ("code_injection",),
    "eval": ("code_injection",),
    "deserialization": ("insecure_deserialization",),
    "insecure_deserialization": ("insecure_deserialization",),
    "path_traversal": ("path_traversal",),
    "open_redirect": ("open_redirect",),
    "ssrf": ("ssrf",),
    "weak_random": ("weak_random",),
    "insecure_random": ("weak_random",),
    "tls": ("tls_verification",),
    "ssl": ("tls_verification",),
    "debug": ("debug_mode",),
    "csrf": ("csrf",),
}

_CWE = re.compile(r"^(?:cwe)?[-_ ]?(\d{1,5})$", re.I)


def valid_type_names() -> list[str]:
    classes = {r.vulnerability_class for r in load_rules()}
    return sorted(set(TYPE_ALIASES) | classes)


def _by_type(name: str) -> list[Rule]:
    key = name.strip().lower().replace("-", "_").replace(" ", "_")
    classes = set(TYPE_ALIASES.get(key, ())) | {key}
    return [r for r in load_rules() if r.vulnerability_class in classes]


def rules_for_selector(vulnerability_type: str | None, rule_id: str | None) -> tuple[list[Rule] | None, str]:
    """(rules to target or None for all, a label for messages). Raises ValueError on unknown names."""
    rules = load_rules()
    if rule_id:
        chosen = [r for r in rules if r.id == rule_id.strip()]
        if not chosen:
            raise ValueError(f"unknown rule id {rule_id!r}; `vsguard rules` lists them")
        return chosen, rule_id.strip()
    if not vulnerability_type:
        return None, "all findings"
    text = vulnerability_type.strip()
    by_id = [r for r in rules if r.id == text]
    if by_id:
        return by_id, text
    cwe = _CWE.match(text)
    if cwe:
        number = int(cwe.group(1))
        chosen = [r for r in rules if number in r.cwe]
        if not chosen:
            raise ValueError(f"no vsguard rule covers CWE-{number}")
        return chosen, f"CWE-{number}"
    chosen = _by_type(text)
    if not chosen and text.lower().replace("-", "_") not in TYPE_ALIASES:
        raise ValueError(
            f"unknown vulnerability_type {vulnerability_type!r}; use a CWE id (CWE-89), a rule id, "
            "or one of: " + ", ".join(valid_type_names())
        )
    return chosen, text
