"""The data-file YAML reader gives exactly what PyYAML's safe loader gives."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from vsguard.yamlio import YAMLError, load_yaml

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "vsguard"


def test_every_bundled_data_file_reads_as_the_safe_loader_reads_it() -> None:
    files = sorted(PACKAGE.rglob("*.yaml"))
    assert len(files) > 40
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert load_yaml(text) == yaml.safe_load(text), path


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\nb: [true, null, 1.5, '2', 0x10]\nc: {d: e}\n",
        "base: &b {x: 1, y: two}\nuse:\n  <<: *b\n  y: three\n",
        "list: &l [1, 2]\nagain: *l\n",
        "when: 2024-01-02\nraw: !!str 123\nset: !!set {a, b}\n",
        "dup: 1\ndup: 2\n",
        "",
        "just text",
    ],
)
def test_tags_merge_keys_and_aliases_read_as_the_safe_loader_reads_them(text: str) -> None:
    assert load_yaml(text) == yaml.safe_load(text)


@pytest.mark.parametrize("text", ["a: &x\n  b: *x\n", "? [a, b]\n: list as a key\n"])
def test_recursive_aliases_and_unhashable_keys_are_errors(text: str) -> None:
    with pytest.raises(YAMLError):
        load_yaml(text)
