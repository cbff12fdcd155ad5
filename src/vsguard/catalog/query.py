"""Requirements for a kind of code: the topic picks tags, the level filters, the context ranks.

`requirements_for("authentication", context="Flask login form with remember-me", level=1)` returns
the requirements an agent should keep in mind, most important first. Ranking blends how central the
topic is to the requirement (its tags), how basic it is (its level), and how well its text matches
the topic's core words and the caller's context (the same FTS5 index as search).
"""

from __future__ import annotations

import re

from vsguard.catalog.ids import normalize_version
from vsguard.catalog.loader import id_sort_key, load_catalog
from vsguard.catalog.mapping import asvs5_for
from vsguard.catalog.schema import TAGS
from vsguard.catalog.search import SearchIndex, get_index, parse_query
from vsguard.models import Requirement

# code_type -> catalog tags; the first tag is the topic itself, the rest are close neighbours.
CODE_TYPES: dict[str, tuple[str, ...]] = {
    "authentication": ("authentication", "passwords", "mfa"),
    "session_management": ("session_management", "cookies", "csrf"),
    "access_control": ("access_control",),
    "input_validation": (
        "input_validation",
        "injection",
        "output_encoding",
        "xss",
        "deserialization",
        "xml",
        "ssrf",
        "redirects",
    ),
    "injection": ("injection", "output_encoding", "input_validation", "xss"),
    "cryptography": ("cryptography", "randomness", "secrets"),
    "error_handling": ("error_handling", "logging"),
    "data_protection": ("data_protection", "privacy", "secrets"),
    "communication": ("communication", "tls"),
    "malicious_code": ("malicious_code", "dependencies", "build_deploy"),
    "file_handling": ("file_handling", "uploads"),
    "api": ("api", "graphql", "websocket", "rate_limiting"),
    "oauth_oidc": ("oauth_oidc", "tokens_jwt"),
    "tokens_jwt": ("tokens_jwt", "oauth_oidc"),
    "web_frontend": ("web_frontend", "headers", "xss", "cookies", "csrf", "redirects"),
    "configuration": ("configuration", "headers", "build_deploy", "dependencies", "secrets"),
    "logging": ("logging", "error_handling"),
    "business_logic": ("business_logic", "rate_limiting"),
    "secrets": ("secrets", "cryptography", "configuration"),
    "dependencies": ("dependencies", "malicious_code", "build_deploy"),
    "deserialization": ("deserialization", "xml", "input_validation"),
    "llm": ("llm",),
}

# The core words of each topic: with no context they lift the requirements everyone needs first
# (password length for authentication, parameterised queries for injection) by text, not by id.
_FOCUS: dict[str, str] = {
    "authentication": "password credential login",
    "session_management": "session token cookie logout",
    "access_control": "authorization permission deny",
    "input_validation": "validation untrusted input injection",
    "injection": "injection query parameterized",
    "cryptography": "encryption algorithm key random",
    "error_handling": "error exception message",
    "data_protection": "sensitive data",
    "communication": "tls certificate",
    "malicious_code": "malicious integrity",
    "file_handling": "file upload path",
    "api": "api request schema",
    "oauth_oidc": "oauth token client",
    "tokens_jwt": "token signature jwt",
    "web_frontend": "browser header content",
    "configuration": "configuration default debug",
    "logging": "log event",
    "business_logic": "business flow limit",
    "secrets": "secret key credential",
    "dependencies": "dependency component",
    "deserialization": "deserialization object",
    "llm": "llm prompt model",
}

# Sections another chapter holds that are part of a topic all the same, by ASVS version: ASVS 5.0.0
# files password storage (V11.4) under cryptography, yet no login or sign-up is secure without it.
# A requirement there that shares a tag with the topic counts as the topic's own.
_RELATED_SECTIONS: dict[str, dict[str, tuple[str, ...]]] = {
    "authentication": {"5.0.0": ("V11.4",)},
}

# Context that says the code signs people in: the login's borrowed sections join any topic.
_LOGIN_CONTEXT = re.compile(r"\b(?:log[ -]?in|sign[ -]?(?:up|in)|password|passphrase|credentials?)\b", re.I)

_LEVEL_WEIGHT = {1: 1.5, 2: 0.75, 3: 0.0}
# Each requirement already chosen from a section lowers the next one from it by this much, so that
# the first page covers the topic's sections instead of listing one section's rules one by one.
_SECTION_REPEAT_PENALTY = 0.5
# Context never pushes the topic's few most basic requirements off the first page of this size.
FIRST_PAGE = 10
DEFAULT_LIMIT = 25

assert all(set(tags) <= TAGS for tags in CODE_TYPES.values()), "CODE_TYPES names an unknown tag"


def normalize_code_type(code_type: str) -> str:
    """'Session Management', 'session-management' -> 'session_management'; ValueError lists valid ones."""
    key = re.sub(r"[\s-]+", "_", code_type.strip().lower())
    if key not in CODE_TYPES:
        raise ValueError(f"unknown code_type {code_type!r}; use one of: {', '.join(sorted(CODE_TYPES))}")
    return key


def _text_weights(index: SearchIndex, query: str, weight: float) -> dict[int, float]:
    """rowid -> up to `weight`: mostly the share of query words matched (squared, so matching all
    of them counts far more than matching one), partly the bm25 score relative to the best."""
    groups = len(parse_query(query))
    if not groups:
        return {}
    scored = index.score(query)
    best = max((value for _, value in scored.values()), default=0.0) or 1.0
    return {
        rowid: weight * (0.6 * (coverage / groups) ** 2 + 0.4 * max(value, 0.0) / best)
        for rowid, (coverage, value) in scored.items()
    }


def _tag_weight(req: Requirement, tags: tuple[str, ...], related: tuple[str, ...] = ()) -> float:
    if req.section_id in related:  # filed elsewhere, but part of this topic (see _RELATED_SECTIONS)
        return 3.0
    weight = 2.0 if tags[0] in req.tags else 0.5
    if req.tags and req.tags[0] in tags:  # the requirement is mainly about this topic
        weight += 1.0
    if set(req.tags) <= set(tags):  # and about nothing else
        weight += 0.5
    return weight


def _position_weight(req: Requirement) -> float:
    """ASVS opens each section with its most basic requirement, so earlier ones weigh a little more."""
    return 1.0 / id_sort_key(req.id)[-1]


def requirements_for(
    code_type: str,
    *,
    language: str | None = None,
    context: str | None = None,
    level: int | None = None,
    version: str = "5.0.0",
    limit: int = DEFAULT_LIMIT,
    index: SearchIndex | None = None,
) -> list[Requirement]:
    """The requirements that matter for `code_type`, most important first.

    level=N keeps requirements of level N or lower; `context` (free text) and `language` (a secure
    example in it) move matching requirements up. `index` defaults to the bundled catalog's.
    """
    key = normalize_code_type(code_type)
    resolved_version = normalize_version(version)
    if level is not None and level not in (1, 2, 3):
        raise ValueError(f"level must be 1, 2 or 3, not {level!r}")
    if limit < 1:
        raise ValueError(f"limit must be 1 or more, not {limit}")
    tags = CODE_TYPES[key]
    related = _RELATED_SECTIONS.get(key, {}).get(resolved_version, ())
    borrowed_tags = set(tags)
    if key != "authentication" and context and _LOGIN_CONTEXT.search(context):
        related += _RELATED_SECTIONS["authentication"].get(resolved_version, ())
        borrowed_tags |= set(CODE_TYPES["authentication"])
    index = index or get_index()
    focus = _text_weights(index, _FOCUS.get(key, key.replace("_", " ")), 2.0)
    wanted = _text_weights(index, context, 8.0) if context else {}
    core: dict[int, float] = {}  # the topic's own ranking, before context
    final: dict[int, float] = {}
    for rowid, req in enumerate(index.requirements):
        if req.version != resolved_version:
            continue
        lent = req.section_id in related and bool(borrowed_tags & set(req.tags))
        if not set(tags) & set(req.tags) and not lent:
            continue
        if level is not None and (req.level is None or req.level > level):
            continue
        score = _tag_weight(req, tags, related) + _LEVEL_WEIGHT.get(req.level or 0, -1.0)
        score += _position_weight(req) + focus.get(rowid, 0.0)
        if language and language.lower() in examples_for(req):
            score += 0.5
        core[rowid] = score
        final[rowid] = score + wanted.get(rowid, 0.0)
    order = _ranked(final, index)
    # Context reorders, but the topic's fundamentals stay near the top whatever it says, and the best
    # requirement of each section it borrows from another chapter stays on the first page.
    fundamentals = _by_score(core, index) if wanted else []
    borrowed = [next((r for r in order if index.requirements[r].section_id == s), None) for s in related]
    first = [*fundamentals[:3], *(r for r in borrowed if r is not None)]
    order = _pin(order, first, FIRST_PAGE, first)
    order = _pin(order, fundamentals[: max(3, DEFAULT_LIMIT // 3)], DEFAULT_LIMIT, first)
    return [index.requirements[rowid] for rowid in order[:limit]]


def _by_score(scores: dict[int, float], index: SearchIndex) -> list[int]:
    """Rowids best first; ties go to the lower id."""
    return sorted(scores, key=lambda r: (-scores[r], id_sort_key(index.requirements[r].id)))


def _ranked(scores: dict[int, float], index: SearchIndex) -> list[int]:
    """`_by_score`, except that each pick from a section already chosen from counts a little less
    (`_SECTION_REPEAT_PENALTY`), so that all of the topic's sections show early."""
    remaining = _by_score(scores, index)
    taken: dict[str, int] = {}
    order: list[int] = []
    while remaining:

        def effective(r: int) -> float:
            return scores[r] - _SECTION_REPEAT_PENALTY * taken.get(index.requirements[r].section_id, 0)

        best = max(remaining, key=effective)  # the first of equals: `_by_score`'s tie-break
        remaining.remove(best)
        order.append(best)
        section = index.requirements[best].section_id
        taken[section] = taken.get(section, 0) + 1
    return order


def _pin(order: list[int], pinned: list[int], within: int, protected: list[int]) -> list[int]:
    """`order` with every pinned rowid among its first `within`: missing ones take the last places
    there, from the lowest ones neither pinned nor protected, which move just below."""
    head = order[:within]
    missing = [r for r in dict.fromkeys(pinned) if r not in head]
    if not missing:
        return order
    keep = set(pinned) | set(protected)
    dropped = [r for r in reversed(head) if r not in keep][: len(missing)]
    head = [r for r in head if r not in dropped] + missing
    return head + [r for r in order if r not in head]


def examples_for(req: Requirement) -> dict[str, str]:
    """The requirement's secure examples; a 4.0.3 requirement without any borrows those of the
    5.0.0 requirements it became."""
    if req.examples or req.version != "4.0.3":
        return req.examples
    catalog = load_catalog()
    borrowed: dict[str, str] = {}
    for id_5 in asvs5_for([req.id]):
        successor = catalog.get("5.0.0", id_5)
        if successor:
            for lang, code in successor.examples.items():
                borrowed.setdefault(lang, code)
    return borrowed
