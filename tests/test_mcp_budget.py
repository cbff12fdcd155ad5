"""MCP answers an agent can afford: a token budget on the bundled examples, paging that returns
the rest, text and structured parts that agree, a self-describing input schema, listed chapter
resources, and file scans confined to the client's roots."""

from __future__ import annotations

import asyncio
import json
import os
import re
import subprocess
from pathlib import Path
from typing import Any, get_args

import pytest
from mcp import Client
from mcp_helpers import run, text_of
from mcp_types import ListRootsResult, Root

from vsguard.catalog.loader import load_catalog
from vsguard.catalog.query import CODE_TYPES
from vsguard.diffscope import parse_unified_zero
from vsguard.engine.languages import GRAMMARS
from vsguard.models import ASVS_VERSIONS
from vsguard.server import params
from vsguard.server.app import build_server
from vsguard.server.findings_page import short

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "vulnerable"
BUDGET_TOKENS = 4_000
DENSE = "import os\n" + "\n".join(f"os.system('rm ' + arg{i})" for i in range(300))


def tokens(result: Any) -> int:
    """chars/4 of the whole tools/call result as it goes over the wire."""
    return len(json.dumps(result.model_dump(mode="json", by_alias=True, exclude_none=True))) // 4


def _example_calls() -> list[tuple[str, dict[str, Any]]]:
    app = (EXAMPLES / "app.py").read_text(encoding="utf-8")
    js = (EXAMPLES / "server.js").read_text(encoding="utf-8")
    calls: list[tuple[str, dict[str, Any]]] = [
        ("scan_code", {"code": app, "filename": "app.py"}),
        ("scan_code", {"code": js, "filename": "server.js"}),
        ("scan_code", {"code": DENSE, "language": "python"}),
        ("suggest_fix", {"vulnerable_code": app, "language": "python"}),
        ("suggest_fix", {"vulnerable_code": js, "language": "javascript"}),
        ("scan_files", {"paths": [str(EXAMPLES)]}),
        ("search_requirements", {"query": "password"}),
        ("search_requirements", {"query": "injection"}),
        ("list_chapters", {}),
        ("list_chapters", {"version": "4.0.3"}),
        ("map_requirement", {"id": "v4.0.3-2.1.1"}),
        ("get_requirement", {"id": "V6.2.1"}),
        ("get_requirement", {"id": "V11.4.2", "language": "python"}),
    ]
    calls += [("check_security_requirements", {"code_type": t}) for t in CODE_TYPES]
    calls.append(
        (
            "check_security_requirements",
            {"code_type": "authentication", "language": "python", "context": "Flask login and sign-up"},
        )
    )
    cwes = sorted({c for r in load_catalog().requirements.values() for c in r.cwe})
    calls += [("requirements_for_cwe", {"cwe": c}) for c in cwes]
    return calls


def _call_all(calls: list[tuple[str, dict[str, Any]]]) -> list[Any]:
    async def body(client: Client) -> list[Any]:
        return [await client.call_tool(name, args) for name, args in calls]

    return run(body)  # type: ignore[no-any-return]


def test_every_default_answer_on_the_examples_fits_the_budget() -> None:
    calls = _example_calls()
    over = []
    for (name, args), result in zip(calls, _call_all(calls), strict=True):
        assert not result.is_error, (name, text_of(result))
        if tokens(result) >= BUDGET_TOKENS:
            over.append((name, {k: v for k, v in args.items() if k != "code"}, tokens(result)))
    assert not over, over


def _pages(tool: str, args: dict[str, Any], key: str) -> tuple[list[Any], list[dict[str, Any]]]:
    async def body(client: Client) -> tuple[list[Any], list[dict[str, Any]]]:
        results, pages, offset = [], [], 0
        while offset is not None:
            result = await client.call_tool(tool, {**args, "offset": offset})
            assert not result.is_error, text_of(result)
            results.append(result)
            pages.append(result.structured_content)
            offset = result.structured_content["next_offset"]
            assert len(pages) < 100
        return results, pages

    return run(body)  # type: ignore[no-any-return]


def test_scan_pages_together_hold_every_finding_once_most_severe_first() -> None:
    results, pages = _pages(
        "scan_code", {"code": DENSE + "\nimport pickle\npickle.loads(data)\n"}, "findings"
    )
    findings = [f for page in pages for f in page["findings"]]
    total = pages[0]["total"]
    assert len(pages) > 2 and len(findings) == total == pages[0]["summary"]["total"] > 300
    assert len({(f["rule_id"], f["line"]) for f in findings}) == total  # no duplicates
    ranks = ["info", "low", "medium", "high", "critical"]
    severities = [ranks.index(f["severity"]) for f in findings]
    assert severities == sorted(severities, reverse=True)
    assert [p["has_more"] for p in pages] == [True] * (len(pages) - 1) + [False]
    for result, page in zip(results, pages, strict=True):
        _assert_text_matches(text_of(result), page)


def _assert_text_matches(text: str, page: dict[str, Any]) -> None:
    """The text lists exactly the page's findings, in order, and states the same counts."""
    listed = re.findall(r"^(\d+)\. \*\*(\w+)\*\* `([^`]+)` (?:line |\S+:)(\d+)", text, re.M)
    expected = [
        (str(page["offset"] + i + 1), f["severity"].upper(), f["rule_id"], str(f["line"]))
        for i, f in enumerate(page["findings"])
    ]
    assert listed == expected
    if page["findings"]:
        last = page["offset"] + len(page["findings"])
        assert f"Findings {page['offset'] + 1}-{last} of {page['total']}" in text
    if page["has_more"]:
        assert f"offset={page['next_offset']}" in text
    else:
        assert "call again with offset" not in text
    for severity, n in page["summary"]["by_severity"].items():
        assert (f"{n} {severity}" in text) == (n > 0)


def test_suggest_fix_answers_with_the_diff_and_the_whole_code_on_request() -> None:
    code = (EXAMPLES / "app.py").read_text(encoding="utf-8")
    calls = [
        ("suggest_fix", {"vulnerable_code": code, "language": "python"}),
        ("suggest_fix", {"vulnerable_code": code, "language": "python", "detail": "full"}),
    ]
    brief, full = _call_all(calls)
    assert brief.structured_content["fixed_code"] is None and brief.structured_content["diff"].startswith(
        "---"
    )
    assert brief.structured_content["diff"].rstrip() in text_of(brief)
    assert full.structured_content["fixed_code"] and "original" not in full.structured_content


def test_brief_messages_keep_their_first_whole_sentence() -> None:
    hint = 'Pass the arguments as a list, e.g. `run(["ls", path])`. Never use a shell.'
    assert short(hint) == 'Pass the arguments as a list, e.g. `run(["ls", path])`.'
    assert short("x" * 300).endswith("…") and len(short("x" * 300)) == 200


def test_findings_page_size_honours_the_configured_maximum(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VSGUARD_MAX_FINDINGS", "7")
    data = run(lambda c: c.call_tool("scan_code", {"code": DENSE, "language": "python", "limit": 50}))
    assert len(data.structured_content["findings"]) == 7 and data.structured_content["next_offset"] == 7


def test_scan_text_and_structured_agree_on_the_examples() -> None:
    calls: list[tuple[str, dict[str, Any]]] = [
        ("scan_code", {"code": (EXAMPLES / "app.py").read_text(encoding="utf-8"), "filename": "app.py"}),
        ("scan_code", {"code": (EXAMPLES / "server.js").read_text(encoding="utf-8"), "limit": 3}),
        ("scan_code", {"code": DENSE, "language": "py", "min_severity": "critical"}),
        ("scan_files", {"paths": [str(EXAMPLES)], "limit": 5, "offset": 2}),
    ]
    for result in _call_all(calls):
        assert not result.is_error, text_of(result)
        _assert_text_matches(text_of(result), result.structured_content)


def test_requirement_pages_hold_every_requirement_once_and_text_lists_the_same() -> None:
    results, pages = _pages("check_security_requirements", {"code_type": "authentication"}, "requirements")
    ids = [r["id"] for page in pages for r in page["requirements"]]
    assert len(ids) == len(set(ids)) == pages[0]["total"] > 20
    for result, page in zip(results, pages, strict=True):
        assert re.findall(r"^- \*\*(V[\d.]+)\*\*", text_of(result), re.M) == [
            r["id"] for r in page["requirements"]
        ]
    first = pages[0]["requirements"]
    assert all(r["example"] is None and r["guidance"] is None for r in first)  # brief by default


def test_examples_and_full_detail_on_request() -> None:
    args = {"code_type": "authentication", "language": "python", "limit": 5}
    calls = [
        ("check_security_requirements", {**args, "include_examples": True}),
        ("check_security_requirements", {**args, "detail": "full"}),
    ]
    with_examples, full = (r.structured_content for r in _call_all(calls))
    assert any(r["example"] for r in with_examples["requirements"])
    assert all(r["guidance"] and r["other_version_ids"] is not None for r in full["requirements"])


def test_input_schema_describes_every_parameter_with_enums() -> None:
    async def body(client: Client) -> Any:
        return (await client.list_tools()).tools

    tools = {t.name: t.input_schema for t in run(body)}
    for name, schema in tools.items():
        for arg, spec in schema["properties"].items():
            assert spec.get("description"), (name, arg)

    def enum(spec: dict[str, Any]) -> list[Any]:
        options = spec.get("anyOf", [spec])
        return next(o["enum"] for o in options if "enum" in o)

    req = tools["check_security_requirements"]["properties"]
    assert enum(req["code_type"]) == list(CODE_TYPES)
    assert set(enum(req["language"])) == set(GRAMMARS)
    assert enum(req["asvs_version"]) == ["5.0.0", "4.0.3"]
    assert enum(req["detail"]) == ["brief", "full"]
    assert enum(tools["scan_code"]["properties"]["min_severity"]) == [
        "info",
        "low",
        "medium",
        "high",
        "critical",
    ]
    assert enum(tools["get_requirement"]["properties"]["version"]) == ["5.0.0", "4.0.3"]
    assert set(get_args(params.Language)) == set(GRAMMARS)


@pytest.mark.parametrize(
    ("tool", "args", "sentence"),
    [
        ("scan_code", {}, "error: missing required argument `code`"),
        ("scan_code", {"code": 5}, "error: `code` must be a string"),
        ("scan_code", {"code": "x = 1", "limit": 0}, "error: `limit` must be at least 1"),
        ("check_security_requirements", {"code_type": "astrology"}, "error: `code_type` must be one of"),
        ("search_requirements", {"query": "x", "limit": "many"}, "error: `limit` must be an integer"),
        ("scan_files", {"paths": "app.py"}, "error: `paths` must be a list"),
    ],
)
def test_argument_mistakes_get_one_plain_sentence(tool: str, args: dict[str, Any], sentence: str) -> None:
    result = run(lambda c: c.call_tool(tool, args))
    text = text_of(result)
    assert result.is_error and text.startswith(sentence), text
    assert "\n" not in text and "pydantic" not in text and "validation error" not in text


def test_aliases_still_pass_the_enums() -> None:
    args = {"code_type": "Session Management", "language": "Py", "asvs_version": "v4"}
    result = run(lambda c: c.call_tool("check_security_requirements", args))
    assert not result.is_error, text_of(result)
    data = result.structured_content
    assert (data["code_type"], data["language"], data["asvs_version"]) == (
        "session_management",
        "python",
        "4.0.3",
    )


def test_resources_list_the_chapters() -> None:
    async def body(client: Client) -> Any:
        listed = (await client.list_resources()).resources
        return listed, await client.read_resource("asvs://5.0.0/V6")

    listed, chapter = run(body)
    uris = {str(r.uri) for r in listed}
    for version in ASVS_VERSIONS:
        expected = {f"asvs://{version}/{c.id}" for c in load_catalog().chapters_for(version)}
        assert expected and expected <= uris
    assert "## ASVS 5.0.0 V6 Authentication" in chapter.contents[0].text


@pytest.mark.parametrize(
    ("filename", "body"),
    [
        (".env", "DB_URL=postgres://u@h/db\nAWS_ACCESS_KEY_ID=AKIAZ7Q3XKDW9PL4M2NB\n"),
        ("config.yaml", "service:\n  aws_access_key_id: AKIAZ7Q3XKDW9PL4M2NB\n"),
        ("Dockerfile", "FROM python:3.12\nENV AWS_ACCESS_KEY_ID=AKIAZ7Q3XKDW9PL4M2NB\nUSER app\n"),
        ("deploy.sh", "#!/bin/sh\nexport AWS_ACCESS_KEY_ID=AKIAZ7Q3XKDW9PL4M2NB\n"),
    ],
)
def test_config_files_are_scanned_for_secrets(filename: str, body: str) -> None:
    result = run(lambda c: c.call_tool("scan_code", {"code": body, "filename": filename}))
    assert not result.is_error, text_of(result)
    findings = result.structured_content["findings"]
    assert [f["line"] for f in findings] == [body.count("\n", 0, body.index("AKIA")) + 1]
    assert 798 in findings[0]["cwe"] and "AKIAZ7Q3XKDW9PL4M2NB" not in text_of(result)


# --------------------------------------------------------------------------- scan_files


def _with_roots(roots: list[Path] | None, tool_args: dict[str, Any]) -> Any:
    async def list_roots(context: Any) -> ListRootsResult:
        return ListRootsResult(roots=[Root(uri=r.as_uri()) for r in roots or []])  # type: ignore[arg-type]

    async def main() -> Any:
        callback = list_roots if roots is not None else None
        async with Client(build_server(), list_roots_callback=callback) as client:
            return await client.call_tool("scan_files", tool_args)

    return asyncio.run(main())


@pytest.fixture
def shared(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    root.mkdir()
    (root / "app.py").write_text((EXAMPLES / "app.py").read_text(encoding="utf-8"), encoding="utf-8")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "secret.py").write_text("import os\nos.system('rm ' + arg)\n", encoding="utf-8")
    return root


def test_scan_files_inside_the_roots(shared: Path) -> None:
    result = _with_roots([shared], {"paths": ["app.py"]})
    assert not result.is_error, text_of(result)
    data = result.structured_content
    assert data["total"] > 3 and data["files_scanned"] == 1
    assert {f["path"] for f in data["findings"]} == {"app.py"}  # relative to the root


def test_scan_files_refuses_paths_outside_the_roots(shared: Path) -> None:
    elsewhere = shared.parent / "elsewhere"
    for path in (str(elsewhere / "secret.py"), "../elsewhere/secret.py", str(elsewhere)):
        result = _with_roots([shared], {"paths": [path]})
        assert result.is_error and "outside the shared roots" in text_of(result), text_of(result)


def test_scan_files_refuses_links_that_leave_the_roots(shared: Path) -> None:
    elsewhere = shared.parent / "elsewhere"
    (shared / "linked.py").symlink_to(elsewhere / "secret.py")
    (shared / "linked_dir").symlink_to(elsewhere, target_is_directory=True)
    for path in ("linked.py", "linked_dir", "linked_dir/secret.py"):
        result = _with_roots([shared], {"paths": [path]})
        assert result.is_error and "outside the shared roots (through a link)" in text_of(result), path
    # A link met while walking a shared folder is passed over, never followed out.
    walked = _with_roots([shared], {"paths": ["."]})
    assert not walked.is_error
    assert all(f["path"] == "app.py" for f in walked.structured_content["findings"])


def test_scan_files_without_client_roots_is_confined_to_the_working_directory(
    shared: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(shared)
    assert not _with_roots(None, {"paths": ["app.py"]}).is_error
    refused = _with_roots(None, {"paths": [str(shared.parent / "elsewhere")]})
    assert refused.is_error and str(shared) in text_of(refused)
    assert _with_roots([], {"paths": ["app.py"]}).is_error  # roots declared, none shared


def test_scan_files_refuses_more_files_than_the_limit(shared: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for n in range(3):
        (shared / f"m{n}.py").write_text("x = 1\n", encoding="utf-8")
    monkeypatch.setenv("VSGUARD_MAX_FILES", "3")
    refused = _with_roots([shared], {"paths": ["."]})
    assert refused.is_error and "more than 3 files" in text_of(refused)
    assert not _with_roots([shared], {"paths": ["app.py", "m0.py"]}).is_error


def _git(cwd: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@e", "GIT_COMMITTER_NAME": "t"}
    env["GIT_COMMITTER_EMAIL"] = "t@e"
    subprocess.run(["git", "-C", str(cwd), *args], check=True, capture_output=True, env=env)


def test_scan_files_diff_ref_keeps_findings_on_changed_lines(shared: Path) -> None:
    _git(shared, "init", "-q")
    _git(shared, "add", "app.py")
    _git(shared, "commit", "-q", "-m", "base")
    before = _with_roots([shared], {"paths": ["."], "limit": 50}).structured_content
    with (shared / "app.py").open("a", encoding="utf-8") as fh:
        fh.write("\n\ndef added(arg):\n    import os\n    os.system('ls ' + arg)\n")
    (shared / "new.py").write_text("import pickle\npickle.loads(blob)\n", encoding="utf-8")
    result = _with_roots([shared], {"paths": ["."], "diff_ref": "HEAD", "limit": 50})
    assert not result.is_error, text_of(result)
    data = result.structured_content
    lines = len((shared / "app.py").read_text(encoding="utf-8").splitlines())
    assert {(f["path"], f["line"]) for f in data["findings"]} >= {("app.py", lines)}
    assert all(f["path"] == "new.py" or f["line"] > lines - 3 for f in data["findings"])
    assert any(f["path"] == "new.py" for f in data["findings"])  # untracked: new as a whole
    assert data["summary"]["filtered"]["unchanged"] == before["total"]
    bad = _with_roots([shared], {"paths": ["."], "diff_ref": "--output=/tmp/x"})
    assert bad.is_error and "not a git revision" in text_of(bad)


def test_unified_zero_parsing() -> None:
    diff = (
        b"diff --git a/x.py b/x.py\n--- a/x.py\n+++ b/x.py\n@@ -3,0 +4,2 @@\n+a\n+b\n@@ -9 +11 @@\n-c\n+d\n"
        b"diff --git a/gone.py b/gone.py\n--- a/gone.py\n+++ /dev/null\n@@ -1,2 +0,0 @@\n-e\n-f\n"
    )
    assert parse_unified_zero(diff, Path("/r")) == {Path("/r/x.py"): frozenset({4, 5, 11})}
