"""Markdown rendering of requirements: complete for one, compact and capped for lists."""

from __future__ import annotations

from catalog_fixtures import make_requirement

from vsguard.catalog.mapping import map_id
from vsguard.report.requirements import MAX_LIST_ITEMS, requirement_markdown, requirements_markdown

REQ = make_requirement(
    "V6.2.1",
    "User passwords must be at least 8 characters long; 15 is recommended.",
    tags=("authentication", "passwords"),
    cwe=(521,),
    section="Password Security",
    examples={"python": "MIN = 8\n", "javascript": "const MIN = 8;\n"},
)


def test_one_requirement_shows_the_facts_and_one_example() -> None:
    text = requirement_markdown(REQ, mapping=map_id("5.0.0", "V6.2.1"))
    assert text.startswith("### V6.2.1 — ASVS 5.0.0, L1")
    for part in ("Password Security", REQ.summary, "**Why:**", "**Verify:**", "**How:**", "CWE-521"):
        assert part in text
    assert "**ASVS 4.0.3:** V2.1.1" in text
    assert text.count("```") == 2 and "```python" in text  # python preferred when none asked
    assert "Official text" not in text


def test_requested_language_and_official_text() -> None:
    text = requirement_markdown(REQ, "Verify that the official sentence shows.", language="javascript")
    assert "```js\nconst MIN = 8;\n```" in text and "MIN = 8\n```" not in text.split("```js")[0]
    assert "> Verify that the official sentence shows." in text
    missing = requirement_markdown(REQ, language="go")
    assert "No go example" in missing and "```" not in missing


def test_list_is_compact_and_capped() -> None:
    many = [
        make_requirement(f"V6.2.{n}", f"Requirement number {n} says something.", tags=("passwords",))
        for n in range(1, 80)
    ]
    text = requirements_markdown(many, "Passwords")
    assert text.startswith("## Passwords")
    assert text.count("\n- **") == MAX_LIST_ITEMS
    assert f"{79 - MAX_LIST_ITEMS} more not shown" in text
    assert len(text) < 20_000
    assert "No matching requirements." in requirements_markdown([], "Nothing")
