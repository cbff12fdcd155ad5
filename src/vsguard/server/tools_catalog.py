"""MCP tools and resources over the ASVS catalog: look up, search, list, map between versions, by CWE.

Every tool answers with compact markdown for the model plus structured content for programs, says
which ASVS version it resolved, and turns bad input into an `error: ...` result, never a traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Literal

from mcp.server import MCPServer
from mcp.server.mcpserver.exceptions import ResourceNotFoundError
from mcp_types import CallToolResult
from pydantic import BaseModel, BeforeValidator, Field

from vsguard.catalog.ids import normalize_version, resolve_chapter_id, resolve_id
from vsguard.catalog.importer import with_official
from vsguard.catalog.loader import load_catalog
from vsguard.catalog.mapping import MappingResult, asvs5_for, map_id
from vsguard.catalog.query import examples_for
from vsguard.catalog.search import Filters, get_index, parse_cwe
from vsguard.models import ASVS_VERSIONS, AsvsVersion, Chapter, Requirement
from vsguard.report.requirements import requirement_line, requirement_markdown, requirements_markdown
from vsguard.server import arguments
from vsguard.server.params import LanguageArg, Version, VersionArg, version_name
from vsguard.server.results import READ_ONLY, answer, guard

# Tool answers stay well under an agent's context budget: at most this many search results a page.
TOOL_MAX_LIMIT = 50


LevelArg = Annotated[Literal[1, 2, 3] | None, Field(description="ASVS level N keeps levels 1..N")]
PageLimit = Annotated[int, Field(ge=1, le=TOOL_MAX_LIMIT, description=f"Results a page, 1-{TOOL_MAX_LIMIT}")]
CweArg = Annotated[int | str, Field(description="CWE number: 79 or CWE-79")]


# --------------------------------------------------------------------------- output models


class RequirementOut(BaseModel):
    id: str
    version: AsvsVersion
    key: str = Field(description="Version-qualified id, e.g. v5.0.0-6.2.1")
    level: int | None
    chapter_id: str
    chapter_name: str
    section_id: str
    section_name: str
    summary: str
    why: str
    verify: str
    guidance: str
    tags: list[str]
    cwe: list[int]
    nist: list[str]
    examples: dict[str, str] = Field(description="language -> secure example")
    official_text: str | None = Field(description="OWASP wording, only after `vsguard asvs import`")


class MappingOut(BaseModel):
    version: AsvsVersion
    id: str
    target_version: AsvsVersion
    found: bool = Field(description="False when the official mapping has no entry for this id")
    relations: list[str] = Field(description="e.g. moved_to, split_to, merged_to, deleted, modified, added")
    targets: list[str] = Field(description="Ids in target_version")
    reason: str | None = Field(description="Why it was deleted without a successor")
    description: str


class RequirementBrief(BaseModel):
    id: str
    version: AsvsVersion
    level: int | None
    section_name: str
    summary: str
    tags: list[str]
    cwe: list[int]


class GetRequirementOut(BaseModel):
    query: str
    resolved_version: AsvsVersion
    requirement: RequirementOut
    mapping: MappingOut


class SearchHitOut(RequirementBrief):
    score: float


class SearchOut(BaseModel):
    query: str
    total: int
    offset: int
    limit: int
    has_more: bool
    results: list[SearchHitOut]


class ChapterOut(BaseModel):
    id: str
    name: str
    requirement_count: int
    sections: dict[str, str]


class ChaptersOut(BaseModel):
    resolved_version: AsvsVersion
    chapters: list[ChapterOut]


class MapOut(MappingOut):
    query: str
    target_requirements: list[RequirementBrief] = Field(description="Our summary of each target")


class CweOut(BaseModel):
    cwe: int
    requirements: list[RequirementBrief] = Field(description="Requirements that name this CWE")
    requirements_total: int
    via_mapping: list[RequirementBrief] = Field(
        description="5.0.0 requirements that 4.0.3 requirements naming this CWE became"
    )
    via_mapping_total: int


# --------------------------------------------------------------------------- helpers


def _requirement(version: AsvsVersion, req_id: str) -> Requirement:
    req = load_catalog().get(version, req_id)
    if req is None:
        raise LookupError(f"ASVS {version} has no requirement {req_id} in vsguard's catalog")
    return with_official(req)


# The output models name the same fields as the catalog's models, so they are read off them by name.


def _requirement_out(req: Requirement, language: str | None = None) -> RequirementOut:
    examples = examples_for(req)
    if language:
        examples = {k: v for k, v in examples.items() if k == language.lower()}
    out = RequirementOut.model_validate(req, from_attributes=True)
    return out.model_copy(update={"examples": examples})


def _brief(req: Requirement) -> RequirementBrief:
    return RequirementBrief.model_validate(req, from_attributes=True)


def _mapping_out(result: MappingResult) -> MappingOut:
    return MappingOut.model_validate(result, from_attributes=True)


def _chapter_markdown(chapter: Chapter, section: str | None = None) -> str:
    reqs = [
        with_official(r)
        for r in load_catalog().for_version(chapter.version)
        if r.chapter_id == chapter.id and (section is None or r.section_id == section)
    ]
    title = f"{section} {chapter.sections.get(section, '')}" if section else f"{chapter.id} {chapter.name}"
    return requirements_markdown(
        reqs, f"ASVS {chapter.version} {title.strip()}", hint="read a section instead"
    )


def read_catalog_resource(version: AsvsVersion, ref: str) -> str:
    """Markdown for `asvs://<version>/<ref>`: a requirement (V6.2.1), a section (V6.2) or a chapter (V6)."""
    if ref.count(".") >= 2:
        _, req_id = resolve_id(ref, version)
        req = _requirement(version, req_id)
        mapping = map_id(version, req_id)
        return requirement_markdown(req, examples=examples_for(req), mapping=mapping)
    _, chapter_ref = resolve_chapter_id(ref, version)
    chapter_id = chapter_ref.split(".")[0]
    chapter = load_catalog().chapters.get((version, chapter_id))
    if chapter is None:
        raise ValueError(f"ASVS {version} has no chapter {chapter_id} in vsguard's catalog")
    return _chapter_markdown(chapter, chapter_ref if "." in chapter_ref else None)


# --------------------------------------------------------------------------- tools


def get_requirement(
    id: Annotated[str, Field(description="Requirement id: 6.2.1, V6.2.1, v4.0.3-2.1.1 or v5.0.0-6.2.1")],
    version: VersionArg = None,
    language: LanguageArg = None,
) -> Annotated[CallToolResult, GetRequirementOut]:
    """One ASVS requirement in full: what must hold, why, how to verify and implement it, a secure
    example (in `language` if given), its mapping to the other ASVS version, and the official OWASP
    text when imported. Ids of either version are accepted: 6.2.1, V6.2.1, v4.0.3-2.1.1, v5.0.0-6.2.1;
    a bare id means ASVS 5.0.0 unless `version` says otherwise."""

    def build() -> CallToolResult:
        resolved_version, req_id = resolve_id(id, version)
        req = _requirement(resolved_version, req_id)
        mapping = map_id(resolved_version, req_id)
        examples = examples_for(req)
        markdown = requirement_markdown(req, language=language, examples=examples, mapping=mapping)
        out = GetRequirementOut(
            query=id,
            resolved_version=resolved_version,
            requirement=_requirement_out(req, language),
            mapping=_mapping_out(mapping),
        )
        return answer(f"Resolved `{id}` as ASVS {resolved_version} {req_id}.\n\n{markdown}", out)

    return guard(build, "catalog tool")


def search_requirements(
    query: Annotated[str, Field(description='Words, ids or a CWE: "sql injection", "jwt", "CWE-79"')],
    version: Annotated[
        Version | None, BeforeValidator(version_name), Field(description="5.0.0 or 4.0.3; both when omitted")
    ] = None,
    level: LevelArg = None,
    chapter: Annotated[str | None, Field(description="Chapter (V6) or section (V6.2) to search in")] = None,
    tag: Annotated[str | None, Field(description="A catalog tag, e.g. passwords, injection, tls")] = None,
    cwe: Annotated[
        int | str | None, Field(description="Only requirements naming this CWE: 79 or CWE-79")
    ] = None,
    limit: PageLimit = 20,
    offset: Annotated[int, Field(ge=0, description="Results to skip")] = 0,
) -> Annotated[CallToolResult, SearchOut]:
    """Ranked full-text search over ASVS requirements (ids, vsguard's text, tags, CWE), e.g.
    "sql injection", "password length", "jwt", "CWE-79". Filters: version (5.0.0 / 4.0.3; both when
    omitted), level (N keeps levels 1..N), chapter (V6 or section V6.2), tag, cwe (79 or CWE-79).
    Page with limit (max 50) and offset; `has_more` says whether another page exists."""

    def build() -> CallToolResult:
        if not 1 <= limit <= TOOL_MAX_LIMIT:
            raise ValueError(f"limit must be between 1 and {TOOL_MAX_LIMIT}, not {limit}")
        page = get_index().search(
            query, version=version, level=level, chapter=chapter, tag=tag, cwe=cwe, limit=limit, offset=offset
        )
        out = SearchOut(
            query=query,
            total=page.total,
            offset=page.offset,
            limit=page.limit,
            has_more=page.has_more,
            results=[SearchHitOut(**_brief(h.requirement).model_dump(), score=h.score) for h in page.hits],
        )
        lines = [requirement_line(h.requirement, qualified=True) for h in page.hits]
        shown = f"{page.offset + 1}-{page.offset + len(page.hits)}" if page.hits else "0"
        header = f"## Search `{query}`: {page.total} requirement(s), showing {shown}"
        more = f"\n\n*More: call again with offset={page.offset + len(page.hits)}.*" if page.has_more else ""
        body = "\n".join(lines) if lines else "No matching requirements."
        return answer(f"{header}\n\n{body}{more}\n", out)

    return guard(build, "catalog tool")


def list_chapters(version: VersionArg = None) -> Annotated[CallToolResult, ChaptersOut]:
    """The chapters of one ASVS version (5.0.0 by default) with their sections and requirement counts."""

    def build() -> CallToolResult:
        resolved_version = normalize_version(version)
        chapters = load_catalog().chapters_for(resolved_version)
        out = ChaptersOut(
            resolved_version=resolved_version,
            chapters=[ChapterOut.model_validate(c, from_attributes=True) for c in chapters],
        )
        lines = [f"## ASVS {resolved_version} chapters", ""]
        for c in chapters:
            sections = "; ".join(f"{k} {v}" for k, v in c.sections.items())
            lines.append(f"- **{c.id} {c.name}** ({c.requirement_count} requirements): {sections}")
        if not chapters:
            lines.append("No chapters in vsguard's catalog for this version yet.")
        return answer("\n".join(lines) + "\n", out)

    return guard(build, "catalog tool")


def map_requirement(
    id: Annotated[str, Field(description="Id to map: v4.0.3-2.1.1, or a bare id with version")],
    version: VersionArg = None,
) -> Annotated[CallToolResult, MapOut]:
    """Map an id between ASVS 4.0.3 and 5.0.0 using the official OWASP mapping: what a 4.0.3
    requirement became (moved, modified, split, merged, or deleted with the reason), or where a
    5.0.0 requirement came from. Write v4.0.3-2.1.1 or pass version="4.0.3" for an old id; a bare id
    means 5.0.0."""

    def build() -> CallToolResult:
        result = map_id(version, id)
        catalog = load_catalog()
        targets = [catalog.get(result.target_version, t) for t in result.targets]
        briefs = [_brief(t) for t in targets if t is not None]
        out = MapOut(query=id, **_mapping_out(result).model_dump(), target_requirements=briefs)
        lines = [f"Resolved `{id}` as ASVS {result.version} {result.id}.", "", f"**{result.summary}**"]
        if briefs:
            lines += ["", *(f"- **{b.id}** ({b.section_name}): {b.summary}" for b in briefs)]
        return answer("\n".join(lines) + "\n", out)

    return guard(build, "catalog tool")


def requirements_for_cwe(
    cwe: CweArg,
    version: Annotated[
        Version | None, BeforeValidator(version_name), Field(description="5.0.0 or 4.0.3; both when omitted")
    ] = None,
    limit: Annotated[
        int, Field(ge=1, le=TOOL_MAX_LIMIT, description="At most this many requirements in each list")
    ] = 20,
) -> Annotated[CallToolResult, CweOut]:
    """ASVS requirements that address a CWE (79 or CWE-79), in both versions unless `version` is given.
    5.0.0 requirements reached only through the 4.0.3 mapping are listed separately."""

    def build() -> CallToolResult:
        number = parse_cwe(cwe)
        filters = Filters.make(version=version, cwe=number)
        index = get_index()
        direct = [h.requirement for h in index.ranked(f"CWE-{number}", filters)]
        via: list[Requirement] = []
        if filters.version in (None, "5.0.0"):
            old = [h.requirement.id for h in index.ranked("", Filters.make(version="4.0.3", cwe=number))]
            have = {r.id for r in direct if r.version == "5.0.0"}
            successors = (load_catalog().get("5.0.0", i) for i in asvs5_for(old) if i not in have)
            via = [r for r in successors if r is not None]
        out = CweOut(
            cwe=number,
            requirements=[_brief(r) for r in direct[:limit]],
            requirements_total=len(direct),
            via_mapping=[_brief(r) for r in via[:limit]],
            via_mapping_total=len(via),
        )
        direct, via = direct[:limit], via[:limit]
        heading = f"CWE-{number}: {out.requirements_total} requirement(s)"
        hint = "filter by version or raise limit"
        more = out.requirements_total - len(direct)
        markdown = requirements_markdown(direct, heading, more=more, qualified=True, hint=hint)
        if via:
            heading = "ASVS 5.0.0 successors of 4.0.3 requirements"
            more = out.via_mapping_total - len(via)
            markdown += "\n" + requirements_markdown(via, heading, more=more, hint=hint)
        return answer(markdown, out)

    return guard(build, "catalog tool")


TOOLS: tuple[Callable[..., CallToolResult], ...] = (
    get_requirement,
    search_requirements,
    list_chapters,
    map_requirement,
    requirements_for_cwe,
)


def register(server: MCPServer) -> None:
    """Add the catalog tools, each chapter as a resource, and one resource template per ASVS
    version (requirements and sections) to `server`."""
    for tool in TOOLS:
        server.tool(annotations=READ_ONLY)(tool)
    arguments.install(server)
    for version in ASVS_VERSIONS:
        for chapter in load_catalog().chapters_for(version):
            _register_chapter(server, chapter)
        _register_resource(server, version)


def _register_chapter(server: MCPServer, chapter: Chapter) -> None:
    """A concrete resource, so that `resources/list` shows it (templates are listed separately)."""

    def read() -> str:
        return read_catalog_resource(chapter.version, chapter.id)

    sections = ", ".join(chapter.sections.values())
    server.resource(
        f"asvs://{chapter.version}/{chapter.id}",
        name=f"asvs-{chapter.version}-{chapter.id}",
        title=f"OWASP ASVS {chapter.version} {chapter.id} {chapter.name}",
        description=f"{chapter.requirement_count} requirements: {sections}",
        mime_type="text/markdown",
    )(read)


def _register_resource(server: MCPServer, version: AsvsVersion) -> None:
    def read(ref: str) -> str:
        try:
            return read_catalog_resource(version, ref)
        except (ValueError, LookupError) as exc:  # reported to the client as invalid params
            raise ResourceNotFoundError(str(exc)) from None

    server.resource(
        f"asvs://{version}/{{ref}}",
        name=f"asvs-{version}",
        title=f"OWASP ASVS {version} requirement, section or chapter",
        description=f"asvs://{version}/V6.2.1 is a requirement, /V6.2 a section, /V6 a chapter",
        mime_type="text/markdown",
    )(read)
