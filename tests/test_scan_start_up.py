"""A one-file scan starts fast: it imports neither the fixer, nor the ASVS catalog and its models,
nor the MCP SDK, nor pydantic (bundled rules are proven valid ahead, see rules/checked.py), and
the plain tables it uses instead agree with what they stand for."""

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
    code = main(sys.argv[1:])
except SystemExit:
    code = None
print(json.dumps([code, sorted(sys.modules)]), file=sys.stderr)
"""

_UNWANTED = {"vsguard.fixes", "vsguard.catalog.loader", "vsguard.catalog.mapping", "mcp", "pydantic"}


def _modules_after(args: list[str], stdin: str = "") -> tuple[int | None, set[str]]:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, *args], input=stdin, capture_output=True, text=True, check=True
    )
    code, modules = json.loads(done.stderr.strip().splitlines()[-1])
    return code, set(modules)


def test_one_file_scan_leaves_the_fixer_catalog_mcp_and_pydantic_unimported() -> None:
    for example in ("app.py", "server.js"):
        code, modules = _modules_after(["scan", str(ROOT / "examples" / "vulnerable" / example)])
        assert code == 1  # it found the example's flaws (the analysis itself runs in a worker)
        assert "vsguard.engine.scanner" in modules
        assert not _UNWANTED & modules, (example, _UNWANTED & modules)


def test_hook_on_an_edit_leaves_the_fixer_catalog_mcp_and_pydantic_unimported(tmp_path: Path) -> None:
    target = tmp_path / "app.py"
    code_text = "import os\n\ndef run(cmd):\n    os.system('ls ' + cmd)\n"
    target.write_text(code_text, encoding="utf-8")
    payload = json.dumps({"path": str(target), "content": code_text, "cwd": str(tmp_path)})
    code, modules = _modules_after(["hook", "--stdin-json"], payload)
    assert code == 2  # the edit brought a finding: the hook did scan
    assert "vsguard.engine.scanner" in modules
    assert not _UNWANTED & modules, _UNWANTED & modules


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
