"""Load the bundled ASVS catalog (package data) into typed, immutable requirements."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

from pydantic import ValidationError

from vsguard.catalog.schema import ChapterFile
from vsguard.models import ASVS_VERSIONS, AsvsVersion, Chapter, Requirement
from vsguard.records import field, record
from vsguard.yamlio import YAMLError, load_yaml


class CatalogError(ValueError):
    """A catalog file is malformed; the message names the file, requirement and field."""


@record(frozen=True)
class Catalog:
    requirements: dict[tuple[AsvsVersion, str], Requirement]
    chapters: dict[tuple[AsvsVersion, str], Chapter]
    sources: dict[tuple[AsvsVersion, str], str] = field(default_factory=dict)

    def get(self, version: AsvsVersion, req_id: str) -> Requirement | None:
        return self.requirements.get((version, req_id))

    def for_version(self, version: AsvsVersion) -> list[Requirement]:
        reqs = [r for (v, _), r in self.requirements.items() if v == version]
        return sorted(reqs, key=lambda r: id_sort_key(r.id))

    def chapters_for(self, version: AsvsVersion) -> list[Chapter]:
        chs = [c for (v, _), c in self.chapters.items() if v == version]
        return sorted(chs, key=lambda c: id_sort_key(c.id))


def id_sort_key(req_id: str) -> tuple[int, ...]:
    return tuple(int(p) for p in req_id.lstrip("Vv").split(".") if p.isdigit())


def _data_dir(version: AsvsVersion) -> Traversable:
    return resources.files("vsguard.catalog").joinpath("data", f"asvs-{version}")


def _field_path(loc: Iterable[object], raw: dict[str, Any]) -> tuple[str, str]:
    """Turn a pydantic error location into (requirement id, field) for the message."""
    parts = list(loc)
    if len(parts) >= 2 and parts[0] == "requirements" and isinstance(parts[1], int):
        reqs = raw.get("requirements") or []
        rid = reqs[parts[1]].get("id", f"#{parts[1]}") if parts[1] < len(reqs) else f"#{parts[1]}"
        return str(rid), ".".join(str(p) for p in parts[2:]) or "(entry)"
    return "-", ".".join(str(p) for p in parts)


def parse_chapter_file(text: str, name: str, version: AsvsVersion) -> ChapterFile:
    try:
        raw = load_yaml(text)
    except YAMLError as exc:
        raise CatalogError(f"{name}: not valid YAML: {exc}") from exc
    if not isinstance(raw, dict):
        raise CatalogError(f"{name}: expected a mapping at top level")
    try:
        parsed = ChapterFile.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        rid, fld = _field_path(err["loc"], raw)
        raise CatalogError(f"{name}: requirement {rid}: field {fld}: {err['msg']}") from exc
    if parsed.version != version:
        raise CatalogError(f"{name}: version {parsed.version!r} does not match folder {version!r}")
    chap = parsed.chapter.id
    for entry in parsed.requirements:
        section = entry.id.rsplit(".", 1)[0]
        if not entry.id.startswith(chap + "."):
            raise CatalogError(f"{name}: requirement {entry.id}: field id: not in chapter {chap}")
        if section not in parsed.sections:
            raise CatalogError(f"{name}: requirement {entry.id}: field id: section {section} not declared")
    return parsed


def _requirements_from(parsed: ChapterFile, version: AsvsVersion) -> list[Requirement]:
    return [
        Requirement(
            id=e.id,
            version=version,
            chapter_id=parsed.chapter.id,
            chapter_name=parsed.chapter.name,
            section_id=e.id.rsplit(".", 1)[0],
            section_name=parsed.sections[e.id.rsplit(".", 1)[0]],
            level=e.level,
            summary=e.summary.strip(),
            why=e.why.strip(),
            verify=e.verify.strip(),
            guidance=e.guidance.strip(),
            tags=tuple(e.tags),
            cwe=tuple(e.cwe),
            nist=tuple(e.nist),
            examples={k: v.rstrip() + "\n" for k, v in e.examples.items()},
        )
        for e in parsed.requirements
    ]


@cache
def load_catalog() -> Catalog:
    """Load every bundled chapter file of every version. Cached: the data is immutable."""
    requirements: dict[tuple[AsvsVersion, str], Requirement] = {}
    chapters: dict[tuple[AsvsVersion, str], Chapter] = {}
    sources: dict[tuple[AsvsVersion, str], str] = {}
    for version in ASVS_VERSIONS:
        folder = _data_dir(version)
        if not folder.is_dir():
            continue
        for item in sorted(folder.iterdir(), key=lambda t: t.name):
            if not item.name.endswith(".yaml"):
                continue
            name = f"asvs-{version}/{item.name}"
            parsed = parse_chapter_file(item.read_text(encoding="utf-8"), name, version)
            reqs = _requirements_from(parsed, version)
            for req in reqs:
                key = (version, req.id)
                if key in requirements:
                    raise CatalogError(f"{name}: requirement {req.id}: duplicate (also in {sources[key]})")
                requirements[key] = req
                sources[key] = name
            chapters[(version, parsed.chapter.id)] = Chapter(
                id=parsed.chapter.id,
                name=parsed.chapter.name,
                version=version,
                sections=dict(parsed.sections),
                requirement_count=len(reqs),
            )
    return Catalog(requirements=requirements, chapters=chapters, sources=sources)
