"""Ranked full-text search over the catalog: SQLite FTS5 with bm25, plus id and CWE lookups.

A query is split into groups: each word (with a few synonyms), each CWE reference and each id. A
requirement that matches more groups ranks first; within the same coverage the summed bm25 score
decides, then the lower level, then id order. Filters and paging are applied after ranking, which
is cheap: the whole catalog is a few hundred rows.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from functools import cache

from vsguard.catalog.ids import normalize_version, resolve_chapter_id, resolve_id
from vsguard.catalog.loader import id_sort_key, load_catalog
from vsguard.catalog.schema import TAGS
from vsguard.models import AsvsVersion, Requirement
from vsguard.records import field, record

MAX_LIMIT = 200

# Indexed columns and their bm25 weights: a word in the summary or a tag says more than one in an
# example's code.
_COLUMNS: tuple[tuple[str, float], ...] = (
    ("summary", 6.0),
    ("tags", 5.0),
    ("section", 3.0),
    ("chapter", 2.0),
    ("guidance", 1.5),
    ("why", 1.0),
    ("verify", 1.0),
    ("examples", 0.3),
)

# Words too common in questions to say anything about a requirement.
_STOPWORDS_TEXT = """
a an and are as at be by can do does for from how i in into is it its me my of on or our should
that the this to use using we what when which with you your
"""
_STOPWORDS = frozenset(_STOPWORDS_TEXT.split())

# Spellings the catalog text may not share with the question.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "jwt": ("json web token", "jws", "jwe"),
    "xss": ("cross site scripting",),
    "csrf": ("cross site request forgery", "xsrf"),
    "ssrf": ("server side request forgery",),
    "sqli": ("sql injection",),
    "mfa": ("multi factor", "two factor", "2fa", "otp"),
    "2fa": ("mfa", "two factor", "multi factor"),
    "login": ("log in", "sign in", "logon", "authenticate"),
    "signin": ("sign in", "login"),
    "length": ("characters", "long", "longer", "minimum"),
    "auth": ("authentication", "authenticate"),
    "authn": ("authentication",),
    "authz": ("authorization", "access control"),
    "ssl": ("tls",),
    "https": ("tls",),
    "cors": ("cross origin",),
    "secret": ("key", "credential"),
    "bruteforce": ("brute force", "rate limit", "lockout"),
    "throttle": ("rate limit",),
    "oauth": ("oauth2", "openid", "oidc"),
    "oidc": ("openid connect", "oauth"),
    "deserialize": ("deserialization", "unserialize", "pickle"),
    "upload": ("uploaded", "file"),
    "llm": ("ai", "prompt", "model"),
}

_CWE_REF = re.compile(r"\bcwe[\s_:-]*(\d{1,5})\b", re.IGNORECASE)
_CWE_VALUE = re.compile(r"(?:cwe[\s_:-]*)?(\d{1,5})", re.IGNORECASE)
_ID_REF = re.compile(
    r"(?<![\w.])(?:v(?:4\.0\.3|5\.0\.0)-)?v?\d{1,2}\.\d{1,2}(?:\.\d{1,2})?(?![\w.])", re.IGNORECASE
)
_WORD = re.compile(r"[a-z0-9]+")


@record(frozen=True)
class SearchHit:
    requirement: Requirement
    score: float


@record(frozen=True)
class SearchPage:
    query: str
    total: int
    offset: int
    limit: int
    hits: tuple[SearchHit, ...] = field(default_factory=tuple)

    @property
    def has_more(self) -> bool:
        return self.offset + len(self.hits) < self.total

    @property
    def requirements(self) -> list[Requirement]:
        return [h.requirement for h in self.hits]


@record(frozen=True)
class Filters:
    """Validated search filters; build with `Filters.make` to get clear errors on bad input."""

    version: AsvsVersion | None = None
    level: int | None = None
    chapter: str | None = None
    tag: str | None = None
    cwe: int | None = None

    @classmethod
    def make(
        cls,
        *,
        version: str | None = None,
        level: int | None = None,
        chapter: str | None = None,
        tag: str | None = None,
        cwe: int | str | None = None,
    ) -> Filters:
        resolved_version = normalize_version(version) if version else None
        if level is not None and level not in (1, 2, 3):
            raise ValueError(f"level must be 1, 2 or 3, not {level!r}")
        chapter_id = None
        if chapter:
            chapter_version, chapter_id = resolve_chapter_id(chapter, resolved_version)
            if resolved_version is None and re.match(r"^\s*v?\d\.\d\.\d", chapter, re.IGNORECASE):
                resolved_version = chapter_version
        if tag is not None and tag not in TAGS:
            raise ValueError(f"unknown tag {tag!r}; use one of: {', '.join(sorted(TAGS))}")
        return cls(
            version=resolved_version,
            level=level,
            chapter=chapter_id,
            tag=tag,
            cwe=parse_cwe(cwe) if cwe is not None else None,
        )

    def accepts(self, req: Requirement) -> bool:
        if self.version and req.version != self.version:
            return False
        if self.level is not None and (req.level is None or req.level > self.level):
            return False
        if self.chapter and req.chapter_id != self.chapter and req.section_id != self.chapter:
            return False
        if self.tag and self.tag not in req.tags:
            return False
        return not (self.cwe is not None and self.cwe not in req.cwe)


def parse_cwe(value: int | str) -> int:
    """79, "79", "CWE-79", "cwe 79" -> 79."""
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    else:
        match = _CWE_VALUE.fullmatch(str(value).strip())
        if not match:
            raise ValueError(f"{value!r} is not a CWE id; write it like 79 or CWE-79")
        number = int(match.group(1))
    if number <= 0:
        raise ValueError(f"{value!r} is not a CWE id")
    return number


@record(frozen=True)
class _Group:
    """One thing the query asks for; a requirement matching more groups ranks first."""

    kind: str  # "text", "cwe" or "id"
    value: str


def parse_query(query: str) -> list[_Group]:
    """Split a query into CWE references, ids and words (stopwords dropped, duplicates merged)."""
    groups: list[_Group] = [_Group("cwe", m.group(1)) for m in _CWE_REF.finditer(query)]
    rest = _CWE_REF.sub(" ", query)
    for match in _ID_REF.finditer(rest):
        ref = match.group(0)
        if ref.count(".") >= 2 or ref[0] in "vV":
            groups.append(_Group("id", ref))
        else:  # a bare "1.2" is more likely a version number (TLS 1.2) than a section
            groups.append(_Group("text", " ".join(ref.split("."))))
    rest = _ID_REF.sub(" ", rest)
    seen: set[str] = set()
    for word in _WORD.findall(rest.lower()):
        if word in _STOPWORDS or word in seen:
            continue
        seen.add(word)
        groups.append(_Group("text", word))
    return groups


def _fts_expression(word: str) -> str:
    terms = (word, *SYNONYMS.get(word, ()))
    return " OR ".join(f'"{t}"' for t in terms)


def _indexed_text(req: Requirement) -> tuple[str, ...]:
    return (
        req.summary,
        " ".join(req.tags),
        req.section_name,
        req.chapter_name,
        req.guidance,
        req.why,
        req.verify,
        "\n".join(req.examples.values()),
    )


class SearchIndex:
    """An in-memory FTS5 index over a fixed list of requirements."""

    def __init__(self, requirements: Iterable[Requirement]) -> None:
        self._reqs: list[Requirement] = sorted(
            requirements, key=lambda r: (r.version != "5.0.0", id_sort_key(r.id))
        )
        self._lock = threading.Lock()
        self._db = sqlite3.connect(":memory:", check_same_thread=False)
        names = ", ".join(name for name, _ in _COLUMNS)
        self._db.execute(f"CREATE VIRTUAL TABLE doc USING fts5({names}, tokenize='porter unicode61')")
        self._db.executemany(
            f"INSERT INTO doc(rowid, {names}) VALUES (?, {', '.join('?' for _ in _COLUMNS)})",
            [(i, *_indexed_text(r)) for i, r in enumerate(self._reqs)],
        )
        weights = ", ".join(str(w) for _, w in _COLUMNS)
        self._match_sql = f"SELECT rowid, -bm25(doc, {weights}) FROM doc WHERE doc MATCH ?"

    @property
    def requirements(self) -> Sequence[Requirement]:
        return self._reqs

    def _text_scores(self, word: str) -> dict[int, float]:
        with self._lock:
            rows = self._db.execute(self._match_sql, (_fts_expression(word),)).fetchall()
        return {rowid: score for rowid, score in rows}

    def _cwe_scores(self, number: int) -> dict[int, float]:
        # A requirement about few weaknesses is a closer answer than one listing many.
        return {i: 20.0 / len(r.cwe) for i, r in enumerate(self._reqs) if number in r.cwe}

    def _id_scores(self, ref: str) -> dict[int, float]:
        try:
            version, canonical = resolve_chapter_id(ref) if ref.count(".") < 2 else resolve_id(ref)
        except ValueError:
            return {}
        explicit = ref.lower().startswith(("v4.0.3-", "v5.0.0-"))
        scores: dict[int, float] = {}
        for i, r in enumerate(self._reqs):
            if explicit and r.version != version:
                continue
            if r.id == canonical:
                scores[i] = 100.0
            elif r.section_id == canonical or r.chapter_id == canonical:
                scores[i] = 10.0
        return scores

    def score(self, query: str) -> dict[int, tuple[int, float]]:
        """rowid -> (groups matched, summed score) for every requirement matching any group."""
        totals: dict[int, tuple[int, float]] = {}
        for group in parse_query(query):
            if group.kind == "text":
                scores = self._text_scores(group.value)
            elif group.kind == "cwe":
                scores = self._cwe_scores(int(group.value))
            else:
                scores = self._id_scores(group.value)
            for rowid, value in scores.items():
                hits, total = totals.get(rowid, (0, 0.0))
                totals[rowid] = (hits + 1, total + value)
        return totals

    def ranked(self, query: str, filters: Filters | None = None) -> list[SearchHit]:
        """Every requirement matching the query and filters, best first (id order for no query)."""
        filters = filters or Filters()
        if not parse_query(query):
            return [SearchHit(r, 0.0) for r in self._reqs if filters.accepts(r)]
        scored = [
            (coverage, value, rowid)
            for rowid, (coverage, value) in self.score(query).items()
            if filters.accepts(self._reqs[rowid])
        ]
        scored.sort(key=lambda s: (-s[0], -s[1], self._reqs[s[2]].level or 4, s[2]))
        return [SearchHit(self._reqs[rowid], round(value, 3)) for _, value, rowid in scored]

    def search(
        self,
        query: str = "",
        *,
        version: str | None = None,
        level: int | None = None,
        chapter: str | None = None,
        tag: str | None = None,
        cwe: int | str | None = None,
        limit: int = 20,
        offset: int = 0,
    ) -> SearchPage:
        if limit < 1 or limit > MAX_LIMIT:
            raise ValueError(f"limit must be between 1 and {MAX_LIMIT}, not {limit}")
        if offset < 0:
            raise ValueError(f"offset must be 0 or more, not {offset}")
        filters = Filters.make(version=version, level=level, chapter=chapter, tag=tag, cwe=cwe)
        hits = self.ranked(query, filters)
        page = tuple(hits[offset : offset + limit])
        return SearchPage(query=query, total=len(hits), offset=offset, limit=limit, hits=page)


@cache
def get_index() -> SearchIndex:
    """The index over the bundled catalog, built once per process."""
    return SearchIndex(load_catalog().requirements.values())


def search(
    query: str = "",
    *,
    version: str | None = None,
    level: int | None = None,
    chapter: str | None = None,
    tag: str | None = None,
    cwe: int | str | None = None,
    limit: int = 20,
    offset: int = 0,
) -> SearchPage:
    """Search the bundled catalog; level=N keeps requirements of level N or lower."""
    return get_index().search(
        query, version=version, level=level, chapter=chapter, tag=tag, cwe=cwe, limit=limit, offset=offset
    )
