"""The catalog MCP tools and resources, called through the in-memory MCP client."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from mcp import Client
from mcp.server import MCPServer
from mcp.shared.exceptions import MCPError
from refdata import shared_file

from vsguard.catalog.importer import import_file
from vsguard.catalog.loader import load_catalog
from vsguard.server import tools_catalog

TOOL_NAMES = {
    "get_requirement",
    "search_requirements",
    "list_chapters",
    "map_requirement",
    "requirements_for_cwe",
}


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("VSGUARD_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def _server() -> MCPServer:
    server = MCPServer("test")
    tools_catalog.register(server)
    return server


def call(name: str, **arguments: Any) -> Any:
    async def run() -> Any:
        async with Client(_server()) as client:
            return await client.call_tool(name, arguments)

    return asyncio.run(run())


def read(uri: str) -> str:
    async def run() -> str:
        async with Client(_server()) as client:
            result = await client.read_resource(uri)
            return result.contents[0].text  # type: ignore[union-attr]

    return asyncio.run(run())


def _any_requirement(version: str) -> str:
    reqs = load_catalog().for_version(version)  # type: ignore[arg-type]
    if not reqs:
        pytest.skip(f"no ASVS {version} requirements in the catalog yet")
    return reqs[0].id


def _need(version: str, req_id: str) -> None:
    if load_catalog().get(version, req_id) is None:  # type: ignore[arg-type]
        pytest.skip(f"ASVS {version} {req_id} is not in the catalog yet")


def test_tools_are_listed_read_only_with_output_schemas() -> None:
    async def run() -> Any:
        async with Client(_server()) as client:
            return (await client.list_tools()).tools, (
                await client.list_resource_templates()
            ).resource_templates

    tools, templates = asyncio.run(run())
    assert {t.name for t in tools} == TOOL_NAMES
    for tool in tools:
        assert tool.annotations and tool.annotations.read_only_hint, tool.name
        assert tool.output_schema and tool.description, tool.name
    assert {t.uri_template for t in templates} == {"asvs://5.0.0/{ref}", "asvs://4.0.3/{ref}"}


@pytest.mark.parametrize(
    ("text", "version", "expected_version"),
    [("6.2.1", None, "5.0.0"), ("v4.0.3-2.1.1", None, "4.0.3"), ("2.1.1", "4.0.3", "4.0.3")],
)
def test_get_requirement_resolves_either_version(
    text: str, version: str | None, expected_version: str
) -> None:
    _need(expected_version, "V6.2.1" if expected_version == "5.0.0" else "V2.1.1")
    args = {"id": text} | ({"version": version} if version else {})
    result = call("get_requirement", **args)
    assert not result.is_error
    data = result.structured_content
    assert data["resolved_version"] == expected_version
    assert data["requirement"]["version"] == expected_version
    assert data["mapping"]["found"]
    assert f"as ASVS {expected_version}" in result.content[0].text


def test_get_requirement_shows_official_text_after_import() -> None:
    req_id = _any_requirement("5.0.0")
    before = call("get_requirement", id=f"v5.0.0-{req_id[1:]}")
    assert before.structured_content["requirement"]["official_text"] is None
    assert "Official text" not in before.content[0].text
    import_file(shared_file("asvs", "asvs-5.0.0-en.flat.json"))
    after = call("get_requirement", id=f"v5.0.0-{req_id[1:]}")
    official = after.structured_content["requirement"]["official_text"]
    assert official and official.startswith("Verify")
    assert official in after.content[0].text


def test_get_requirement_language_picks_the_example() -> None:
    reqs = [r for r in load_catalog().for_version("5.0.0") if "javascript" in r.examples]
    if not reqs:
        pytest.skip("no javascript examples yet")
    result = call("get_requirement", id=reqs[0].key, language="javascript")
    assert "**Example (javascript):**" in result.content[0].text
    assert set(result.structured_content["requirement"]["examples"]) == {"javascript"}


@pytest.mark.parametrize(
    ("name", "arguments", "message"),
    [
        ("get_requirement", {"id": "junk"}, "is not an ASVS requirement id"),
        ("get_requirement", {"id": "V99.1.1"}, "has no requirement V99.1.1"),
        ("get_requirement", {"id": "1.1.1", "version": "3"}, "`version` must be one of 5.0.0 or 4.0.3, not"),
        ("search_requirements", {"query": "x", "level": 9}, "`level` must be one of 1, 2 or 3"),
        ("search_requirements", {"query": "x", "tag": "nope"}, "unknown tag"),
        ("search_requirements", {"query": "x", "limit": 1000}, "`limit` must be at most 50"),
        ("list_chapters", {"version": "6"}, "`version` must be one of 5.0.0 or 4.0.3"),
        ("map_requirement", {"id": "nonsense"}, "is not an ASVS requirement id"),
        ("requirements_for_cwe", {"cwe": "XSS"}, "not a CWE id"),
    ],
)
def test_bad_input_is_a_clear_error_not_a_traceback(
    name: str, arguments: dict[str, Any], message: str
) -> None:
    result = call(name, **arguments)
    assert result.is_error
    text = result.content[0].text
    assert text.startswith("error: ") and message in text and "Traceback" not in text


def test_search_requirements_pages() -> None:
    if not load_catalog().requirements:
        pytest.skip("catalog is empty")
    first = call("search_requirements", query="", limit=2)
    data = first.structured_content
    assert data["total"] == len(load_catalog().requirements)
    assert data["has_more"] and len(data["results"]) == 2
    assert "offset=2" in first.content[0].text
    last = call("search_requirements", query="", limit=50, offset=data["total"] - 1)
    assert not last.structured_content["has_more"] and len(last.structured_content["results"]) == 1


def test_search_requirements_sql_injection() -> None:
    _need("5.0.0", "V1.2.4")
    data = call("search_requirements", query="sql injection", version="5.0.0", limit=3).structured_content
    assert data["results"][0]["id"] == "V1.2.4"


def test_list_chapters() -> None:
    data = call("list_chapters").structured_content
    assert data["resolved_version"] == "5.0.0"
    assert [c["id"] for c in data["chapters"]] == [c.id for c in load_catalog().chapters_for("5.0.0")]
    old = call("list_chapters", version="4").structured_content
    assert old["resolved_version"] == "4.0.3"


def test_map_requirement_both_ways() -> None:
    forward = call("map_requirement", id="v4.0.3-1.2.4").structured_content
    assert forward["version"] == "4.0.3" and forward["targets"] == ["V6.1.3", "V6.3.4"]
    assert forward["relations"] == ["modified", "moved_to", "split_to"]
    deleted = call("map_requirement", id="1.1.1", version="4.0.3").structured_content
    assert deleted["relations"] == ["deleted"] and deleted["reason"] == "not in scope"
    back = call("map_requirement", id="6.2.1").structured_content
    assert back["version"] == "5.0.0" and back["targets"] == ["V2.1.1"]


def test_requirements_for_cwe() -> None:
    hits = [r for r in load_catalog().requirements.values() if 79 in r.cwe]
    if not hits:
        pytest.skip("no requirement names CWE-79 yet")
    data = call("requirements_for_cwe", cwe="CWE-79").structured_content
    assert data["cwe"] == 79
    assert {(r["version"], r["id"]) for r in data["requirements"]} == {(r.version, r.id) for r in hits}
    assert call("requirements_for_cwe", cwe=79).structured_content == data
    only_5 = call("requirements_for_cwe", cwe="79", version="5.0.0").structured_content
    assert all(r["version"] == "5.0.0" for r in only_5["requirements"] + only_5["via_mapping"])


def test_resources_for_requirements_sections_and_chapters() -> None:
    req_id = _any_requirement("5.0.0")
    req = load_catalog().get("5.0.0", req_id)
    assert req is not None
    assert f"### {req_id} — ASVS 5.0.0" in read(f"asvs://5.0.0/{req_id}")
    assert f"## ASVS 5.0.0 {req.section_id}" in read(f"asvs://5.0.0/{req.section_id}")
    assert f"## ASVS 5.0.0 {req.chapter_id} {req.chapter_name}" in read(f"asvs://5.0.0/{req.chapter_id}")
    old = _any_requirement("4.0.3")
    assert "ASVS 4.0.3" in read(f"asvs://4.0.3/{old}")


def test_unknown_resource_is_a_clear_error() -> None:
    async def run() -> str:
        async with Client(_server()) as client:
            try:
                await client.read_resource("asvs://5.0.0/V99")
            except MCPError as exc:
                return str(exc)
            return "no error"

    assert "ASVS 5.0.0 has no chapter V99" in asyncio.run(run())
