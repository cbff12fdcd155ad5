"""Which rules the fixer can rewrite, known without importing it.

A finding is marked fixable when the fixer registers its rule's strategy for the rule's language
(or family). Importing the fixer's registry means importing every strategy module, which would
double the start-up of a one-file scan, so this table lists the registered pairs; a test checks
it against the registry.
"""

from __future__ import annotations

from vsguard.engine.languages import rule_languages
from vsguard.models import Rule

ANY_LANGUAGE = "*"

# strategy name -> languages it is registered for (the fixer's registry, as `registered()` lists it)
STRATEGIES: dict[str, frozenset[str]] = {
    "bind_from_env": frozenset({"python"}),
    "bounded_copy": frozenset({"c"}),
    "command_to_argv": frozenset({"python"}),
    "constant_format": frozenset({"c"}),
    "cookie_flags": frozenset({"csharp", "go", "java", "javascript", "kotlin", "python", "rust"}),
    "cors_from_env": frozenset({"python"}),
    "debug_from_env": frozenset({"python"}),
    "default_cert_validation": frozenset({"csharp"}),
    "default_hostname_verifier": frozenset({"java", "kotlin"}),
    "enable_csrf": frozenset({"python"}),
    "escape_header": frozenset({"python"}),
    "escape_html": frozenset({"python"}),
    "escape_html_output": frozenset({"javascript"}),
    "escape_ldap_filter": frozenset({"python"}),
    "escape_log": frozenset({"python"}),
    "escape_regex": frozenset({"python"}),
    "escape_shell_args": frozenset({"php"}),
    "eval_to_json_parse": frozenset({"javascript"}),
    "eval_to_literal_eval": frozenset({"python"}),
    "gets_to_fgets": frozenset({"c"}),
    "harden_xml_parser": frozenset({"python"}),
    "htmlspecialchars_output": frozenset({"php"}),
    "innerhtml_to_textcontent": frozenset({"javascript"}),
    "llm_max_tokens": frozenset({"javascript", "python"}),
    "nosql_string": frozenset({"javascript", "python"}),
    "os_system_to_subprocess": frozenset({"python"}),
    "parameterize_sql": frozenset({"javascript", "python", "ruby"}),
    "password_hash": frozenset({"javascript", "php", "python", "ruby"}),
    "path_basename": frozenset({"javascript", "python"}),
    "pickle_to_json": frozenset({"python"}),
    "random_to_secrets": frozenset({"javascript", "php", "python", "ruby"}),
    "random_to_securerandom": frozenset({"csharp", "java", "kotlin"}),
    "remove_html_safe": frozenset({"ruby"}),
    "remove_insecure_skip_verify": frozenset({"go"}),
    "remove_verify_false": frozenset({"c", "javascript", "php", "python", "ruby", "rust"}),
    "scanf_width": frozenset({"c"}),
    "secret_to_env": frozenset({"javascript", "python"}),
    "shell_to_argv": frozenset({"javascript", "python", "ruby"}),
    "sprintf_to_snprintf": frozenset({"c"}),
    "strong_hash": frozenset({"csharp", "java", "javascript", "kotlin", "python"}),
    "strong_key_size": frozenset({"python"}),
    "tempfile_mkstemp": frozenset({"python"}),
    "template_context": frozenset({"python"}),
    "text_to_html_template": frozenset({"go"}),
    "unserialize_allowed_classes_false": frozenset({"php"}),
    "unserialize_to_json": frozenset({"javascript"}),
    "xml_disallow_doctype": frozenset({"java", "kotlin"}),
    "xml_resolver_null": frozenset({"csharp"}),
    "yaml_safe_load": frozenset({"python", "ruby"}),
}


def has_fix(rule: Rule) -> bool:
    """True when the fixer has a strategy for `rule` in its own language (any, for generic rules)."""
    name = rule.fix.get("strategy") if rule.fix else None
    languages = STRATEGIES.get(str(name)) if name else None
    if not languages:
        return False
    if rule.language == "generic":
        return True
    return any(lang in languages for lang in (*rule_languages(rule.language), ANY_LANGUAGE))
