"""Which bundled data files are already proven valid, so that a scan need not check them again.

Checking a rule file against its schema means building pydantic's validators, which costs a
one-file scan more than the scan itself. So `checked.sha256` lists the SHA-256 of every bundled
rule file and taint catalog as committed, each checked by the full schema when the list was
written (`python scripts/build_checked_data.py`; a test keeps the list current). A file whose
content is listed is read straight into the dataclasses; any other content (an edited rule, a
file added since) goes through the full schema, with its error messages. Nothing is written at
run time: the list is package data like the rules themselves.
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import resources

LIST_NAME = "checked.sha256"


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@cache
def _listed() -> frozenset[tuple[str, str]]:
    """(name, digest) pairs of the list; empty when it is missing (everything is then checked)."""
    try:
        text = resources.files("vsguard.rules").joinpath(LIST_NAME).read_text(encoding="utf-8")
    except FileNotFoundError:
        return frozenset()
    pairs = (line.split("  ", 1) for line in text.splitlines() if line and not line.startswith("#"))
    return frozenset((name, sha) for sha, name in pairs)


def is_checked(name: str, text: str) -> bool:
    """True when this exact content of data file `name` passed the full schema check."""
    return (name, digest(text)) in _listed()
