"""Strategy modules; importing this package registers them all."""

from vsguard.fixes.strategies import (  # noqa: F401
    python_config,
    python_crypto,
    python_injection,
    javascript,
    secrets,
)
