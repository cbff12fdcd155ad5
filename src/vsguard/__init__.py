"""vsguard: a security guardrail for AI coding agents."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("vsguard")
except PackageNotFoundError:  # running from a source tree without install
    __version__ = "0.0.0"
