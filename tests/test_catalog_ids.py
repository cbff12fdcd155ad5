"""Id parsing: every spelling an agent or the original VSGuard may use resolves to one canonical id."""

from __future__ import annotations

import pytest

from vsguard.catalog.ids import key_for, normalize_version, resolve_chapter_id, resolve_id


@pytest.mark.parametrize(
    ("text", "version", "expected"),
    [
        ("6.2.1", None, ("5.0.0", "V6.2.1")),
        ("V6.2.1", None, ("5.0.0", "V6.2.1")),
        ("v6.2.1", None, ("5.0.0", "V6.2.1")),
        (" V06.02.01 ", None, ("5.0.0", "V6.2.1")),
        ("2.1.1", "4.0.3", ("4.0.3", "V2.1.1")),
        ("V2.1.1", "4", ("4.0.3", "V2.1.1")),
        ("v4.0.3-2.1.1", None, ("4.0.3", "V2.1.1")),
        ("v4.0.3-V2.1.1", None, ("4.0.3", "V2.1.1")),
        ("v5.0.0-6.2.1", None, ("5.0.0", "V6.2.1")),
        ("4.0.3:2.1.1", None, ("4.0.3", "V2.1.1")),
        ("ASVS 5.0.0 V6.2.1", None, ("5.0.0", "V6.2.1")),
        ("asvs://4.0.3/V2.1.1", None, ("4.0.3", "V2.1.1")),
    ],
)
def test_resolve_id_spellings(text: str, version: str | None, expected: tuple[str, str]) -> None:
    assert resolve_id(text, version) == expected


def test_explicit_prefix_wins_over_version_argument() -> None:
    assert resolve_id("v5.0.0-6.2.1", "4.0.3") == ("5.0.0", "V6.2.1")
    assert resolve_id("v4.0.3-2.1.1", "5.0.0") == ("4.0.3", "V2.1.1")


@pytest.mark.parametrize(
    "junk", ["", "junk", "6.2", "V6", "6.2.1.4", "v9.9.9-1.1.1", "V6.2.1; drop", "1.1.1x"]
)
def test_resolve_id_rejects_junk_clearly(junk: str) -> None:
    with pytest.raises(ValueError, match=r"ASVS|version"):
        resolve_id(junk)


def test_unknown_version_argument_is_rejected() -> None:
    with pytest.raises(ValueError, match=r"unknown ASVS version '3\.0'"):
        resolve_id("1.1.1", "3.0")


def test_normalize_version() -> None:
    assert normalize_version(None) == "5.0.0"
    assert normalize_version("v4.0.3") == "4.0.3"
    assert normalize_version("4.0") == "4.0.3"
    assert normalize_version("5") == "5.0.0"


def test_chapter_and_section_ids() -> None:
    assert resolve_chapter_id("6") == ("5.0.0", "V6")
    assert resolve_chapter_id("V6.2") == ("5.0.0", "V6.2")
    assert resolve_chapter_id("v4.0.3-V2") == ("4.0.3", "V2")
    with pytest.raises(ValueError):
        resolve_chapter_id("6.2.1")


def test_key_for_matches_official_spelling() -> None:
    assert key_for("4.0.3", "V2.1.1") == "v4.0.3-2.1.1"
