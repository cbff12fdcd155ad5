"""Load on the streamable-HTTP server: N concurrent MCP clients calling scan_code on loopback.

    python benchmarks/http_load.py                      # 32 clients x 20 calls on snippet_200.py
    python benchmarks/http_load.py --clients 8 --calls 50 --json

Starts `vsguard serve --transport http` itself on 127.0.0.1 with a fresh random token (so the
bearer check is part of every request), waits for it, makes one untimed warm-up call, then runs the
clients at once through the SDK's own streamable HTTP client. Each client opens one session and
makes a fixed number of calls, so the run ends by itself; a deadline stops it regardless. Reports
calls/s over the whole run, p50/p99/max latency per call, errors (error results and exceptions),
the server's CPU time per call (which other load on the machine moves far less than calls/s), and
its resident memory (VmRSS from /proc, Linux) before and after the load, plus its peak (VmHWM).
The clients run in this process, so on a small machine they compete with the server for CPU.
Nothing here is needed by the test suite.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

from mcp import Client
from mcp.client.streamable_http import streamable_http_client
from mcp.shared._httpx_utils import create_mcp_http_client

HERE = Path(__file__).resolve().parent
SNIPPET = HERE / "snippet_200.py"
HOST = "127.0.0.1"
START_TIMEOUT = 60.0


@dataclass
class LoadResult:
    clients: int
    calls_per_client: int
    snippet_lines: int
    calls: int
    errors: int
    seconds: float
    calls_per_second: float
    p50_ms: float
    p99_ms: float
    max_ms: float
    server_cpu_ms_per_call: float
    rss_before_mb: float
    rss_after_mb: float
    peak_rss_mb: float
    cpus: int


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        port: int = s.getsockname()[1]
        return port


def _status_mb(pid: int, field: str) -> float:
    """A memory figure (VmRSS, VmHWM) of process `pid` in MiB, from /proc/PID/status."""
    for line in Path(f"/proc/{pid}/status").read_text(encoding="ascii").splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"{field} not in /proc/{pid}/status")


def _cpu_seconds(pid: int) -> float:
    """User plus system CPU time of process `pid`, from /proc/PID/stat."""
    fields = Path(f"/proc/{pid}/stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _start_server(port: int, token_file: Path) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if k != "VSGUARD_AUTH_TOKEN"}
    cmd = [sys.executable, "-m", "vsguard", "serve", "--transport", "http"]
    cmd += ["--host", HOST, "--port", str(port), "--auth-token-file", str(token_file)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited: {proc.stderr.read().decode() if proc.stderr else ''}")
        try:
            with socket.create_connection((HOST, port), timeout=0.5):
                return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError(f"server did not start within {START_TIMEOUT:g} s")


@asynccontextmanager
async def _client(url: str, token: str) -> AsyncIterator[Client]:
    async with (
        create_mcp_http_client(headers={"Authorization": f"Bearer {token}"}) as http_client,
        Client(streamable_http_client(url, http_client=http_client)) as client,
    ):
        yield client


async def _one_client(url: str, token: str, code: str, calls: int, latencies: list[float]) -> int:
    """Make `calls` scan_code calls in one session; the number that failed."""
    errors = 0
    async with _client(url, token) as client:
        for _ in range(calls):
            started = time.perf_counter()
            try:
                result = await client.call_tool("scan_code", {"code": code, "language": "python"})
                errors += bool(result.is_error)
            except Exception:  # counted, not fatal: the figure is how many calls failed
                errors += 1
            latencies.append(time.perf_counter() - started)
    return errors


async def _load(
    url: str, token: str, code: str, clients: int, calls: int, deadline: float
) -> tuple[int, float, list[float]]:
    async with _client(url, token) as client:  # warm-up: rules and parsers load on the first scan
        await client.call_tool("scan_code", {"code": code, "language": "python"})
    latencies: list[float] = []
    started = time.perf_counter()
    outcomes = await asyncio.wait_for(
        asyncio.gather(
            *(_one_client(url, token, code, calls, latencies) for _ in range(clients)), return_exceptions=True
        ),
        timeout=deadline,
    )
    seconds = time.perf_counter() - started
    errors = sum(o if isinstance(o, int) else calls for o in outcomes)  # a client that failed: all its calls
    return errors, seconds, latencies


def _percentile(sorted_values: list[float], fraction: float) -> float:
    index = min(len(sorted_values) - 1, max(0, round(fraction * len(sorted_values)) - 1))
    return sorted_values[index]


def run(clients: int, calls: int, snippet: Path, deadline: float) -> LoadResult:
    code = snippet.read_text(encoding="utf-8")
    token = secrets.token_urlsafe(32)
    port = _free_port()
    with tempfile.TemporaryDirectory() as tmp:
        token_file = Path(tmp) / "token"
        token_file.touch(mode=0o600)
        token_file.write_text(token, encoding="ascii")
        proc = _start_server(port, token_file)
        try:
            rss_before = _status_mb(proc.pid, "VmRSS")
            cpu_before = _cpu_seconds(proc.pid)
            errors, seconds, latencies = asyncio.run(
                _load(f"http://{HOST}:{port}/mcp", token, code, clients, calls, deadline)
            )
            server_cpu = _cpu_seconds(proc.pid) - cpu_before
            rss_after = _status_mb(proc.pid, "VmRSS")
            peak = _status_mb(proc.pid, "VmHWM")
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=5)
    ordered = sorted(latencies)
    return LoadResult(
        clients=clients,
        calls_per_client=calls,
        snippet_lines=len(code.splitlines()),
        calls=len(latencies),
        errors=errors,
        seconds=round(seconds, 2),
        calls_per_second=round(len(latencies) / seconds, 1),
        p50_ms=round(statistics.median(ordered) * 1000, 1),
        p99_ms=round(_percentile(ordered, 0.99) * 1000, 1),
        max_ms=round(ordered[-1] * 1000, 1),
        server_cpu_ms_per_call=round(server_cpu * 1000 / (len(latencies) + 1), 1),  # + the warm-up
        rss_before_mb=round(rss_before, 1),
        rss_after_mb=round(rss_after, 1),
        peak_rss_mb=round(peak, 1),
        cpus=len(os.sched_getaffinity(0)),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=32, help="concurrent MCP sessions (default 32)")
    parser.add_argument("--calls", type=int, default=20, help="scan_code calls per client (default 20)")
    parser.add_argument("--snippet", type=Path, default=SNIPPET, help="code each call scans")
    parser.add_argument("--deadline", type=float, default=600.0, help="stop the load after this many seconds")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    if not (1 <= args.clients <= 1024 and 1 <= args.calls <= 10_000):
        parser.error("--clients must be 1..1024 and --calls 1..10000")
    result = run(args.clients, args.calls, args.snippet, args.deadline)
    if args.json:
        print(json.dumps(asdict(result), indent=2))
    else:
        print(
            f"{result.clients} clients x {result.calls_per_client} scan_code calls "
            f"({result.snippet_lines}-line snippet, {result.cpus} CPUs): "
            f"{result.calls_per_second} calls/s, p50 {result.p50_ms} ms, p99 {result.p99_ms} ms, "
            f"max {result.max_ms} ms, {result.errors} errors; server CPU "
            f"{result.server_cpu_ms_per_call} ms/call, RSS {result.rss_before_mb} MiB "
            f"before, {result.rss_after_mb} MiB after (peak {result.peak_rss_mb} MiB)"
        )
    return 0 if result.errors == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
