"""A malformed data file fails loudly, naming the file, the entry and the field."""

from __future__ import annotations

import pytest

from vsguard.catalog.loader import CatalogError, parse_chapter_file
from vsguard.rules.loader import RuleError, parse_rule_file

CHAPTER = """\
version: "5.0.0"
chapter: {id: V6, name: Authentication}
sections: {V6.2: Password Security}
requirements:
  - id: V6.2.1
    level: 1
    summary: Passwords must be at least eight characters long.
    why: Short passwords fall quickly to guessing attacks.
    verify: Try a seven-character password through every flow.
    guidance: Enforce the minimum in one shared server-side validator.
    tags: [authentication, passwords]
"""


def test_good_chapter_file_parses() -> None:
    parsed = parse_chapter_file(CHAPTER, "asvs-5.0.0/V06.yaml", "5.0.0")
    assert parsed.requirements[0].id == "V6.2.1"


@pytest.mark.parametrize(
    ("edit", "needle"),
    [
        (("level: 1", "level: 7"), "requirement V6.2.1: field level"),
        (("tags: [authentication, passwords]", "tags: [authentication, astrology]"), "field tags"),
        (("summary: Passwords must", "summary: Short\n    x: Passwords must"), "requirement V6.2.1"),
        (("id: V6.2.1", "id: V7.1.1"), "requirement V7.1.1: field id"),
        (('version: "5.0.0"', 'version: "4.0.3"'), "does not match folder"),
        (("requirements:", "requirements: [\n"), "not valid YAML"),
    ],
)
def test_bad_chapter_file_names_file_requirement_and_field(edit: tuple[str, str], needle: str) -> None:
    with pytest.raises(CatalogError) as exc:
        parse_chapter_file(CHAPTER.replace(*edit, 1), "asvs-5.0.0/V06.yaml", "5.0.0")
    assert str(exc.value).startswith("asvs-5.0.0/V06.yaml: ")
    assert needle in str(exc.value)


RULE = """\
language: python
rules:
  - id: py-example-rule
    title: Example rule
    vulnerability_class: code_injection
    severity: high
    confidence: high
    cwe: [95]
    asvs: [V1.3.2]
    message: A message long enough to pass.
    remediation: A remediation long enough.
    match:
      rule: {pattern: eval($X)}
"""


def test_good_rule_file_parses() -> None:
    assert parse_rule_file(RULE, "python/x.yaml")[0].id == "py-example-rule"


@pytest.mark.parametrize(
    ("edit", "needle"),
    [
        (("severity: high", "severity: dire"), "rule py-example-rule: field severity"),
        (("asvs: [V1.3.2]", "asvs: [1.3.2]"), "rule py-example-rule: field asvs"),
        (("cwe: [95]", "cwe: []"), "rule py-example-rule: field cwe"),
        (("id: py-example-rule", "id: Py_Example"), "field id"),
        (
            ("      rule: {pattern: eval($X)}", "      nothing: here"),
            "rule py-example-rule: field match.nothing: unknown key (missing: rule)",
        ),
    ],
)
def test_bad_rule_file_names_file_rule_and_field(edit: tuple[str, str], needle: str) -> None:
    with pytest.raises(RuleError) as exc:
        parse_rule_file(RULE.replace(*edit, 1), "python/x.yaml")
    assert str(exc.value).startswith("python/x.yaml: ")
    assert needle in str(exc.value)
