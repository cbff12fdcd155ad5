"""How every vsguard tool answers: markdown for the model, structured content for programs,
and a clear `error: ...` result for bad input, never a traceback."""

from __future__ import annotations

import logging
from collections.abc import Callable

from mcp_types import CallToolResult, TextContent, ToolAnnotations
from pydantic import BaseModel

log = logging.getLogger("vsguard.server")

READ_ONLY = ToolAnnotations(read_only_hint=True, idempotent_hint=True, open_world_hint=False)


def error_result(message: str) -> CallToolResult:
    return CallToolResult(content=[TextContent(type="text", text=f"error: {message}")], is_error=True)


def answer(markdown: str, out: BaseModel) -> CallToolResult:
    return CallToolResult(
        content=[TextContent(type="text", text=markdown)], structured_content=out.model_dump(mode="json")
    )


def guard(build: Callable[[], CallToolResult], what: str = "tool") -> CallToolResult:
    """Run a tool body; expected bad input becomes a clear error, anything else a short one."""
    try:
        return build()
    except (ValueError, LookupError) as exc:
        return error_result(str(exc))
    except Exception as exc:  # a tool must never hand a traceback to the model
        log.exception("%s failed", what)
        return error_result(f"internal error ({type(exc).__name__}); see the server log")
