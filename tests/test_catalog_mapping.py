"""The packaged mapping says exactly what the official OWASP mapping files say, for every id."""

from __future__ import annotations

import importlib.util
import re
from importlib import resources

import pytest
import yaml
from refdata import PROJECT_ROOT, official_requirements, shared_file

from vsguard.catalog.mapping import LINK_WORDS, MappingResult, asvs4_for, asvs5_for, map_id, mapped_ids

OFFICIAL = {
    "4.0.3": ("mapping_v4.0.3_to_v5.0.0.yml", "tag-v5.0.0"),
    "5.0.0": ("mapping_v5.0.0_to_v4.0.3.yml", "tag-v4.0.3"),
}
# Our relation words back in the official phrasing.
PHRASE = {
    "moved_to": "MOVED TO",
    "merged_to": "MERGED TO",
    "split_to": "SPLIT TO",
    "covered_by": "COVERED BY",
    "deprecated_by": "DEPRECATED BY",
    "moved_from": "MOVED FROM",
    "merged_from": "MERGED FROM",
    "split_from": "SPLIT FROM",
    "covers": "COVERS",
    "deprecates": "DEPRECATES",
    "deleted": "DELETED",
    "added": "ADDED",
    "modified": "MODIFIED",
    "grammar": "GRAMMAR",
}
REASON = {
    "not in scope": "NOT IN SCOPE",
    "insufficient impact": "INSUFFICIENT IMPACT",
    "not practical": "NOT PRACTICAL",
    "incorrect": "INCORRECT",
}


def _official(version: str) -> dict[str, str]:
    name, key = OFFICIAL[version]
    raw = yaml.safe_load(shared_file("asvs", name).read_text(encoding="utf-8"))
    return {"V" + ref.split("-", 1)[1]: " ".join(value[key].split()) for ref, value in raw.items()}


def _as_official_phrase(result: MappingResult) -> str:
    """Rebuild the official sentence from the structured answer; equal text proves equal meaning."""
    other = result.target_version
    parts: list[str] = []
    for relation in result.relations:
        if relation in LINK_WORDS:
            ids = [f"v{other}-{link.target[1:]}" for link in result.links if link.relation == relation]
            parts.append(f"{PHRASE[relation]} {', '.join(ids)}")
        else:
            parts.append(PHRASE[relation])
        if relation == "deleted" and result.reason:
            parts.append(REASON[result.reason])
    return ", ".join(parts)


@pytest.mark.parametrize("version", ["4.0.3", "5.0.0"])
def test_every_official_entry_is_reproduced_exactly(version: str) -> None:
    official = _official(version)
    assert set(mapped_ids(version)) == set(official)  # type: ignore[arg-type]
    wrong = {
        req_id: (_as_official_phrase(map_id(version, req_id)), text)
        for req_id, text in official.items()
        if _as_official_phrase(map_id(version, req_id)) != text
    }
    assert not wrong, f"{len(wrong)} entries differ, e.g. {list(wrong.items())[:3]}"


@pytest.mark.parametrize("version", ["4.0.3", "5.0.0"])
def test_ids_without_official_entry_say_so(version: str) -> None:
    official = official_requirements(shared_file("asvs", f"asvs-{version}-en.flat.json"))
    unmapped = sorted(set(official) - set(mapped_ids(version)))  # type: ignore[arg-type]
    for req_id in unmapped:
        result = map_id(version, req_id)
        assert not result.found and not result.targets
        assert "no entry in the official" in result.summary


def test_both_directions_agree() -> None:
    for id_4 in mapped_ids("4.0.3"):
        for id_5 in map_id("4.0.3", id_4).targets:
            assert id_4 in map_id("5.0.0", id_5).targets, f"{id_4} -> {id_5} has no way back"


def test_packaged_file_is_what_the_script_generates() -> None:
    shared_file("asvs", "mapping_v4.0.3_to_v5.0.0.yml")
    spec = importlib.util.spec_from_file_location(
        "build_mapping", PROJECT_ROOT / "scripts" / "build_mapping.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    packaged = resources.files("vsguard.catalog").joinpath("data", "mapping.yaml").read_text(encoding="utf-8")
    assert module.build(shared_file("asvs")) == packaged


def test_packaged_file_holds_no_prose() -> None:
    text = resources.files("vsguard.catalog").joinpath("data", "mapping.yaml").read_text(encoding="utf-8")
    body = [line for line in text.splitlines() if not line.startswith("#")]
    for line in body:
        assert re.fullmatch(r'"\d\.\d\.\d":|  V[\d.]+: \[[a-z_ V\d.,]+\]', line), line


def test_known_examples() -> None:
    split = map_id("4.0.3", "V1.2.4")
    assert split.relations == ("modified", "moved_to", "split_to")
    assert split.targets == ("V6.1.3", "V6.3.4")
    deleted = map_id(None, "v4.0.3-1.1.1")
    assert deleted.deleted and deleted.reason == "not in scope" and deleted.targets == ()
    merged = map_id("4.0.3", "1.2.2")
    assert merged.relations == ("deleted", "merged_to") and merged.targets == ("V13.2.1",)
    back = map_id(None, "6.2.1")
    assert back.version == "5.0.0" and back.targets == ("V2.1.1",)
    added = map_id("5.0.0", "V6.1.2")
    assert added.relations == ("added",) and added.targets == ()


def test_asvs4_for_is_sorted_deduped_and_accepts_any_spelling() -> None:
    assert asvs4_for(["V6.2.1"]) == ("V2.1.1",)
    assert asvs4_for(["6.2.1", "v5.0.0-6.2.1", "V6.3.3"]) == ("V2.1.1", "V2.2.4", "V2.2.7", "V2.3.2")
    assert asvs4_for([]) == ()
    assert asvs4_for(["V6.1.2"]) == ()  # new in 5.0.0
    assert asvs5_for(["V1.5.1"]) == ("V2.1.1", "V2.1.2")


def test_asvs4_for_rejects_junk() -> None:
    with pytest.raises(ValueError):
        asvs4_for(["not-an-id"])
