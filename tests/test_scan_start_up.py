"""A one-file scan starts fast: it imports neither the fixer, nor the ASVS catalog and its models,
nor the MCP SDK, and the plain tables it uses instead agree with what they stand for."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from vsguard.catalog import links
from vsguard.catalog.mapping import map_id, mapped_ids
from vsguard.engine.fixable import has_fix
from vsguard.engine.languages import GRAMMARS
from vsguard.fixes.registry import registered, strategy_for_rule
from vsguard.models import ASVS_VERSIONS
from vsguard.rules.loader import rules_for
from vsguard.yamlio import load_yaml

ROOT = Path(__file__).resolve().parents[1]

_PROBE = """
import json, sys
from vsguard.cli import main
try:
    main(["scan", sys.argv[1]])
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def test_one_file_scan_leaves_the_fixer_catalog_and_mcp_unimported() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, str(ROOT / "examples" / "vulnerable" / "app.py")],
        capture_output=True,
        text=True,
        check=True,
    )
    modules = set(json.loads(done.stderr.strip().splitlines()[-1]))
    assert "vsguard.engine.scanner" in modules  # it did scan (the analysis itself runs in a worker)
    unwanted = {
        "vsguard.fixes",
        "vsguard.catalog.loader",
        "vsguard.catalog.mapping",
        "mcp",
    }
    assert not unwanted & modules, unwanted & modules


def test_fixable_marks_exactly_the_rules_the_fixer_can_rewrite() -> None:
    assert registered()  # the registry is loaded, so strategy_for_rule sees every strategy
    for language in [*GRAMMARS, "generic"]:
        for rule in rules_for(language):
            assert has_fix(rule) == (strategy_for_rule(rule) is not None), rule.id


def test_plain_mapping_lookup_agrees_with_the_mapping_models() -> None:
    for version in ASVS_VERSIONS:
        for req_id in mapped_ids(version):
            expected = map_id(version, req_id).targets
            assert links.targets(version, req_id) == expected, (version, req_id)


def test_mapping_file_read_line_by_line_equals_the_yaml_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    text = (ROOT / "src" / "vsguard" / "catalog" / "data" / "mapping.yaml").read_text(encoding="utf-8")
    expected = load_yaml(text)
    with monkeypatch.context() as patch:
        patch.setattr(links, "load_yaml", None)  # the generated file never needs the YAML loader
        assert links.read_mapping(text) == expected
    odd = text.replace("\n  V1.1.1: [", "\n  V1.1.1:   [", 1)  # not the generated shape
    assert links.read_mapping(odd) == load_yaml(odd)
