"""The streamable-HTTP server as a network client meets it: token, bind rule, Host/Origin checks,
read timeouts, size caps. Every server runs in a subprocess on loopback; every wait is bounded."""

from __future__ import annotations

import asyncio
import http.client
import json
import os
import socket
import subprocess
import time
from collections.abc import AsyncIterator, Iterator, MutableMapping
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from mcp import Client
from mcp.client.streamable_http import streamable_http_client
from mcp.shared._httpx_utils import create_mcp_http_client
from mcp_helpers import SERVE_COMMAND, free_port, run, text_of

from vsguard.config import Limits
from vsguard.records import record
from vsguard.server.argument_limits import arguments_problem
from vsguard.server.http_security import TOKEN_ENV, GuardedApp, HttpOptions, is_loopback, transport_security

TOKEN = "vsguard-test-token-5d1c0f9e2b7a4c31"
ALLOWED_NAME = "mcp.example.test"
MAX_INPUT_BYTES = 50_000  # body cap 2 * 50,000 + 1 MiB
START_TIMEOUT = 60.0
INITIALIZE = {
    "jsonrpc": "2.0",
    "id": 1,
    "method": "initialize",
    "params": {
        "protocolVersion": "2025-06-18",
        "capabilities": {},
        "clientInfo": {"name": "vsguard-test", "version": "1"},
    },
}


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("VSGUARD_")}
    return {**env, **extra}


@record
class Server:
    host: str
    port: int
    proc: subprocess.Popen[bytes]

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/mcp"


def _start(host: str, args: list[str], env: dict[str, str]) -> Server:
    port = free_port()
    proc = subprocess.Popen(
        [*SERVE_COMMAND, "--transport", "http", "--host", host, "--port", str(port), *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited: {proc.stderr.read().decode() if proc.stderr else ''}")
        try:
            with socket.create_connection((host, port), timeout=0.5):
                return Server(host, port, proc)
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError(f"HTTP server did not start within {START_TIMEOUT:g} s")


def _stop(server: Server) -> None:
    server.proc.terminate()
    try:
        server.proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.proc.kill()
        server.proc.wait(timeout=5)


@pytest.fixture(scope="module")
def token_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("token") / "token"
    path.write_text(TOKEN + "\n", encoding="ascii")
    return path


@pytest.fixture(scope="module")
def guarded(token_file: Path) -> Iterator[Server]:
    """A server with a token, one extra allowed host, short read timeouts and a small input limit."""
    env = _env(
        VSGUARD_HTTP_HEADER_TIMEOUT="2",
        VSGUARD_HTTP_BODY_TIMEOUT="1",
        VSGUARD_MAX_INPUT_BYTES=str(MAX_INPUT_BYTES),
    )
    server = _start("127.0.0.1", ["--auth-token-file", str(token_file), "--allowed-host", ALLOWED_NAME], env)
    yield server
    _stop(server)


def _post(
    server: Server, body: bytes | dict[str, Any], headers: dict[str, str] | None = None
) -> http.client.HTTPResponse:
    conn = http.client.HTTPConnection(server.host, server.port, timeout=30)
    payload = body if isinstance(body, bytes) else json.dumps(body).encode()
    conn.request(
        "POST",
        "/mcp",
        body=payload,
        headers={
            "Content-Type": "application/json",
            "Accept": "application/json, text/event-stream",
            **(headers or {}),
        },
    )
    response = conn.getresponse()
    response.read()
    conn.close()
    return response


def _bearer(token: str = TOKEN) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@asynccontextmanager
async def _client_with_token(url: str) -> AsyncIterator[Client]:
    """The SDK's own streamable HTTP client, sending the bearer token on every request."""
    async with (
        create_mcp_http_client(headers=_bearer()) as http_client,
        Client(streamable_http_client(url, http_client=http_client)) as client,
    ):
        yield client


# --------------------------------------------------------------------------- authentication


def test_no_token_gets_401_with_a_bearer_challenge(guarded: Server) -> None:
    response = _post(guarded, INITIALIZE)
    assert response.status == 401
    assert response.getheader("WWW-Authenticate", "").startswith("Bearer")


@pytest.mark.parametrize(
    "header", [f"Bearer {TOKEN}x", f"Bearer {TOKEN[:-1]}", "Bearer bogus", f"Basic {TOKEN}", "Bearer"]
)
def test_wrong_token_gets_401(guarded: Server, header: str) -> None:
    response = _post(guarded, INITIALIZE, {"Authorization": header})
    assert response.status == 401
    assert response.getheader("WWW-Authenticate", "").startswith("Bearer")


def test_right_token_works_through_the_sdk_client(guarded: Server) -> None:
    async def main() -> tuple[set[str], Any]:
        async with _client_with_token(guarded.url) as client:
            tools = {t.name for t in (await client.list_tools()).tools}
            code = "import os\nos.system(input())\n"
            result = await client.call_tool("scan_code", {"code": code, "language": "python"})
            return tools, result

    tools, result = asyncio.run(asyncio.wait_for(main(), timeout=60))
    assert {"scan_code", "suggest_fix", "check_security_requirements"} <= tools
    assert not result.is_error and result.structured_content["findings"]


def test_sdk_client_without_the_token_cannot_connect(guarded: Server) -> None:
    async def main() -> Any:
        async with Client(guarded.url) as client:
            return await client.list_tools()

    with pytest.raises(Exception) as caught:  # the SDK wraps the 401 in its own types
        asyncio.run(asyncio.wait_for(main(), timeout=60))
    assert not isinstance(caught.value, TimeoutError)


# --------------------------------------------------------------------------- bind rule and start-up errors


def _serve_fails(args: list[str], env: dict[str, str]) -> str:
    proc = subprocess.run(
        [*SERVE_COMMAND, *args], capture_output=True, text=True, timeout=START_TIMEOUT, env=env, check=False
    )
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("vsguard: error:"), proc.stderr
    return lines[0]


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.0.2.10"])
def test_network_bind_without_a_token_is_refused(host: str) -> None:
    message = _serve_fails(["--transport", "http", "--host", host, "--port", str(free_port())], _env())
    assert host in message and "--auth-token-file" in message and "TLS" in message


@pytest.mark.parametrize("content", ["", "   \n", "short"])
def test_empty_or_weak_token_file_is_refused(tmp_path: Path, content: str) -> None:
    path = tmp_path / "token"
    path.write_text(content, encoding="ascii")
    message = _serve_fails(["--transport", "http", "--auth-token-file", str(path)], _env())
    assert str(path) in message


def test_unreadable_token_file_is_refused(tmp_path: Path) -> None:
    message = _serve_fails(["--transport", "http", "--auth-token-file", str(tmp_path / "missing")], _env())
    assert "cannot read token file" in message


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.8.9.10", True),
        ("::1", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("::", False),
        ("10.0.0.1", False),
        ("example.com", False),
    ],
)
def test_what_counts_as_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_token_from_the_environment_allows_a_network_bind_and_the_file_wins(tmp_path: Path) -> None:
    options = HttpOptions.resolve("0.0.0.0", 8000, environ={TOKEN_ENV: f"  {TOKEN}\n"})
    assert options.token == TOKEN
    other = tmp_path / "token"
    other.write_text("another-token-of-enough-length", encoding="ascii")
    assert HttpOptions.resolve("::", 8000, other, environ={TOKEN_ENV: TOKEN}).token == other.read_text()
    with pytest.raises(ValueError, match="without authentication"):
        HttpOptions.resolve("0.0.0.0", 8000, environ={TOKEN_ENV: "  "})


def test_allowed_hosts_cover_configured_names_bind_address_and_loopback() -> None:
    settings = transport_security("::1", ["Mcp.Example.com", "proxy.internal:8443"])
    assert settings.enable_dns_rebinding_protection
    assert {"mcp.example.com", "mcp.example.com:*", "proxy.internal:8443", "[::1]:*", "localhost:*"} <= set(
        settings.allowed_hosts
    )
    assert "proxy.internal:8443:*" not in settings.allowed_hosts
    assert "https://mcp.example.com" in settings.allowed_origins
    for bad in ("*", "a b", "evil.example/path", "http://x"):
        with pytest.raises(ValueError, match="--allowed-host"):
            transport_security("127.0.0.1", [bad])


# --------------------------------------------------------------------------- Host and Origin


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({"Host": "evil.example"}, 421),
        ({"Host": "evil.example:8000"}, 421),
        ({"Origin": "http://evil.example"}, 403),
        ({"Host": ALLOWED_NAME}, 200),
        ({"Host": f"{ALLOWED_NAME}:443", "Origin": f"https://{ALLOWED_NAME}"}, 200),
        ({"Host": "localhost:1234"}, 200),
    ],
)
def test_host_and_origin_checked_with_a_token(guarded: Server, headers: dict[str, str], status: int) -> None:
    assert _post(guarded, INITIALIZE, {**_bearer(), **headers}).status == status


def test_other_loopback_address_keeps_the_host_check() -> None:
    server = _start("127.0.0.2", [], _env())
    try:
        assert _post(server, INITIALIZE, {"Host": "evil.example"}).status == 421
        assert _post(server, INITIALIZE, {"Host": f"127.0.0.2:{server.port}"}).status == 200
    finally:
        _stop(server)


# --------------------------------------------------------------------------- read timeouts and size caps


def _closed_within(sock: socket.socket, seconds: float) -> bytes:
    """What the server sends before closing, waiting at most `seconds` in all."""
    sock.settimeout(seconds)
    received = b""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        chunk = sock.recv(65536)
        if not chunk:
            return received
        received += chunk
    raise AssertionError("server kept the connection open")


def test_incomplete_headers_are_cut_off(guarded: Server) -> None:
    with socket.create_connection((guarded.host, guarded.port), timeout=5) as sock:
        started = time.monotonic()
        sock.sendall(b"POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # never finished
        assert _closed_within(sock, 10) == b""
        assert time.monotonic() - started < 8


def test_slow_body_gets_408(guarded: Server) -> None:
    head = (
        f"POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {TOKEN}\r\n"
        "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"
    )
    with socket.create_connection((guarded.host, guarded.port), timeout=5) as sock:
        sock.sendall(head.encode())
        assert _closed_within(sock, 10).startswith(b"HTTP/1.1 408")


def test_oversized_body_gets_413(guarded: Server) -> None:
    size = 2 * MAX_INPUT_BYTES + 1024 * 1024 + 1
    head = (
        f"POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {TOKEN}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {size}\r\n\r\n"
    )
    with socket.create_connection((guarded.host, guarded.port), timeout=5) as sock:
        sock.sendall(head.encode())  # refused on the declared length, before any body is sent
        assert _closed_within(sock, 10).startswith(b"HTTP/1.1 413")


def test_streamed_body_over_the_cap_gets_413_without_reaching_the_app() -> None:
    """A chunked body declares no length: the cap applies to what arrives."""
    reached: list[bool] = []
    sent: list[MutableMapping[str, Any]] = []

    async def app(scope: Any, receive: Any, send: Any) -> None:
        reached.append(True)

    chunks = [{"type": "http.request", "body": b"x" * 400, "more_body": True} for _ in range(10)]

    async def receive() -> MutableMapping[str, Any]:
        return chunks.pop(0)

    async def send(message: MutableMapping[str, Any]) -> None:
        sent.append(message)

    guarded_app = GuardedApp(app, TOKEN, max_body_bytes=1_000, body_timeout=5)
    scope = {"type": "http", "headers": [(b"authorization", f"Bearer {TOKEN}".encode())]}
    asyncio.run(guarded_app(scope, receive, send))
    assert sent[0]["status"] == 413 and not reached and len(chunks) == 7


def test_oversized_argument_gets_a_short_error(guarded: Server) -> None:
    async def main() -> list[Any]:
        async with _client_with_token(guarded.url) as client:
            return [
                await client.call_tool("scan_code", {"code": "x = 1\n", "language": "q" * 300_000}),
                await client.call_tool("get_requirement", {"id": "V" * 1_500}),
            ]

    too_long, echoed = asyncio.run(asyncio.wait_for(main(), timeout=60))
    assert too_long.is_error and "`language`" in text_of(too_long) and len(text_of(too_long)) < 200
    assert echoed.is_error and "V" * 61 not in text_of(echoed) and len(text_of(echoed)) < 400


# --------------------------------------------------------------------------- argument limits, in process

LONG = "Zq" * 950  # under the 2,000-character cap, far over what an error may quote


@pytest.mark.parametrize(
    ("tool", "args"),
    [
        ("scan_code", {"code": "x = 1", "language": LONG}),
        ("scan_code", {"code": "x = 1", "language": "python", "min_severity": LONG}),
        ("check_security_requirements", {"code_type": LONG}),
        ("check_security_requirements", {"code_type": "authentication", "asvs_version": LONG}),
        ("check_security_requirements", {"code_type": "authentication", "level": LONG}),
        ("suggest_fix", {"vulnerable_code": "x = 1", "language": "python", "vulnerability_type": LONG}),
        ("get_requirement", {"id": LONG}),
        ("map_requirement", {"id": LONG}),
        ("requirements_for_cwe", {"cwe": LONG}),
        ("search_requirements", {"query": "sql", "chapter": LONG}),
    ],
)
def test_errors_quote_only_a_short_prefix_of_an_argument(tool: str, args: dict[str, Any]) -> None:
    result = run(lambda c: c.call_tool(tool, args))
    text = text_of(result)
    assert result.is_error
    assert "Zq" * 31 not in text.replace("zq", "Zq")  # at most 60 characters of it
    assert len(text) <= 1_001


@pytest.mark.parametrize(
    ("tool", "args", "name"),
    [
        ("scan_code", {"code": "x = 1", "filename": "a" * 2_001}, "filename"),
        ("scan_code", {"code": "x = 1", "context": "c" * 10_001}, "context"),
        ("check_security_requirements", {"code_type": "authentication", "context": ["c"] * 5_000}, "context"),
        ("search_requirements", {"query": "q" * 2_001}, "query"),
        ("get_requirement", {"id": "6.2.1", "language": "l" * 2_001}, "language"),
        ("suggest_fix", {"vulnerable_code": "x = 1", "rule_id": "r" * 2_001}, "rule_id"),
        ("get_requirement", {"id": "6.2.1", "unexpected": "u" * 2_001}, "unexpected"),
    ],
)
def test_every_argument_is_size_limited(tool: str, args: dict[str, Any], name: str) -> None:
    result = run(lambda c: c.call_tool(tool, args))
    assert result.is_error and f"`{name}`" in text_of(result) and len(text_of(result)) < 120


def test_context_under_its_cap_is_accepted() -> None:
    result = run(
        lambda c: c.call_tool("scan_code", {"code": "x = 1\n", "language": "python", "context": "c" * 9_000})
    )
    assert not result.is_error


def test_prompt_and_resource_arguments_are_limited() -> None:
    async def main(client: Client) -> list[str]:
        errors = []
        for call in (
            client.get_prompt("secure_feature", {"feature": "f" * 10_001}),
            client.read_resource("asvs://5.0.0/" + "V" * 2_001),
            client.read_resource("asvs://5.0.0/" + "V" * 1_900),
        ):
            try:
                await call
            except Exception as exc:
                errors.append(str(exc))
        return errors

    errors = run(main)
    assert len(errors) == 3
    assert "`feature`" in errors[0] and "`uri`" in errors[1]
    assert all("V" * 61 not in e and len(e) <= 1_001 for e in errors)


def test_argument_check_measures_values_of_any_json_type() -> None:
    limits = Limits()
    assert arguments_problem({"level": 3, "cwe": 79, "x": True, "y": None, "z": 1.5}, limits) is None
    assert "`level`" in (arguments_problem({"level": 10**20_000}, limits) or "")
    assert "`language`" in (arguments_problem({"language": [10**20_000]}, limits) or "")
    assert "`language`" in (arguments_problem({"language": {"k": "v" * 2_000}}, limits) or "")
    assert "33 arguments" in (arguments_problem({f"a{i}": 1 for i in range(33)}, limits) or "")
    assert arguments_problem({"code": "x" * 1_000}, Limits(max_input_bytes=999)) is not None
