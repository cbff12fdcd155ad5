"""The bundled catalog against the official ASVS exports: ids, levels, CWE, and example syntax."""

from __future__ import annotations

import ast

import pytest
from refdata import cwe_ids, official_level, official_requirements, shared_file

from vsguard.catalog.loader import load_catalog
from vsguard.engine.parse import syntax_errors
from vsguard.models import ASVS_VERSIONS

CATALOG = load_catalog()


def _chapters(version: str) -> list[str]:
    return [c.id for c in CATALOG.chapters_for(version)]  # type: ignore[arg-type]


def _official(version: str) -> dict[str, dict]:
    return official_requirements(shared_file("asvs", f"asvs-{version}-en.flat.json"))


@pytest.mark.parametrize("version", ASVS_VERSIONS)
def test_every_official_id_present_and_no_extra(version: str) -> None:
    official = _official(version)
    ours = {r.id for r in CATALOG.for_version(version)}
    missing = sorted(set(official) - ours)
    extra = sorted(ours - set(official))
    print(f"ASVS {version}: {len(ours & set(official))}/{len(official)} official requirements covered")
    assert not extra, f"ids not in the official {version} export: {extra}"
    assert not missing, f"{len(missing)} official {version} ids missing, e.g. {missing[:10]}"


@pytest.mark.parametrize(
    ("version", "chapter"), [(v, c) for v in ASVS_VERSIONS for c in _chapters(v)] or [("5.0.0", "none")]
)
def test_chapter_matches_official(version: str, chapter: str) -> None:
    if chapter == "none":
        pytest.fail("catalog has no chapters")
    official = {k: v for k, v in _official(version).items() if v["chapter_id"] == chapter}
    ours = [r for r in CATALOG.for_version(version) if r.chapter_id == chapter]
    assert {r.id for r in ours} == set(official), "chapter ids differ from the official export"
    for req in ours:
        row = official[req.id]
        assert req.level == official_level(row), f"{req.id}: level {req.level} != official"
        assert req.chapter_name == row["chapter_name"], f"{req.id}: chapter name differs"
        assert req.section_name == row["section_name"], f"{req.id}: section name differs"
        if version == "4.0.3":
            published = tuple(int(c) for c in row["cwe"].split(",") if c.strip())
            assert req.cwe == published, f"{req.id}: CWE {req.cwe} != published {published}"
            published_nist = tuple(n.strip() for n in row["nist"].split(",") if n.strip())
            assert req.nist == published_nist, f"{req.id}: NIST {req.nist} != published {published_nist}"


def test_our_5_0_cwe_links_exist_in_cwe_4_14() -> None:
    known = cwe_ids(shared_file("cwe", "cwe-1000-research-view-v4.14.csv"))
    unknown = {(r.id, c) for r in CATALOG.for_version("5.0.0") for c in r.cwe if c not in known}
    assert not unknown, f"CWE ids not in CWE 4.14 research view: {sorted(unknown)}"


def test_text_is_our_own_words() -> None:
    """No summary may reproduce the official sentence (the official text is CC BY-SA)."""
    for version in ASVS_VERSIONS:
        official = _official(version)
        for req in CATALOG.for_version(version):
            text = official.get(req.id, {}).get("req_description", "").lower()
            for field in (req.summary, req.why, req.verify, req.guidance):
                assert field.lower()[:60] not in text, f"{version} {req.id}: copies official wording"


def test_every_example_parses() -> None:
    checked = 0
    for version in ASVS_VERSIONS:
        for req in CATALOG.for_version(version):
            for language, code in req.examples.items():
                if language == "python":
                    ast.parse(code, filename=f"{req.id}.py")
                errors = syntax_errors(code, language)
                assert not errors, f"{version} {req.id} {language} example: syntax error on lines {errors}"
                checked += 1
    print(f"{checked} secure examples parse")
