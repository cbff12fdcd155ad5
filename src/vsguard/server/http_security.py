"""Streamable HTTP with what a network listener needs: a bearer token, Host/Origin checks that stay
on whatever the bind address, header and body read timeouts, and a cap on request size.

The SDK turns its DNS-rebinding checks on only for a few loopback names and has no authentication
or read timeouts of its own, so vsguard sets all of them explicitly here.
"""

from __future__ import annotations

import asyncio
import hmac
import ipaddress
import os
import re
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vsguard.config import Limits
from vsguard.records import record

if TYPE_CHECKING:
    from mcp.server import MCPServer
    from mcp.server.transport_security import TransportSecuritySettings
    from starlette.types import ASGIApp, Message, Receive, Scope, Send

TOKEN_ENV = "VSGUARD_AUTH_TOKEN"
HEADER_TIMEOUT_ENV = "VSGUARD_HTTP_HEADER_TIMEOUT"
BODY_TIMEOUT_ENV = "VSGUARD_HTTP_BODY_TIMEOUT"
MIN_TOKEN_CHARS = 16
_TOKEN_FILE_MAX_BYTES = 4096
_TOKEN_CHARS = re.compile(r"[\x21-\x7e]+")  # visible ASCII: what a bearer credential may hold
_HOST_NAME = re.compile(r"(\[[0-9a-f:.]+\]|[a-z0-9._-]+)(:[0-9]{1,5})?")
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")

DEFAULT_HEADER_TIMEOUT = 10.0  # seconds from connection (or the previous answer) to complete headers
DEFAULT_BODY_TIMEOUT = 30.0  # seconds to receive a whole request body
KEEP_ALIVE_TIMEOUT = 5  # seconds an idle connection stays open
MAX_HEADER_BYTES = 16 * 1024  # request line plus headers
MAX_CONNECTIONS = 512  # beyond this uvicorn answers 503
SHUTDOWN_GRACE = 5  # seconds open streams get on SIGTERM


def max_body_bytes(limits: Limits) -> int:
    """Request size cap: room for the largest accepted code argument after JSON escaping."""
    return 2 * limits.max_input_bytes + 1024 * 1024


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and `localhost`; any other name or address is a network bind."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _check_token(token: str, source: str) -> str:
    if not token:
        raise ValueError(f"{source} is empty; put a random token of {MIN_TOKEN_CHARS}+ characters in it")
    if not _TOKEN_CHARS.fullmatch(token):
        raise ValueError(f"{source} must hold printable ASCII without spaces")
    if len(token) < MIN_TOKEN_CHARS:
        raise ValueError(f"{source} is shorter than {MIN_TOKEN_CHARS} characters; use a longer random token")
    return token


def load_token(token_file: Path | None, environ: Mapping[str, str]) -> str | None:
    """The bearer token from `token_file` if given, else from VSGUARD_AUTH_TOKEN; None without either."""
    if token_file is not None:
        try:
            with token_file.open("rb") as handle:
                raw = handle.read(_TOKEN_FILE_MAX_BYTES + 1)
        except OSError as exc:
            raise ValueError(f"cannot read token file {token_file}: {exc.strerror or exc}") from None
        if len(raw) > _TOKEN_FILE_MAX_BYTES:
            raise ValueError(f"token file {token_file} is larger than {_TOKEN_FILE_MAX_BYTES} bytes")
        try:
            text = raw.decode("ascii")
        except UnicodeDecodeError:
            raise ValueError(f"token file {token_file} must hold printable ASCII without spaces") from None
        return _check_token(text.strip(), f"token file {token_file}")
    from_env = environ.get(TOKEN_ENV, "").strip()
    return _check_token(from_env, TOKEN_ENV) if from_env else None


def _host_forms(name: str) -> list[str]:
    """Host header values `name` stands for: with any port unless it names one."""
    name = name.strip().lower()
    try:
        if ":" in name and not name.startswith("["):
            name = f"[{ipaddress.IPv6Address(name)}]"
    except ValueError:
        pass
    match = _HOST_NAME.fullmatch(name)
    if match is None:
        raise ValueError(f"--allowed-host {name[:60]!r} is not a host name, IP address or host:port")
    return [name] if match.group(2) else [name, f"{name}:*"]


def transport_security(host: str, allowed_hosts: Sequence[str]) -> TransportSecuritySettings:
    """Host/Origin checks for the configured names, the bind address and the loopback names."""
    from mcp.server.transport_security import TransportSecuritySettings

    hosts: list[str] = []
    for name in (*allowed_hosts, host, *LOOPBACK_NAMES):
        hosts += [form for form in _host_forms(name) if form not in hosts]
    origins = [f"{scheme}://{form}" for form in hosts for scheme in ("http", "https")]
    return TransportSecuritySettings(
        enable_dns_rebinding_protection=True, allowed_hosts=hosts, allowed_origins=origins
    )


def _env_seconds(name: str, default: float, environ: Mapping[str, str]) -> float:
    raw = environ.get(name, "").strip()
    if not raw:
        return default
    try:
        seconds = float(raw)
    except ValueError:
        raise ValueError(f"{name} must be a number of seconds, not {raw[:60]!r}") from None
    if not 0 < seconds <= 3600:
        raise ValueError(f"{name} must be between 0 and 3600 seconds")
    return seconds


@record(frozen=True)
class HttpOptions:
    host: str
    port: int
    token: str | None
    allowed_hosts: tuple[str, ...]
    header_timeout: float
    body_timeout: float
    max_body_bytes: int

    @classmethod
    def resolve(
        cls,
        host: str,
        port: int,
        token_file: Path | None = None,
        allowed_hosts: Sequence[str] = (),
        environ: Mapping[str, str] | None = None,
    ) -> HttpOptions:
        """Validated options; a ValueError says in one line what is wrong and how to proceed."""
        env = os.environ if environ is None else environ
        if not 1 <= port <= 65535:
            raise ValueError(f"--port must be between 1 and 65535, not {port}")
        token = load_token(token_file, env)
        if token is None and not is_loopback(host):
            raise ValueError(
                f"refusing to serve on {host} without authentication: give a token with "
                f"--auth-token-file PATH or {TOKEN_ENV}, and put a TLS-terminating proxy in front "
                "(vsguard speaks plain HTTP); or bind to 127.0.0.1"
            )
        for name in allowed_hosts:
            _host_forms(name)  # refuse a malformed name at start, not on the first request
        return cls(
            host=host,
            port=port,
            token=token,
            allowed_hosts=tuple(allowed_hosts),
            header_timeout=_env_seconds(HEADER_TIMEOUT_ENV, DEFAULT_HEADER_TIMEOUT, env),
            body_timeout=_env_seconds(BODY_TIMEOUT_ENV, DEFAULT_BODY_TIMEOUT, env),
            max_body_bytes=max_body_bytes(Limits.from_env()),
        )


async def _reject(send: Send, status: int, text: str, headers: Sequence[tuple[bytes, bytes]] = ()) -> None:
    # The rest of the request is not read, so the connection cannot be reused.
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"connection", b"close"), *headers],
        }
    )
    await send({"type": "http.response.body", "body": text.encode()})


class GuardedApp:
    """ASGI wrapper: bearer token first, then the whole body read within a time and size limit."""

    def __init__(self, app: ASGIApp, token: str | None, max_body_bytes: int, body_timeout: float) -> None:
        self.app = app
        self.token = token.encode() if token is not None else None
        self.max_body_bytes = max_body_bytes
        self.body_timeout = body_timeout

    def _header(self, scope: Scope, name: bytes) -> bytes | None:
        return next((value for key, value in scope["headers"] if key == name), None)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":  # the session manager starts and stops here
            await self.app(scope, receive, send)
            return
        if scope["type"] != "http":  # MCP has no WebSocket transport: refuse rather than route it
            await send({"type": "websocket.close", "code": 1008})
            return
        if self.token is not None:
            scheme, _, credential = (self._header(scope, b"authorization") or b"").partition(b" ")
            if scheme.lower() != b"bearer" or not hmac.compare_digest(credential.strip(), self.token):
                challenge = b'Bearer realm="vsguard"' + (b', error="invalid_token"' if credential else b"")
                await _reject(send, 401, "authentication required\n", [(b"www-authenticate", challenge)])
                return
        declared = self._header(scope, b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_body_bytes:
            await _reject(send, 413, f"request body larger than {self.max_body_bytes} bytes\n")
            return
        await self._with_body(scope, receive, send)

    async def _with_body(self, scope: Scope, receive: Receive, send: Send) -> None:
        import anyio

        body = bytearray()
        complete = False
        pending: list[Message] = []
        with anyio.move_on_after(self.body_timeout) as deadline:
            while not complete:
                message = await receive()
                if message["type"] != "http.request":
                    pending.append(message)  # the client went away: pass that on
                    break
                body += message.get("body", b"")
                if len(body) > self.max_body_bytes:
                    await _reject(send, 413, f"request body larger than {self.max_body_bytes} bytes\n")
                    return
                complete = not message.get("more_body", False)
        if deadline.cancelled_caught:
            await _reject(send, 408, f"request body not received within {self.body_timeout:g} s\n")
            return
        pending.insert(0, {"type": "http.request", "body": bytes(body), "more_body": not complete})

        async def replay() -> Message:
            return pending.pop(0) if pending else await receive()

        await self.app(scope, replay, send)


def header_timeout_protocol(seconds: float) -> type[asyncio.Protocol]:
    """uvicorn's h11 protocol, closing a connection whose request headers are not complete in time.

    uvicorn bounds header size but not the time taken to send them; without this a client
    trickling one byte at a time holds a connection open indefinitely.
    """
    import h11
    from uvicorn.protocols.http.h11_impl import H11Protocol

    class HeaderTimeoutProtocol(H11Protocol):
        _header_deadline: asyncio.TimerHandle | None = None

        def connection_made(self, transport: asyncio.BaseTransport) -> None:
            super().connection_made(transport)  # type: ignore[arg-type]
            self._arm_header_deadline()

        def on_response_complete(self) -> None:
            super().on_response_complete()
            self._arm_header_deadline()  # the next request on this connection gets the same time

        def connection_lost(self, exc: Exception | None) -> None:
            if self._header_deadline is not None:
                self._header_deadline.cancel()
            super().connection_lost(exc)

        def _arm_header_deadline(self) -> None:
            if self._header_deadline is not None:
                self._header_deadline.cancel()
            self._header_deadline = self.loop.call_later(seconds, self._header_deadline_passed)

        def _header_deadline_passed(self) -> None:
            # IDLE: the client has not finished the request line and headers of its next request.
            if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
                self.transport.close()

    return HeaderTimeoutProtocol


def run_http(server: MCPServer, options: HttpOptions) -> None:
    import uvicorn

    app = server.streamable_http_app(
        max_request_body_size=options.max_body_bytes,
        transport_security=transport_security(options.host, options.allowed_hosts),
        host=options.host,
    )
    guarded = GuardedApp(app, options.token, options.max_body_bytes, options.body_timeout)
    if not is_loopback(options.host):
        print(
            f"vsguard: serving plain HTTP on {options.host}:{options.port}; "
            "clients must reach it through a TLS-terminating proxy",
            file=sys.stderr,
        )
    settings: dict[str, Any] = {
        "host": options.host,
        "port": options.port,
        "log_level": "warning",
        "http": header_timeout_protocol(options.header_timeout),
        "timeout_keep_alive": KEEP_ALIVE_TIMEOUT,
        "h11_max_incomplete_event_size": MAX_HEADER_BYTES,
        "limit_concurrency": MAX_CONNECTIONS,
        "timeout_graceful_shutdown": SHUTDOWN_GRACE,
        "server_header": False,
    }
    uvicorn.Server(uvicorn.Config(guarded, **settings)).run()
