"""Parse the many ways people and tools write ASVS ids into one canonical (version, "V6.2.1") form.

Accepted: `6.2.1`, `V6.2.1`, `v4.0.3-2.1.1`, `v5.0.0-V6.2.1`, `4.0.3:2.1.1`, `ASVS 5.0.0 V6.2.1`,
`asvs://4.0.3/V2.1.1`. An explicit version in the text wins over the `version` argument, which wins
over the default (5.0.0, the current standard).
"""

from __future__ import annotations

import re

from vsguard.models import ASVS_VERSIONS, AsvsVersion

DEFAULT_VERSION: AsvsVersion = "5.0.0"

# Short spellings people use for the two versions.
_VERSION_ALIASES: dict[str, AsvsVersion] = {
    "5": "5.0.0",
    "5.0": "5.0.0",
    "5.0.0": "5.0.0",
    "4": "4.0.3",
    "4.0": "4.0.3",
    "4.0.3": "4.0.3",
}

_PREFIX = r"(?:asvs[\s:/_-]*)?(?:v?(?P<version>\d(?:\.\d){0,2})\s*(?:[-:/]|\s)\s*)?"
_REQ = re.compile(rf"^{_PREFIX}v?(?P<id>\d{{1,2}}\.\d{{1,2}}\.\d{{1,2}})$", re.IGNORECASE)
_CHAPTER = re.compile(rf"^{_PREFIX}v?(?P<id>\d{{1,2}}(?:\.\d{{1,2}})?)$", re.IGNORECASE)


def normalize_version(text: str | None) -> AsvsVersion:
    """`"4"`, `"v4.0.3"`, `"4.0"` -> `"4.0.3"`; None -> the default version."""
    if text is None or not str(text).strip():
        return DEFAULT_VERSION
    key = str(text).strip().lower().removeprefix("asvs").strip().removeprefix("v")
    try:
        return _VERSION_ALIASES[key]
    except KeyError:
        raise ValueError(f"unknown ASVS version {text!r}; use one of {', '.join(ASVS_VERSIONS)}") from None


def _clean(text: str) -> str:
    cleaned = str(text).strip()
    if cleaned.lower().startswith("asvs://"):
        cleaned = cleaned[len("asvs://") :]
    return cleaned


def _split(pattern: re.Pattern[str], text: str, version: str | None, what: str) -> tuple[AsvsVersion, str]:
    match = pattern.match(_clean(text))
    if not match:
        raise ValueError(
            f"{text!r} is not an ASVS {what} id; write it like 6.2.1, V6.2.1, v4.0.3-2.1.1 or v5.0.0-6.2.1"
        )
    explicit = match.group("version")
    resolved = normalize_version(explicit) if explicit else normalize_version(version)
    # Drop leading zeros so "V06.02.01" and "V6.2.1" name the same requirement.
    canonical = "V" + ".".join(str(int(p)) for p in match.group("id").split("."))
    return resolved, canonical


def resolve_id(text: str, version: str | None = None) -> tuple[AsvsVersion, str]:
    """Requirement id in any accepted spelling -> (version, "V6.2.1"). ValueError on anything else."""
    return _split(_REQ, text, version, "requirement")


def resolve_chapter_id(text: str, version: str | None = None) -> tuple[AsvsVersion, str]:
    """Chapter or section id (`6`, `V6`, `v4.0.3-V2.1` -> section) -> (version, "V6" / "V2.1")."""
    return _split(_CHAPTER, text, version, "chapter")


def key_for(version: str, req_id: str) -> str:
    """The official mapping files' spelling: ("4.0.3", "V2.1.1") -> "v4.0.3-2.1.1"."""
    return f"v{version}-{req_id.removeprefix('V')}"
