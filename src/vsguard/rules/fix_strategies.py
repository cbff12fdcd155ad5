"""Fix strategies registered in fixes/, by rule language: what a rule's `fix.strategy` may name.

Rules sit below the fixer, so the loader cannot import the registry (nor afford to: importing it
loads every strategy). tests/test_rule_schema.py proves this table equals the registry.
"""

from __future__ import annotations

FIX_STRATEGIES: dict[str, frozenset[str]] = {
    "c": frozenset(
        {
            "bounded_copy",
            "clamp_copy_length",
            "constant_format",
            "gets_to_fgets",
            "remove_verify_false",
            "scanf_width",
            "sprintf_to_snprintf",
        }
    ),
    "cpp": frozenset(
        {
            "random_device",
        }
    ),
    "dockerfile": frozenset(
        {
            "remove_insecure_flag",
            "secret_out_of_image",
            "unprivileged_user",
        }
    ),
    "github-actions": frozenset(
        {
            "expression_to_env",
            "least_privilege_token",
            "literal_to_repository_secret",
            "remove_insecure_switch",
        }
    ),
    "csharp": frozenset(
        {
            "cookie_flags",
            "default_cert_validation",
            "encode_html",
            "parameterize_sql",
            "random_to_securerandom",
            "rsa_oaep",
            "shell_to_argv",
            "strong_hash",
            "xml_resolver_null",
        }
    ),
    "go": frozenset(
        {
            "cookie_flags",
            "escape_trusted_html",
            "parameterize_sql",
            "remove_insecure_skip_verify",
            "rsa_oaep",
            "shell_to_argv",
            "strong_hash",
            "text_to_html_template",
        }
    ),
    "java": frozenset(
        {
            "cookie_flags",
            "default_hostname_verifier",
            "exec_argv",
            "parameterize_sql",
            "random_to_securerandom",
            "rsa_oaep",
            "shell_to_argv",
            "strong_hash",
            "xml_disallow_doctype",
        }
    ),
    "javascript": frozenset(
        {
            "cookie_flags",
            "drop_prototype_keys",
            "escape_html_output",
            "escape_regex",
            "eval_to_json_parse",
            "innerhtml_to_textcontent",
            "llm_max_tokens",
            "local_redirect",
            "nosql_string",
            "parameterize_sql",
            "password_hash",
            "path_basename",
            "random_to_secrets",
            "remove_verify_false",
            "secret_to_env",
            "shell_to_argv",
            "strong_hash",
            "unserialize_to_json",
        }
    ),
    "kotlin": frozenset(
        {
            "cookie_flags",
            "default_hostname_verifier",
            "exec_argv",
            "parameterize_sql",
            "random_to_securerandom",
            "rsa_oaep",
            "shell_to_argv",
            "strong_hash",
            "xml_disallow_doctype",
        }
    ),
    "php": frozenset(
        {
            "escape_shell_args",
            "htmlspecialchars_output",
            "parameterize_sql",
            "password_hash",
            "path_basename",
            "random_to_secrets",
            "remove_verify_false",
            "unserialize_allowed_classes_false",
        }
    ),
    "python": frozenset(
        {
            "bind_from_env",
            "command_to_argv",
            "cookie_flags",
            "cors_from_env",
            "debug_from_env",
            "drop_none_algorithm",
            "enable_csrf",
            "escape_header",
            "escape_html",
            "escape_ldap_filter",
            "escape_log",
            "escape_regex",
            "eval_to_literal_eval",
            "harden_xml_parser",
            "llm_max_tokens",
            "local_redirect",
            "nosql_string",
            "os_system_to_subprocess",
            "parameterize_sql",
            "password_hash",
            "path_basename",
            "pickle_to_json",
            "random_to_secrets",
            "remove_verify_false",
            "secret_to_env",
            "shell_to_argv",
            "strong_hash",
            "strong_key_size",
            "tempfile_mkstemp",
            "template_context",
            "upload_secure_filename",
            "xpath_variables",
            "yaml_safe_load",
        }
    ),
    "ruby": frozenset(
        {
            "parameterize_sql",
            "password_hash",
            "path_basename",
            "random_to_secrets",
            "remove_html_safe",
            "remove_verify_false",
            "shell_to_argv",
            "yaml_safe_load",
        }
    ),
    "rust": frozenset(
        {
            "cookie_flags",
            "parameterize_sql",
            "password_hash",
            "random_to_securerandom",
            "remove_verify_false",
            "shell_to_argv",
        }
    ),
}
