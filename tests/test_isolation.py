"""The outer wall: scans of untrusted input in worker processes that may hang, crash or bloat."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from mcp import Client
from mcp_helpers import free_port, run, start_http_server, stdio_params, text_of
from mcp_types import CallToolResult

from vsguard.config import Limits
from vsguard.engine import isolation
from vsguard.engine.scanner import scan_paths
from vsguard.models import ScanResult, SkipKind
from vsguard.records import replace

# Aborts the Python grammar's external scanner (an assertion in native code, not an exception).
DEEP = "if x:\n" + "".join(" " * i + "if x:\n" for i in range(1, 511)) + " " * 511 + 'y = "s"\n'

LEAKY = """
import hashlib
import sqlite3
API_KEY = "sk_live_4eC39HqLyjWDarjtT1zdp7dc"  # vsguard-test-marker

def find(conn, name):
    digest = hashlib.md5(name.encode()).hexdigest()
    return conn.execute("SELECT * FROM users WHERE name = '" + name + "'").fetchall(), digest
"""

FAST = Limits(max_seconds_per_file=1.0, kill_grace_seconds=0.5)


@pytest.fixture
def pool() -> Iterator[isolation.Pool]:
    made = isolation.Pool(2, FAST)
    # Both workers started and warm (rules compiled): timed calls then measure the scan and its
    # limits, not a worker's start-up, even on a loaded machine.
    made.start()
    warm = [
        threading.Thread(target=_scan, args=(LEAKY.replace("vsguard-test-marker", ""), made))
        for _ in range(2)
    ]
    for thread in warm:
        thread.start()
    for thread in warm:
        thread.join()
    yield made
    made.close()


def _scan(code: str, pool: isolation.Pool, limits: Limits = FAST) -> ScanResult:
    return isolation.scan_source(code, "python", limits=limits, path="leaky.py", pool=pool)


def _hook(monkeypatch: pytest.MonkeyPatch, behaviour: str) -> None:
    monkeypatch.setattr(isolation, "test_hook", (behaviour, "vsguard-test-marker"))


@pytest.mark.timeout(60)
def test_deep_file_through_the_cli_is_reported_not_fatal(tmp_path: Path) -> None:
    (tmp_path / "deep.py").write_text(DEEP)
    (tmp_path / "ok.py").write_text(LEAKY)
    proc = subprocess.run(
        [sys.executable, "-m", "vsguard", "scan", str(tmp_path), "-f", "json"],
        capture_output=True,
        text=True,
        timeout=50,
    )
    assert proc.returncode == 2, proc.stderr  # incomplete, not 134 (abort)
    report = json.loads(proc.stdout)
    skipped = {Path(s["path"]).name: s for s in report["skipped"]}
    assert skipped["deep.py"]["incomplete"] is True
    assert skipped["deep.py"]["kind"] in {"crashed", "too_deep", "parse_error"}
    assert report["summary"]["verdict"] == "incomplete"
    # The other file of the tree was still fully analysed.
    assert {f["rule_id"] for f in report["findings"] if f["path"].endswith("ok.py")} >= {"py-sql-injection"}


@pytest.mark.timeout(90)
def test_stdio_server_survives_a_crashing_input() -> None:
    async def body(client: Client) -> tuple[CallToolResult, CallToolResult, CallToolResult]:
        first = await client.call_tool("scan_code", {"code": DEEP, "language": "python"})
        fix = await client.call_tool("suggest_fix", {"vulnerable_code": DEEP, "language": "python"})
        second = await client.call_tool("scan_code", {"code": LEAKY, "language": "python"})
        return first, fix, second

    first, fix, second = run(body, server=stdio_params())
    assert first.is_error or first.structured_content["complete"] is False, text_of(first)
    assert fix.is_error or fix.structured_content["verified"] is False, text_of(fix)
    assert not second.is_error, text_of(second)
    assert {f["rule_id"] for f in second.structured_content["findings"]} >= {"py-sql-injection"}


@pytest.mark.timeout(90)
def test_http_server_serves_concurrent_clients_while_inputs_crash_workers() -> None:
    port = free_port()
    proc = start_http_server(port)
    try:

        async def body(client: Client) -> list[CallToolResult]:
            calls = [
                ("scan_code", {"code": DEEP if n % 2 else LEAKY, "language": "python"}) for n in range(6)
            ]
            return list(await asyncio.gather(*(client.call_tool(name, args) for name, args in calls)))

        results = run(body, server=f"http://127.0.0.1:{port}/mcp")
        assert proc.poll() is None  # still serving
        for n, result in enumerate(results):
            assert not result.is_error, text_of(result)
            assert result.structured_content["complete"] is (n % 2 == 0), text_of(result)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.mark.timeout(30)
def test_crash_is_reported_and_the_pool_goes_on(pool: isolation.Pool) -> None:
    result = _scan(DEEP, pool)
    assert [s.kind for s in result.skipped] in (
        [SkipKind.CRASHED],
        [SkipKind.TOO_DEEP],
        [SkipKind.PARSE_ERROR],
    )
    assert not result.summary.complete and result.summary.verdict == "incomplete"
    assert {f.rule_id for f in _scan(LEAKY, pool).findings} >= {"py-sql-injection", "hardcoded-secret"}


@pytest.mark.timeout(30)
def test_abort_keeps_the_secrets_found_without_parsing(
    pool: isolation.Pool, monkeypatch: pytest.MonkeyPatch
) -> None:
    _hook(monkeypatch, "abort")
    result = _scan(LEAKY, pool)
    (skip,) = result.skipped
    assert skip.kind == SkipKind.CRASHED and skip.incomplete and skip.partial
    assert "SIGABRT" in skip.reason
    assert [f.rule_id for f in result.findings] == ["hardcoded-secret"]


@pytest.mark.timeout(30)
def test_hang_in_native_code_is_killed_within_the_deadline(
    pool: isolation.Pool, monkeypatch: pytest.MonkeyPatch
) -> None:
    _hook(monkeypatch, "hang")  # deaf to the soft signal: only the kill stops it
    start = time.monotonic()
    result = _scan(LEAKY, pool)
    took = time.monotonic() - start
    deadline = FAST.max_seconds_per_file + FAST.kill_grace_seconds
    assert took < deadline + 1.0, took
    (skip,) = result.skipped
    assert skip.kind == SkipKind.TIME_LIMIT and skip.incomplete
    assert "hardcoded-secret" in {f.rule_id for f in result.findings}  # kept: found without parsing
    again = _scan(LEAKY, pool)
    assert again.summary.complete and "py-sql-injection" in {f.rule_id for f in again.findings}
    assert isolation.test_hook is None  # a hook fires once


@pytest.mark.timeout(30)
def test_stall_in_analysis_keeps_what_was_found(
    pool: isolation.Pool, monkeypatch: pytest.MonkeyPatch
) -> None:
    _hook(monkeypatch, "sleep-in-analysis")  # stalls in Python: the soft signal stops it there
    start = time.monotonic()
    result = _scan(LEAKY, pool)
    assert time.monotonic() - start < FAST.max_seconds_per_file + FAST.kill_grace_seconds + 1.0
    assert result.skipped and all(s.kind == SkipKind.TIME_LIMIT and s.partial for s in result.skipped)
    assert "time limit" in result.skipped[0].reason
    assert "hardcoded-secret" in {f.rule_id for f in result.findings}


@pytest.mark.timeout(30)
def test_memory_cap_is_enforced(monkeypatch: pytest.MonkeyPatch) -> None:
    capped = replace(FAST, worker_memory_mb=200)
    pool = isolation.Pool(1, capped)
    try:
        _hook(monkeypatch, "allocate:400")  # fits the machine easily; not the cap
        result = _scan(LEAKY, pool, capped)
        (skip,) = result.skipped
        assert skip.kind == SkipKind.MEMORY_LIMIT and skip.incomplete
        assert _scan(LEAKY, pool, capped).summary.complete
    finally:
        pool.close()


@pytest.mark.timeout(30)
def test_other_callers_are_served_while_a_worker_hangs(
    pool: isolation.Pool, monkeypatch: pytest.MonkeyPatch
) -> None:
    _hook(monkeypatch, "hang")
    results: dict[str, object] = {}
    slow = replace(FAST, max_seconds_per_file=5.0)  # long enough for a loaded machine to serve the rest
    hung = threading.Thread(target=lambda: results.setdefault("hung", _scan(LEAKY, pool, slow)))
    hung.start()
    time.sleep(0.3)  # the hanging call holds one of the two workers
    quick = [_scan(LEAKY.replace("vsguard-test-marker", "plain"), pool, Limits()) for _ in range(2)]
    assert hung.is_alive()  # served by the other worker while the first one hangs
    assert all(r.summary.complete for r in quick)
    hung.join()
    assert results["hung"].skipped[0].kind == SkipKind.TIME_LIMIT  # type: ignore[attr-defined]


@pytest.mark.timeout(60)
def test_path_scan_isolates_each_file_and_keeps_walk_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in range(20):
        (tmp_path / f"m{n:02}.py").write_text(LEAKY)
    baseline = scan_paths([tmp_path], limits=replace(FAST, isolation=False))  # in process
    (tmp_path / "m07-vsguard-test-marker.py").write_text(LEAKY)
    (tmp_path / "m13-deep.py").write_text(DEEP)
    _hook(monkeypatch, "hang")
    result = scan_paths([tmp_path], limits=FAST, jobs=2)
    kinds = {Path(s.path).name: s.kind for s in result.skipped}
    assert kinds["m07-vsguard-test-marker.py"] == SkipKind.TIME_LIMIT
    assert "m13-deep.py" in kinds
    healthy = [f for f in result.findings if "marker" not in str(f.path) and "deep" not in str(f.path)]
    assert healthy == list(baseline.findings)
    assert result.files_scanned == 22
