"""Ids of the other ASVS version for a list of ids, as plain tuples read from data/mapping.yaml.

Every scan finding carries the 4.0.3 ids of its rule's 5.0.0 ids, so a one-file scan needs this at
process start: it reads the compact mapping into dicts and builds no model, leaving the catalog,
its schema and the `MappingResult` models (`catalog.mapping`) to the commands that show them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from vsguard.catalog.ids import resolve_id
from vsguard.models import AsvsVersion

# (relation word, ids it points at) in the official order, per id
Entry = tuple[tuple[str, tuple[str, ...]], ...]


_SECTION = re.compile(r'^"(\d\.\d\.\d)":$')
_ENTRY = re.compile(r"^  (V[\d.]+): \[([\w .,]*)\]$")


def load_yaml(text: str) -> Any:
    """The YAML loader, imported only for a mapping file not in the generated shape."""
    from vsguard.yamlio import load_yaml as load

    return load(text)


def read_mapping(text: str) -> dict[str, dict[str, list[str]]]:
    """The mapping file as YAML would read it. scripts/build_mapping.py writes one `  id: [items]`
    line per id, which is read line by line (several times faster than the YAML loader, and
    this runs at the start of every scan); any other shape goes to the YAML loader."""
    raw: dict[str, dict[str, list[str]]] = {}
    section: dict[str, list[str]] | None = None
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if heading := _SECTION.match(line):
            section = raw.setdefault(heading.group(1), {})
        elif section is not None and (entry := _ENTRY.match(line)):
            items = entry.group(2).strip()
            section[entry.group(1)] = [i.strip() for i in items.split(",")] if items else []
        else:
            loaded: dict[str, dict[str, list[str]]] = load_yaml(text)  # the file's documented shape
            return loaded
    return raw


@cache
def mapping_table() -> dict[AsvsVersion, dict[str, Entry]]:
    text = resources.files("vsguard.catalog").joinpath("data", "mapping.yaml").read_text(encoding="utf-8")
    raw = read_mapping(text)
    table: dict[AsvsVersion, dict[str, Entry]] = {}
    for version in ("4.0.3", "5.0.0"):
        table[version] = {
            req_id: tuple((item.split()[0], tuple(item.split()[1:])) for item in items)
            for req_id, items in raw[version].items()
        }
    return table


def _id_key(req_id: str) -> tuple[int, ...]:
    return tuple(int(p) for p in req_id.lstrip("Vv").split(".") if p.isdigit())


def targets(version: AsvsVersion, req_id: str) -> tuple[str, ...]:
    """Ids of the other version that `req_id` (canonical) links to, in the mapping's order."""
    entry = mapping_table()[version].get(req_id, ())
    return tuple(dict.fromkeys(t for _, ids in entry for t in ids))


@lru_cache(maxsize=4096)
def _asvs4_for_one(id_5: str) -> tuple[str, ...]:
    return targets("5.0.0", resolve_id(id_5, "5.0.0")[1])


@lru_cache(maxsize=4096)
def _asvs5_for_one(id_4: str) -> tuple[str, ...]:
    return targets("4.0.3", resolve_id(id_4, "4.0.3")[1])


def _collect(ids: Iterable[str], one: Callable[[str], tuple[str, ...]]) -> tuple[str, ...]:
    found: set[str] = set()
    for req_id in ids:
        found.update(one(req_id))
    return tuple(sorted(found, key=_id_key))


def asvs4_for(ids_5: Iterable[str]) -> tuple[str, ...]:
    """4.0.3 ids related to the given 5.0.0 ids (moved, split, merged, covered), sorted and deduped.

    Called for every scan finding, so each id's answer is cached.
    """
    return _collect(ids_5, _asvs4_for_one)


def asvs5_for(ids_4: Iterable[str]) -> tuple[str, ...]:
    """5.0.0 ids that the given 4.0.3 ids became, sorted and deduped."""
    return _collect(ids_4, _asvs5_for_one)
