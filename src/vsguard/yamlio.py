"""YAML reading for vsguard's own data files: always the safe loader, C-accelerated when available."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import yaml
from yaml.constructor import ConstructorError
from yaml.nodes import Node

# libyaml's CSafeLoader parses the catalog about 12x faster than the pure-Python SafeLoader.
if TYPE_CHECKING:  # both offer the same loader interface; the stubs cannot express the choice
    from yaml import SafeLoader as _SafeLoader
else:
    _SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

YAMLError = yaml.YAMLError

_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"


class _DataLoader(_SafeLoader):
    """The safe loader, building strings, lists and string-keyed mappings straight from the
    composed nodes: PyYAML's generic constructor is about a fifth of a rule file's load time, and
    rule files are read on every scan's start-up. Every other node (numbers, booleans, null, merge
    keys, other tags) goes through the safe constructor, so the result is what SafeLoader gives."""

    def construct_document(self, node: Node) -> Any:
        return self._plain(node)

    def _plain(self, node: Node) -> Any:
        tag = node.tag
        if tag == _STR:
            return node.value
        if tag == _SEQ:
            return [self._plain(n) for n in node.value]
        if tag == _MAP:
            built = {}
            for key, value in node.value:
                if key.tag != _STR:
                    break  # a merge key or a non-string key: the safe constructor decides
                built[key.value] = self._plain(value)
            else:
                return built
        return super().construct_document(node)


def load_yaml(text: str) -> Any:
    try:
        return yaml.load(text, Loader=_DataLoader)
    except RecursionError as exc:  # an alias inside itself, or nesting no data file needs
        raise ConstructorError(None, None, "data nested too deeply (recursive alias?)") from exc
