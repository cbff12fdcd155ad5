"""What is derived ahead from the bundled data is current and equal to what deriving it at run
time gives: the files proven valid (rules/_proven/), read without YAML or the schema, and the
prefilter's table of regex words (engine/prefilter_words.json)."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from vsguard.engine.prefilter import (
    TABLE_NAME,
    derive_regex_anchors,
    derive_regex_requirements,
    regex_anchors,
    regex_requirements,
)
from vsguard.engine.prefilter_table import table_text
from vsguard.rules.checked import FOLDER, proven_data
from vsguard.rules.loader import RuleError, parse_rule_file, proven_files, rules_from_data
from vsguard.rules.taint_catalog import parse_taint_catalog
from vsguard.yamlio import load_yaml


def _rule_files() -> list[tuple[str, str]]:
    root = resources.files("vsguard.rules")
    return sorted(
        (f"{folder.name}/{item.name}", item.read_text(encoding="utf-8"))
        for folder in root.iterdir()
        if folder.is_dir() and not folder.name.startswith(("_", "."))
        for item in folder.iterdir()
        if item.name.endswith((".yaml", ".yml"))
    )


def _catalogs() -> list[tuple[str, str]]:
    taint = resources.files("vsguard.engine").joinpath("taint")
    return sorted(
        (f"engine/taint/{item.name}", item.read_text(encoding="utf-8"))
        for item in taint.iterdir()
        if item.name.startswith("catalog_") and item.name.endswith(".yaml")
    )


def test_the_proven_files_are_current_and_cover_every_bundled_file() -> None:
    folder = resources.files("vsguard.rules").joinpath(FOLDER)
    committed = {f.name: f.read_text(encoding="utf-8") for f in folder.iterdir() if f.name.endswith(".json")}
    assert committed == proven_files(), "out of date: run python scripts/build_checked_data.py"
    for name, text in [*_rule_files(), *_catalogs()]:
        assert proven_data(name, text) == load_yaml(text), name


def test_a_proven_rule_file_builds_what_the_schema_gives() -> None:
    for name, text in _rule_files():
        proven = proven_data(name, text)
        assert rules_from_data(proven, name, checked=True) == parse_rule_file(text, name), name


def test_a_proven_catalog_builds_what_the_schema_gives() -> None:
    catalogs = _catalogs()
    assert catalogs
    for name, text in catalogs:
        fast = parse_taint_catalog(proven_data(name, text), name, checked=True)
        assert fast == parse_taint_catalog(load_yaml(text), name), name


def test_other_content_is_parsed_and_checked() -> None:
    name, text = _rule_files()[0]
    assert proven_data(name, text) is not None
    edited = text.replace("severity:", "severty:", 1)
    assert proven_data(name, edited) is None  # so the loader puts it through the schema, which refuses it
    with pytest.raises(RuleError, match=f"{name}: rule .*: field .*severty.*unknown key"):
        parse_rule_file(edited, name)
    assert proven_data("python/other.yaml", text) is None  # listed only under its own name


def test_the_prefilter_word_table_is_current_and_what_the_parser_derives() -> None:
    table = resources.files("vsguard.engine").joinpath(TABLE_NAME).read_text(encoding="utf-8")
    assert table == table_text(), "out of date: run python scripts/build_checked_data.py"
    listed = json.loads(table)
    assert len(listed["anchors"]) > 50 and len(listed["requirements"]) > 100
    for pattern in listed["anchors"]:
        assert regex_anchors(pattern) == derive_regex_anchors(pattern), pattern
    for pattern in listed["requirements"]:
        assert regex_requirements(pattern) == derive_regex_requirements(pattern), pattern
    assert regex_anchors(r"\bnot_listed_anywhere\(") == frozenset({"not_listed_anywhere"})
