"""requirements_for: the topic picks tags, the level filters, context and language rank."""

from __future__ import annotations

import pytest
from catalog_fixtures import SYNTHETIC, make_requirement

from vsguard.catalog.loader import load_catalog
from vsguard.catalog.query import (
    CODE_TYPES,
    FIRST_PAGE,
    examples_for,
    normalize_code_type,
    requirements_for,
)
from vsguard.catalog.schema import TAGS
from vsguard.catalog.search import SearchIndex
from vsguard.models import Requirement

INDEX = SearchIndex(SYNTHETIC)
REQUIRED_CODE_TYPES = {
    "authentication",
    "session_management",
    "access_control",
    "input_validation",
    "cryptography",
    "error_handling",
    "data_protection",
    "communication",
    "malicious_code",
    "file_handling",
    "api",
    "oauth_oidc",
    "tokens_jwt",
    "web_frontend",
    "configuration",
    "logging",
    "business_logic",
    "llm",
}


def _ids(code_type: str, **kwargs: object) -> list[str]:
    return [r.id for r in requirements_for(code_type, index=INDEX, **kwargs)]  # type: ignore[arg-type]


def test_code_types_cover_the_required_topics_with_known_tags() -> None:
    assert set(CODE_TYPES) >= REQUIRED_CODE_TYPES
    for name, tags in CODE_TYPES.items():
        assert tags and set(tags) <= TAGS, name
        assert tags[0] == name or name in ("input_validation",) or tags[0] in TAGS


def test_unknown_code_type_lists_the_valid_ones() -> None:
    with pytest.raises(ValueError) as err:
        requirements_for("blockchain")
    assert "unknown code_type 'blockchain'" in str(err.value)
    assert "authentication" in str(err.value) and "session_management" in str(err.value)


def test_code_type_spelling_is_forgiving() -> None:
    assert normalize_code_type("Session Management") == "session_management"
    assert normalize_code_type("session-management") == "session_management"


def test_topic_selects_by_tag_and_version() -> None:
    assert set(_ids("authentication")) == {"V6.2.1", "V6.2.9", "V6.3.1", "V7.2.4"}
    assert _ids("authentication", version="4.0.3") == ["V2.1.1"]
    assert set(_ids("tokens_jwt")) == {"V9.1.1", "V9.2.1"}


def test_level_keeps_that_level_and_below() -> None:
    assert set(_ids("authentication", level=1)) == {"V6.2.1", "V6.3.1"}
    assert "V6.2.9" in _ids("authentication", level=2)
    with pytest.raises(ValueError, match="level"):
        requirements_for("authentication", level=0)


def test_basic_level_one_requirements_come_first_without_context() -> None:
    ids = _ids("authentication")
    assert set(ids[:2]) == {"V6.2.1", "V6.3.1"}
    assert ids.index("V6.2.1") < ids.index("V6.2.9")


def test_context_moves_matching_requirements_up() -> None:
    assert _ids("authentication", context="remember-me login tokens")[0] == "V7.2.4"
    assert _ids("authentication", context="brute force credential stuffing")[0] == "V6.3.1"


def test_language_prefers_requirements_with_an_example() -> None:
    def twin(req_id: str, examples: dict[str, str] | None) -> Requirement:
        summary = "Default and shared accounts are disabled before go-live."
        return make_requirement(req_id, summary, tags=("access_control",), level=1, examples=examples)

    index = SearchIndex([twin("V8.1.2", None), twin("V8.1.3", {"python": "ENABLED = False\n"})])
    plain = [r.id for r in requirements_for("access_control", index=index)]
    python = [r.id for r in requirements_for("access_control", index=index, language="python")]
    assert plain == ["V8.1.2", "V8.1.3"]
    assert python == ["V8.1.3", "V8.1.2"]


def test_limit() -> None:
    assert len(_ids("authentication", limit=2)) == 2


# --------------------------------------------------------------------------- the real catalog


def _need(version: str, chapter: str) -> None:
    if (version, chapter) not in load_catalog().chapters:
        pytest.skip(f"catalog chapter {chapter} of ASVS {version} is not written yet")


@pytest.mark.parametrize("level", [None, 1, 2, 3])
def test_real_authentication_always_includes_password_length(level: int | None) -> None:
    _need("5.0.0", "V6")
    assert "V6.2.1" in [r.id for r in requirements_for("authentication", level=level)]
    _need("4.0.3", "V2")
    assert "V2.1.1" in [r.id for r in requirements_for("authentication", level=level, version="4.0.3")]


@pytest.mark.parametrize(
    "context",
    ["Flask login form with remember-me", "session cookie after login", "WebAuthn passkeys and TOTP"],
)
def test_real_context_keeps_the_fundamentals(context: str) -> None:
    _need("5.0.0", "V6")
    for level in (1, 2, 3):
        reqs = requirements_for("authentication", context=context, level=level)
        assert "V6.2.1" in [r.id for r in reqs] and len(reqs) <= 25
    _need("4.0.3", "V2")
    reqs = requirements_for("authentication", context=context, version="4.0.3")
    assert "V2.1.1" in [r.id for r in reqs]


def test_real_context_ranks_what_matters_first() -> None:
    _need("5.0.0", "V1")
    top = [
        r.id
        for r in requirements_for("input_validation", context="raw SQL query built from request", limit=3)
    ]
    assert "V1.2.4" in top


def test_every_code_type_answers_on_the_real_catalog() -> None:
    for code_type in CODE_TYPES:
        reqs = requirements_for(code_type, level=3)
        assert all(r.version == "5.0.0" and r.level is not None for r in reqs)


def test_four_oh_three_requirement_borrows_examples_of_its_successor() -> None:
    catalog = load_catalog()
    bare = [r for r in catalog.for_version("4.0.3") if not r.examples]
    if not bare:
        pytest.skip("every 4.0.3 requirement has examples of its own")
    borrowed = [r for r in bare if examples_for(r)]
    for req in borrowed:
        assert set(examples_for(req)) <= {lang for c in catalog.for_version("5.0.0") for lang in c.examples}


@pytest.mark.parametrize(
    ("code_type", "context"),
    [
        ("authentication", None),
        ("authentication", "Flask login and sign-up with password"),
        ("authentication", "session cookie after login"),
        ("authentication", "WebAuthn passkeys and TOTP"),
        ("session_management", "session cookie after login"),
        ("api", "sign-up endpoint that stores the password"),
    ],
)
def test_real_login_answer_puts_password_storage_on_the_first_page(code_type: str, context: str) -> None:
    """ASVS 5.0.0 files password hashing (V11.4) under cryptography; a login or sign-up needs it all
    the same, whether asked for as authentication or named in the context of another topic."""
    _need("5.0.0", "V11")
    first = [r.id for r in requirements_for(code_type, context=context)][:FIRST_PAGE]
    assert "V11.4.2" in first, first


def test_first_page_is_not_one_section_listed_rule_by_rule() -> None:
    _need("5.0.0", "V6")
    for code_type in ("authentication", "session_management", "input_validation"):
        first = [r.section_id for r in requirements_for(code_type)[:FIRST_PAGE]]
        assert max(first.count(s) for s in first) <= 3, (code_type, first)
