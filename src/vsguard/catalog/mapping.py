"""ASVS 4.0.3 <-> 5.0.0 id mapping, read from our compact data file (data/mapping.yaml).

`map_id` explains one id's fate as a `MappingResult`; the id lists alone (`asvs4_for`,
`asvs5_for`) come from `catalog.links`, which the scanner uses without this module's models.

The file is generated from the official OWASP mapping files by scripts/build_mapping.py and holds
only ids and relation words. Each side is complete on its own: the 4.0.3 section says where every
old id went, the 5.0.0 section says where every new id came from.
"""

from __future__ import annotations

from functools import lru_cache

from pydantic import BaseModel, ConfigDict

from vsguard.catalog.ids import resolve_id
from vsguard.catalog.links import asvs4_for, asvs5_for, mapping_table
from vsguard.catalog.loader import id_sort_key
from vsguard.models import AsvsVersion

# Relation words that point at ids of the other version, and how to say them.
LINK_WORDS: dict[str, str] = {
    "moved_to": "moved to",
    "merged_to": "merged into",
    "split_to": "split into",
    "covered_by": "covered by",
    "deprecated_by": "deprecated by",
    "moved_from": "moved from",
    "merged_from": "merged from",
    "split_from": "split from",
    "covers": "covers",
    "deprecates": "deprecates",
}
# Relation words that stand alone.
FLAG_WORDS: dict[str, str] = {
    "deleted": "deleted",
    "added": "new in 5.0.0",
    "modified": "wording or scope changed",
    "grammar": "grammar fixed",
}
# Why a requirement was deleted without a successor.
REASON_WORDS: dict[str, str] = {
    "not_in_scope": "not in scope",
    "insufficient_impact": "insufficient impact",
    "not_practical": "not practical",
    "incorrect": "incorrect",
}

__all__ = ["MappingResult", "asvs4_for", "asvs5_for", "map_id", "mapped_ids"]

OTHER_VERSION: dict[AsvsVersion, AsvsVersion] = {"4.0.3": "5.0.0", "5.0.0": "4.0.3"}


class MappingLink(BaseModel):
    model_config = ConfigDict(frozen=True)
    relation: str
    target: str


class MappingResult(BaseModel):
    """Where one id went (4.0.3 -> 5.0.0) or came from (5.0.0 -> 4.0.3)."""

    model_config = ConfigDict(frozen=True)

    version: AsvsVersion
    id: str
    target_version: AsvsVersion
    found: bool
    relations: tuple[str, ...] = ()
    links: tuple[MappingLink, ...] = ()
    targets: tuple[str, ...] = ()
    reason: str | None = None

    @property
    def deleted(self) -> bool:
        return "deleted" in self.relations

    @property
    def description(self) -> str:
        """What happened, e.g. 'wording or scope changed; moved to 5.0.0 V6.1.3; split into 5.0.0 V6.3.4'."""
        if not self.found:
            return f"no entry in the official {self.version} -> {self.target_version} mapping"
        parts: list[str] = []
        for relation in self.relations:
            if relation in FLAG_WORDS:
                parts.append(FLAG_WORDS[relation])
            elif relation in LINK_WORDS:
                ids = [link.target for link in self.links if link.relation == relation]
                parts.append(f"{LINK_WORDS[relation]} {self.target_version} {', '.join(ids)}")
        if self.reason:
            parts.append(f"reason: {self.reason}")
        return "; ".join(parts)

    @property
    def summary(self) -> str:
        return f"ASVS {self.version} {self.id}: {self.description}"


def mapped_ids(version: AsvsVersion) -> tuple[str, ...]:
    """Every id of `version` that has an entry in the official mapping, in id order."""
    return tuple(sorted(mapping_table()[version], key=id_sort_key))


@lru_cache(maxsize=2048)
def _map(version: AsvsVersion, req_id: str) -> MappingResult:
    target_version = OTHER_VERSION[version]
    entry = mapping_table()[version].get(req_id)
    if entry is None:
        return MappingResult(version=version, id=req_id, target_version=target_version, found=False)
    relations: list[str] = []
    links: list[MappingLink] = []
    reason: str | None = None
    for word, ids in entry:
        if word in REASON_WORDS:
            reason = REASON_WORDS[word]
            continue
        relations.append(word)
        links.extend(MappingLink(relation=word, target=t) for t in ids)
    targets = tuple(dict.fromkeys(link.target for link in links))
    return MappingResult(
        version=version,
        id=req_id,
        target_version=target_version,
        found=True,
        relations=tuple(relations),
        links=tuple(links),
        targets=targets,
        reason=reason,
    )


def map_id(version: str | None, req_id: str) -> MappingResult:
    """Map an id in any accepted spelling; an explicit version prefix in `req_id` wins."""
    resolved_version, canonical = resolve_id(req_id, version)
    return _map(resolved_version, canonical)
