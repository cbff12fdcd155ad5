"""Bundled data files already proven valid, kept as JSON so that a scan neither parses their YAML
nor checks them again.

Reading the rule files with the YAML loader and checking them with the strict schema (pydantic)
cost a one-file scan more than the scan itself. So `rules/_proven/<group>.json` holds, for every
bundled rule file of a folder (group `python`, ...) and every taint catalog (group `taint`), the
SHA-256 of its committed text and the data the YAML loader reads from it, each checked by the
full schema when written (`python scripts/build_checked_data.py`; a test keeps them current and
proves that data read this way builds what the schema path builds). The YAML files stay the
source: an entry is used only when the file's text has exactly that digest, and any other content
(an edited rule, a file added since) is parsed and goes through the full schema with its error
messages. Nothing is written at run time: the JSON is package data like the rules themselves.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from vsguard.sha import sha256_hex

FOLDER = "_proven"


def digest(text: str) -> str:
    return sha256_hex(text.encode("utf-8"))


def group_of(name: str) -> str:
    """`python/crypto.yaml` -> python; `engine/taint/catalog_python.yaml` -> taint."""
    return "taint" if name.startswith("engine/taint/") else name.split("/", 1)[0]


@cache
def _entries(group: str) -> dict[str, Any]:
    """name -> {"sha256", "data"} of a group; empty when it has no file (all is then checked)."""
    try:
        text = resources.files("vsguard.rules").joinpath(FOLDER, f"{group}.json").read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    entries: dict[str, Any] = json.loads(text)
    return entries


def proven_data(name: str, text: str) -> Any | None:
    """What the YAML loader reads from `text`, if this exact content of data file `name` passed
    the full schema check; None otherwise."""
    entry = _entries(group_of(name)).get(name)
    if entry is None or entry["sha256"] != digest(text):
        return None
    return entry["data"]


def render(entries: dict[str, tuple[str, Any]]) -> str:
    """A group's JSON file: one line per data file (name -> digest and data), in name order."""
    lines = [
        f"{json.dumps(name)}: {json.dumps({'sha256': sha, 'data': data}, ensure_ascii=False)}"
        for name, (sha, data) in sorted(entries.items())
    ]
    return "{\n" + ",\n".join(lines) + "\n}\n"
