"""The list of bundled data files proven valid (rules/checked.sha256) is current, and a file read
through it gives exactly what the full schema gives."""

from __future__ import annotations

from importlib import resources

import pytest

from vsguard.rules import checked
from vsguard.rules.checked import LIST_NAME, digest, is_checked
from vsguard.rules.loader import RuleError, checked_list, parse_rule_file, rules_from_data
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


def test_the_list_names_every_bundled_file_as_it_is() -> None:
    listed = resources.files("vsguard.rules").joinpath(LIST_NAME).read_text(encoding="utf-8")
    assert listed == checked_list(), "out of date: run python scripts/build_checked_data.py"
    for name, text in [*_rule_files(), *_catalogs()]:
        assert is_checked(name, text), name


def test_a_listed_rule_file_builds_what_the_schema_gives() -> None:
    for name, text in _rule_files():
        raw = load_yaml(text)
        assert rules_from_data(load_yaml(text), name, checked=True) == rules_from_data(raw, name), name


def test_a_listed_catalog_builds_what_the_schema_gives() -> None:
    catalogs = _catalogs()
    assert catalogs
    for name, text in catalogs:
        fast = parse_taint_catalog(load_yaml(text), name, checked=True)
        assert fast == parse_taint_catalog(load_yaml(text), name), name


def test_other_content_is_not_taken_as_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    name, text = _rule_files()[0]
    assert is_checked(name, text)
    edited = text.replace("severity:", "severty:", 1)
    assert not is_checked(name, edited)  # so the loader puts it through the schema, which refuses it
    with pytest.raises(RuleError, match=f"{name}: rule .*: field .*severty.*unknown key"):
        parse_rule_file(edited, name)
    assert not is_checked("python/other.yaml", text)  # the digest counts only under its own name
    monkeypatch.setattr(checked, "_listed", lambda: frozenset())
    assert not is_checked(name, text)
    assert digest(text) in checked_list()
