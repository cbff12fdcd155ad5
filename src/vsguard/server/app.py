"""Build the MCP server and run it over stdio (default) or streamable HTTP (see http_security)."""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from vsguard import __version__

if TYPE_CHECKING:
    from mcp.server import MCPServer

INSTRUCTIONS = """\
vsguard keeps code you write secure against OWASP ASVS.
1. Before writing security-relevant code, call check_security_requirements(code_type, language, context).
2. After writing code, call scan_code(code, language or filename) and address every high/critical finding.
3. For findings marked fixable, call suggest_fix(code) to get a rewrite proven by rescanning.
Look requirements up with get_requirement / search_requirements; ids of ASVS 5.0.0 and 4.0.3 both work.
"""


def build_server() -> MCPServer:
    # Imported here so that refused options are reported before the SDK and the tools load.
    from mcp.server import MCPServer

    from vsguard.server import prompts, resources_rules, tools_catalog, tools_core, tools_files
    from vsguard.server.argument_limits import ArgumentLimits

    server = MCPServer(
        "vsguard",
        title="vsguard security guardrail",
        description="OWASP ASVS requirements, taint-aware security scanning and verified fixes.",
        instructions=INSTRUCTIONS,
        version=__version__,
        middleware=[ArgumentLimits()],
    )
    tools_core.register(server)
    tools_catalog.register(server)
    tools_files.register(server)
    prompts.register(server)
    resources_rules.register(server)
    return server


def serve(
    transport: str = "stdio",
    host: str = "127.0.0.1",
    port: int = 8000,
    token_file: Path | None = None,
    allowed_hosts: Sequence[str] = (),
) -> None:
    """Run until stopped. A ValueError (one line) means the options were refused before start."""
    # stdout carries the protocol on stdio: every log line must go to stderr.
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    if transport == "stdio":
        if token_file is not None or allowed_hosts:
            raise ValueError("--auth-token-file and --allowed-host apply to --transport http only")
        build_server().run("stdio")
    elif transport == "http":
        from vsguard.server.http_security import HttpOptions, run_http

        options = HttpOptions.resolve(host, port, token_file, allowed_hosts)
        run_http(build_server(), options)
    else:
        raise ValueError(f"unknown transport {transport!r}; use stdio or http")
