"""Which rules a `suggest_fix` call targets: original VSGuard type names, CWE ids or rule ids."""

from __future__ import annotations

import re

from vsguard.models import Rule, VulnClass
from vsguard.rules.loader import load_rules

# The original VSGuard vulnerability type names (and common spellings) -> vsguard rule classes.
_V = VulnClass
TYPE_ALIASES: dict[str, tuple[VulnClass, ...]] = {
    "sql_injection": (_V.SQL_INJECTION,),
    "sqli": (_V.SQL_INJECTION,),
    "xss": (_V.XSS,),
    "cross_site_scripting": (_V.XSS,),
    "weak_crypto": (_V.WEAK_CRYPTO, _V.WEAK_RANDOM),
    "weak_hash": (_V.WEAK_CRYPTO,),
    "weak_password": (_V.WEAK_PASSWORD_HASH,),
    "weak_password_hash": (_V.WEAK_PASSWORD_HASH,),
    "password_hashing": (_V.WEAK_PASSWORD_HASH,),
    "hardcoded_secret": (_V.HARDCODED_SECRET,),
    "hardcoded_secrets": (_V.HARDCODED_SECRET,),
    "secrets": (_V.HARDCODED_SECRET,),
    "session": (_V.INSECURE_COOKIE,),
    "session_management": (_V.INSECURE_COOKIE,),
    "cookies": (_V.INSECURE_COOKIE,),
    "cookie_security": (_V.INSECURE_COOKIE,),
    "xxe": (_V.XXE,),
    "command_injection": (_V.COMMAND_INJECTION,),
    "os_command_injection": (_V.COMMAND_INJECTION,),
    "code_injection": (_V.CODE_INJECTION,),
    "eval": (_V.CODE_INJECTION,),
    "deserialization": (_V.INSECURE_DESERIALIZATION,),
    "insecure_deserialization": (_V.INSECURE_DESERIALIZATION,),
    "path_traversal": (_V.PATH_TRAVERSAL,),
    "open_redirect": (_V.OPEN_REDIRECT,),
    "ssrf": (_V.SSRF,),
    "weak_random": (_V.WEAK_RANDOM,),
    "insecure_random": (_V.WEAK_RANDOM,),
    "tls": (_V.TLS_VERIFICATION,),
    "ssl": (_V.TLS_VERIFICATION,),
    "debug": (_V.DEBUG_MODE,),
    "csrf": (_V.CSRF,),
}

_CWE = re.compile(r"^(?:cwe)?[-_ ]?(\d{1,5})$", re.I)


def valid_type_names() -> list[str]:
    classes = {r.vulnerability_class.value for r in load_rules()}
    return sorted(set(TYPE_ALIASES) | classes)


def _by_type(name: str) -> list[Rule]:
    key = name.strip().lower().replace("-", "_").replace(" ", "_")
    classes: set[str] = {*TYPE_ALIASES.get(key, ()), key}
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
