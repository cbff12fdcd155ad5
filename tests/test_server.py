"""The MCP server through real MCP clients: the SDK's in-memory client, stdio and HTTP transports."""

from __future__ import annotations

from typing import Any

import pytest
from mcp import Client
from mcp_helpers import free_port, run, start_http_server, stdio_params, text_of

LOGIN_CODE = """
import sqlite3

def login(username, password):
    conn = sqlite3.connect("users.db")
    cursor = conn.cursor()
    query = f"SELECT * FROM users WHERE username = '{username}' AND password = '{password}'"
    cursor.execute(query)
    return cursor.fetchone()
"""

CORE_TOOLS = {"check_security_requirements", "scan_code", "suggest_fix", "scan_files"}
CATALOG_TOOLS = {
    "get_requirement",
    "search_requirements",
    "list_chapters",
    "map_requirement",
    "requirements_for_cwe",
}


def test_tools_are_listed_read_only_with_output_schemas() -> None:
    async def body(client: Client) -> list[Any]:
        return list((await client.list_tools()).tools)

    tools = {t.name: t for t in run(body)}
    assert set(tools) >= CORE_TOOLS | CATALOG_TOOLS
    for name in CORE_TOOLS | CATALOG_TOOLS:
        assert tools[name].annotations is not None and tools[name].annotations.read_only_hint is True, name
        assert tools[name].output_schema and tools[name].output_schema.get("type") == "object", name
        assert tools[name].description and len(tools[name].description) > 40, name


def test_login_query_reported_as_sql_injection_with_asvs_ids() -> None:
    result = run(lambda c: c.call_tool("scan_code", {"code": LOGIN_CODE, "language": "python"}))
    assert not result.is_error, text_of(result)
    data = result.structured_content
    sqli = [f for f in data["findings"] if 89 in f["cwe"]]
    assert len(sqli) == 1, data["findings"]
    finding = sqli[0]
    assert finding["rule_id"] == "py-sql-injection"
    assert finding["line"] == 8
    assert "V1.2.4" in finding["asvs_5"]
    assert "V5.3.4" in finding["asvs_4"]  # 4.0.3 id through the official mapping
    assert data["passed"] is False and data["summary"]["by_severity"]["high"] >= 1
    assert "CWE-89" in text_of(result) and "py-sql-injection" in text_of(result)


def test_language_is_detected_when_not_given() -> None:
    result = run(lambda c: c.call_tool("scan_code", {"code": LOGIN_CODE}))
    assert result.structured_content["language"] == "python"
    result = run(lambda c: c.call_tool("scan_code", {"code": "x = 1\n", "filename": "settings.py"}))
    assert result.structured_content["passed"] is True and result.structured_content["findings"] == []


def test_authentication_requirements_include_minimum_password_length() -> None:
    result = run(
        lambda c: c.call_tool(
            "check_security_requirements",
            {"code_type": "authentication", "language": "python", "detail": "full", "limit": 50},
        )
    )
    assert not result.is_error, text_of(result)
    ids = [r["id"] for r in result.structured_content["requirements"]]
    assert "V6.2.1" in ids
    v621 = next(r for r in result.structured_content["requirements"] if r["id"] == "V6.2.1")
    assert "8" in v621["summary"] and v621["level"] == 1
    assert "V2.1.1" in v621["other_version_ids"]

    old = run(
        lambda c: c.call_tool(
            "check_security_requirements",
            {"code_type": "authentication", "asvs_version": "4.0.3", "level": 1, "limit": 50},
        )
    )
    assert "V2.1.1" in [r["id"] for r in old.structured_content["requirements"]]
    assert all(r["level"] == 1 for r in old.structured_content["requirements"])


def test_suggest_fix_parameterizes_the_login_query() -> None:
    args = {"vulnerable_code": LOGIN_CODE, "language": "python", "detail": "full"}
    result = run(lambda c: c.call_tool("suggest_fix", args))
    assert not result.is_error, text_of(result)
    data = result.structured_content
    assert data["verified"] is True
    fixed = data["fixed_code"]
    assert "cursor.execute(" in fixed and "?" in fixed and "{username}" not in fixed
    assert (
        "(username, password)" in fixed.replace(" ", "").replace(",)", ")") or "username, password" in fixed
    )
    assert any(f["rule_id"] == "py-sql-injection" and f["status"] == "verified" for f in data["fixes"])
    assert "def login(username, password):" in fixed  # the user's own code, not a template


@pytest.mark.parametrize(
    ("tool", "args", "needle"),
    [
        ("scan_code", {"code": "   "}, "empty"),
        ("scan_code", {"code": "x = 1", "language": "cobol"}, "`language` must be one of"),
        ("scan_code", {"code": "x = 1", "language": "python", "min_severity": "extreme"}, "extreme"),
        ("check_security_requirements", {"code_type": "astrology"}, "authentication"),
        ("check_security_requirements", {"code_type": "authentication", "level": 7}, "level"),
        ("check_security_requirements", {"code_type": "authentication", "asvs_version": "3.0"}, "3.0"),
        ("suggest_fix", {"vulnerable_code": ""}, "empty"),
        ("get_requirement", {"id": "not-an-id"}, "not-an-id"),
    ],
)
def test_bad_input_gives_a_clear_error_not_a_traceback(tool: str, args: dict[str, Any], needle: str) -> None:
    result = run(lambda c: c.call_tool(tool, args))
    text = text_of(result)
    assert result.is_error
    assert text.startswith("error:") and needle in text.lower()
    assert "Traceback" not in text


def test_oversized_input_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VSGUARD_MAX_INPUT_BYTES", "100")
    result = run(lambda c: c.call_tool("scan_code", {"code": "x = 1\n" * 50, "language": "python"}))
    assert result.is_error and "100-byte limit" in text_of(result)


def test_responses_stay_compact() -> None:
    """Well under 20k tokens (about 80k characters) even for a finding-dense input."""
    code = "\n".join(f"os.system('rm ' + arg{i})" for i in range(400))
    result = run(lambda c: c.call_tool("scan_code", {"code": "import os\n" + code, "language": "python"}))
    data = result.structured_content
    assert data["has_more"] is True and len(data["findings"]) <= 50
    assert len(text_of(result)) < 16_000
    req = run(lambda c: c.call_tool("check_security_requirements", {"code_type": "cryptography"}))
    assert len(text_of(req)) < 40_000


def test_stdio_subprocess_answers_list_and_call() -> None:
    async def body(client: Client) -> tuple[set[str], Any]:
        tools = {t.name for t in (await client.list_tools()).tools}
        result = await client.call_tool("scan_code", {"code": LOGIN_CODE, "language": "python"})
        return tools, result

    tools, result = run(body, server=stdio_params())
    assert tools >= CORE_TOOLS
    assert any(f["rule_id"] == "py-sql-injection" for f in result.structured_content["findings"])


def test_streamable_http_on_loopback() -> None:
    port = free_port()
    proc = start_http_server(port)
    try:

        async def body(client: Client) -> tuple[set[str], Any]:
            tools = {t.name for t in (await client.list_tools()).tools}
            result = await client.call_tool(
                "check_security_requirements", {"code_type": "session_management"}
            )
            return tools, result

        tools, result = run(body, server=f"http://127.0.0.1:{port}/mcp")
        assert tools >= CORE_TOOLS
        assert result.structured_content["total"] > 0
    finally:
        proc.terminate()
        proc.wait(timeout=10)
