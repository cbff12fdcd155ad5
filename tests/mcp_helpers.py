"""Driving vsguard as a real MCP client would: in memory, over stdio, over streamable HTTP."""

from __future__ import annotations

import asyncio
import socket
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from typing import Any

from mcp import Client
from mcp.client.stdio import StdioServerParameters

from vsguard.server.app import build_server

SERVE_COMMAND = [sys.executable, "-m", "vsguard", "serve"]


def run(coro_fn: Callable[[Client], Awaitable[Any]], server: Any = None) -> Any:
    """Open a client on `server` (default: an in-memory vsguard) and run `coro_fn` with it."""

    async def main() -> Any:
        async with Client(server if server is not None else build_server()) as client:
            return await coro_fn(client)

    return asyncio.run(main())


def stdio_params() -> StdioServerParameters:
    return StdioServerParameters(command=SERVE_COMMAND[0], args=SERVE_COMMAND[1:])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_http_server(port: int) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(
        [*SERVE_COMMAND, "--transport", "http", "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited: {proc.stderr.read().decode() if proc.stderr else ''}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("HTTP server did not start within 30 s")


def text_of(result: Any) -> str:
    return "".join(getattr(block, "text", "") for block in result.content)
