"""Strategy modules; importing this package registers them all."""

from vsguard.fixes.strategies import (  # noqa: F401
    c_family,
    ci_config,
    csharp,
    go,
    go_ruby_rust,
    javascript,
    js_flow,
    jvm,
    jvm_injection,
    php,
    php_sql,
    python_config,
    python_crypto,
    python_injection,
    python_taint,
    rust,
    secrets,
    shell,
    sql,
    web_flow,
)
