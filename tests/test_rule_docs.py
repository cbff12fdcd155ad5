"""Rule documentation: `vsguard rules show`, the MCP resource and SARIF help, from the rule files;
every bundled example is proven: the rule reports the vulnerable one and not the fixed one."""

from __future__ import annotations

import json
import re
from collections import Counter
from typing import Any

import pytest
from mcp import Client
from mcp.shared.exceptions import MCPError
from mcp_helpers import run

from vsguard.catalog.links import asvs4_for
from vsguard.cli import main
from vsguard.engine.scanner import scan_text
from vsguard.models import Rule
from vsguard.report.rule_doc import fix_trial, rule_doc, rule_doc_data
from vsguard.rules.examples import rule_examples
from vsguard.rules.loader import RuleError, load_rules, parse_rule_file

# Rules whose flagged example the fixer rewrites and proves (verified or needs_review); the
# number may only grow.
PROVEN_ON_EXAMPLE_FLOOR = 285

_WITH_EXAMPLES = [r for r in load_rules() if rule_examples(r) is not None]


def _fires(rule: Rule, code: str) -> list[int]:
    language = None if rule.language == "generic" else rule.language
    result = scan_text(code, language, rule_ids=[rule.id])
    return [f.location.start_line for f in result.findings if f.rule_id == rule.id and not f.suppressed]


@pytest.mark.parametrize("rule", _WITH_EXAMPLES, ids=lambda r: r.id)
def test_the_vulnerable_example_fires_and_the_fixed_one_does_not(rule: Rule) -> None:
    examples = rule_examples(rule)
    assert examples is not None
    assert _fires(rule, examples.vulnerable), f"{rule.id}: the vulnerable example is not reported"
    assert not _fires(rule, examples.fixed), f"{rule.id}: the fixed example is still reported"


def test_every_rule_has_examples() -> None:
    missing = sorted(r.id for r in load_rules() if rule_examples(r) is None)
    assert not missing, f"rules without a flagged and a fixed example: {missing}"


def test_the_fixer_on_each_flagged_example_gives_a_status_and_never_a_failed_rewrite() -> None:
    statuses: Counter[str] = Counter()
    for rule in _WITH_EXAMPLES:
        trial = fix_trial(rule)
        if rule.fix is None or rule.language == "generic":
            assert trial is None, rule.id
            continue
        found = re.match(r"On the flagged example: status `(\w+)`", trial or "")
        assert found, f"{rule.id}: {trial}"
        statuses[found.group(1)] += 1
    print(f"\nfix statuses on the flagged examples: {dict(statuses)}")
    assert statuses["unverified"] == 0
    assert statuses["verified"] + statuses["needs_review"] >= PROVEN_ON_EXAMPLE_FLOOR


@pytest.mark.parametrize("rule", load_rules(), ids=lambda r: r.id)
def test_every_rule_has_a_doc_with_its_facts(rule: Rule) -> None:
    doc = rule_doc(rule)
    assert doc.startswith(f"# {rule.id}: {rule.title}\n")
    assert rule.message in doc and rule.remediation in doc
    assert all(f"CWE-{c}" in doc for c in rule.cwe) and all(a in doc for a in rule.asvs)
    assert all(a in doc for a in asvs4_for(rule.asvs))
    assert f"vsguard: ignore[{rule.id}]" in doc
    assert ("Available (strategy" in doc) == (rule.fix is not None)
    examples = rule_examples(rule)
    if examples is not None:
        assert examples.vulnerable.rstrip() in doc and examples.fixed.rstrip() in doc
    else:
        assert "No example is bundled with this rule" in doc


def test_cli_show_prints_the_doc_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    rule = next(r for r in load_rules() if r.id == "py-sql-injection")
    assert main(["rules", "show", "py-sql-injection"]) == 0
    assert capsys.readouterr().out == rule_doc(rule, try_fix=True)
    assert main(["rules", "show", "py-sql-injection", "-f", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data == rule_doc_data(rule, try_fix=True) and data["cwe"] == ["CWE-89"] and data["fix_strategy"]


def test_cli_show_unknown_rule_suggests_close_ids(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "show", "py-sql-injecton"]) == 2
    err = capsys.readouterr().err
    assert "unknown rule id 'py-sql-injecton'; did you mean py-sql-injection" in err
    assert main(["rules", "show", "zz-nothing-like-it"]) == 2
    assert "`vsguard rules` lists them" in capsys.readouterr().err


def test_mcp_rule_resource_is_the_same_markdown() -> None:
    rule = next(r for r in load_rules() if r.id == "js-eval")

    async def body(client: Client) -> Any:
        listed = {str(r.uri) for r in (await client.list_resources()).resources}
        templates = {t.uri_template for t in (await client.list_resource_templates()).resource_templates}
        page = await client.read_resource("vsguard://rules/js-eval")
        index = await client.read_resource("vsguard://rules")
        try:
            await client.read_resource("vsguard://rules/js-evl")
            missing = "no error"
        except MCPError as exc:
            missing = str(exc)
        return listed, templates, page.contents[0].text, index.contents[0].text, missing

    listed, templates, page, index, missing = run(body)
    assert "vsguard://rules" in listed and "vsguard://rules/{rule_id}" in templates
    assert page == rule_doc(rule, try_fix=True)
    assert all(f"`{r.id}`" in index for r in load_rules())
    assert "unknown rule id 'js-evl'; did you mean js-eval" in missing


_BASE = """\
language: python
rules:
  - id: py-example-rule
    vulnerability_class: code_injection
    cwe: [95]
    title: Example rule
    severity: high
    confidence: high
    asvs: [V1.3.2]
    message: A message long enough to pass.
    remediation: A remediation long enough.
    match:
      rule: {pattern: eval($X)}
"""


def test_examples_are_strictly_typed() -> None:
    good = _BASE + "    examples: {vulnerable: 'eval(x)', fixed: 'int(x)'}\n"
    assert parse_rule_file(good, "python/x.yaml")
    with pytest.raises(RuleError, match=r"rule py-example-rule: field examples.fixd: unknown key"):
        parse_rule_file(_BASE + "    examples: {vulnerable: 'eval(x)', fixd: 'int(x)'}\n", "python/x.yaml")
    with pytest.raises(RuleError, match=r"field examples.fixed"):
        parse_rule_file(_BASE + "    examples: {vulnerable: 'eval(x)'}\n", "python/x.yaml")


def test_sarif_help_markdown_is_the_rule_doc_and_validates() -> None:
    from sarif_schema import validate_sarif

    from vsguard.report.sarif import render_sarif

    code = "import hashlib\nsignature = hashlib.sha1(payload).hexdigest()\n"
    result = scan_text(code, "python", path="app.py")
    log = json.loads(render_sarif(result))
    validate_sarif(log)
    [descriptor] = log["runs"][0]["tool"]["driver"]["rules"]
    rule = next(r for r in load_rules() if r.id == "py-weak-hash")
    assert descriptor["id"] == rule.id and descriptor["help"]["markdown"] == rule_doc(rule)
    markdown = descriptor["help"]["markdown"]
    assert "## Example" in markdown and "hashlib.sha256" in markdown


def test_cli_rule_list_as_text_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "--language", "go"]) == 0
    text = capsys.readouterr().out
    go = [r for r in load_rules() if r.language == "go"]
    assert text.endswith(f"{len(go)} rule(s)\n") and all(r.id in text for r in go)
    assert main(["rules", "--language", "go", "-f", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [item["id"] for item in listed] == [r.id for r in go]
    assert all(item["language"] == "go" and item["cwe"] for item in listed)
