"""YAML reading for vsguard's own data files: always the safe loader, C-accelerated when available."""

from __future__ import annotations

from typing import Any

import yaml

# libyaml's CSafeLoader parses the catalog about 12x faster than the pure-Python SafeLoader.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

YAMLError = yaml.YAMLError


def load_yaml(text: str) -> Any:
    return yaml.load(text, Loader=_SafeLoader)
