"""vsguard: a security guardrail for AI coding agents."""

# The single source of the version: pyproject.toml reads it from here at build time.
__version__ = "0.1.0"
