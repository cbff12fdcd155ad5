"""Bad tool arguments answered in one plain sentence that names the argument.

The SDK rejects arguments that do not fit a tool's input schema with pydantic's full error dump
(every failed union branch, links to pydantic's docs). A model reads one sentence better, so the
arguments are checked here first, against the same argument model the SDK would use.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from mcp.server import MCPServer
from mcp.server.context import CallNext, HandlerResult, ServerRequestContext
from pydantic import ValidationError

from vsguard.server.results import error_result

log = logging.getLogger("vsguard.server")

_MARK = "_vsguard_argument_check"
_TYPE_WORDS = {
    "string_type": "a string",
    "int_type": "an integer",
    "int_parsing": "an integer",
    "int_from_float": "an integer",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list",
    "dict_type": "an object",
    "float_type": "a number",
    "float_parsing": "a number",
}


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:39] + "…"


def plain_message(exc: ValidationError) -> str:
    """The first problem of `exc` as one sentence; further problems are counted, not listed."""
    errors = exc.errors(include_url=False)
    first = errors[0]
    # Optional arguments are `X | None` unions: pydantic reports one error per branch, the last
    # part of `loc` naming the branch; the argument is the first part.
    name = str(first["loc"][0]) if first["loc"] else "arguments"
    kind = first["type"]
    same = [e for e in errors if e["loc"] and str(e["loc"][0]) == name]
    literal = next((e for e in same if e["type"] == "literal_error"), None)
    if kind == "missing":
        sentence = f"missing required argument `{name}`"
    elif kind == "extra_forbidden":
        sentence = f"unknown argument `{name}`"
    elif literal is not None:
        expected = str((literal.get("ctx") or {}).get("expected", "")).replace("'", "")
        sentence = f"`{name}` must be one of {expected}, not {_shown(literal.get('input'))}"
    elif kind in ("greater_than_equal", "less_than_equal"):
        bound = (first.get("ctx") or {}).get("ge" if kind == "greater_than_equal" else "le")
        sentence = f"`{name}` must be {'at least' if kind == 'greater_than_equal' else 'at most'} {bound}"
    elif kind in _TYPE_WORDS:
        sentence = f"`{name}` must be {_TYPE_WORDS[kind]}"
    else:
        sentence = f"`{name}`: {first['msg']}"
    others = len({str(e["loc"][0]) for e in errors if e["loc"]} - {name})
    if others:
        sentence += f" (and {others} more argument problem{'s' if others > 1 else ''})"
    return sentence


def _arguments_of(params: Mapping[str, Any] | None) -> tuple[str, dict[str, Any]] | None:
    if not params or not isinstance(params.get("name"), str):
        return None
    arguments = params.get("arguments") or {}
    return (params["name"], arguments) if isinstance(arguments, dict) else None


def install(server: MCPServer) -> None:
    """Check `tools/call` arguments before the SDK does, answering a mismatch with `plain_message`.
    Installing twice on one server is harmless (each tool module installs it)."""
    if any(getattr(m, _MARK, False) for m in server.middleware):
        return
    # The SDK offers no public lookup of a registered tool; without this one the SDK's own
    # (longer) message stands.
    manager = getattr(server, "_tool_manager", None)

    async def check_arguments(ctx: ServerRequestContext[Any], call_next: CallNext) -> HandlerResult:
        call = _arguments_of(ctx.params) if ctx.method == "tools/call" else None
        tool = manager.get_tool(call[0]) if call and manager is not None else None
        if call is not None and tool is not None:
            try:
                tool.fn_metadata.validate_arguments(call[1])
            except ValidationError as exc:
                log.info("tool %r rejected arguments", call[0])
                return error_result(plain_message(exc))
        return await call_next(ctx)

    setattr(check_arguments, _MARK, True)
    server.middleware.append(check_arguments)
