"""Size limits on every argument a client sends, checked once for all tools, prompts and resources.

Tool arguments other than the code are names, ids, queries and short free text: a few thousand
characters at most. Checking them here, before any tool runs, keeps a megabyte `language` or `id`
from costing parse time and from being echoed back whole in an answer. Error messages quote at
most a short prefix of any argument.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

from mcp.server.context import CallNext, HandlerResult, ServerMiddleware, ServerRequestContext
from mcp.shared.exceptions import MCPError
from mcp_types import INVALID_PARAMS, CallToolResult

from vsguard.config import Limits
from vsguard.server.results import error_result

# The source text itself: bounded by VSGUARD_MAX_INPUT_BYTES (the scanner and fixer check bytes
# exactly; here a character count over the limit is refused before any work).
CODE_ARGUMENTS = frozenset({"code", "vulnerable_code"})
# Free text describing a feature: longer than a name, far shorter than code.
TEXT_ARGUMENTS = frozenset({"context", "feature"})
TEXT_MAX_CHARS = 10_000
# Everything else: language, filename, id, query, code_type, vulnerability_type, version, ...
DEFAULT_MAX_CHARS = 2_000
NAME_MAX_CHARS = 200  # a tool or prompt name
URI_MAX_CHARS = 2_000
MAX_ARGUMENTS = 32
ECHO_PREFIX_CHARS = 60  # the most of any argument an error message repeats
ERROR_MAX_CHARS = 1_000  # a backstop on the whole error text


def argument_limit(name: str, limits: Limits) -> int:
    if name in CODE_ARGUMENTS:
        return limits.max_input_bytes
    return TEXT_MAX_CHARS if name in TEXT_ARGUMENTS else DEFAULT_MAX_CHARS


def _size(value: Any) -> int | None:
    """Characters of a string; for anything else, of its JSON form; None when it has none."""
    if isinstance(value, str):
        return len(value)
    if value is None or isinstance(value, bool | float):
        return len(repr(value))
    if isinstance(value, int):  # about its decimal digits (str() refuses very long ints)
        return value.bit_length() * 3 // 10 + 1
    try:
        return len(json.dumps(value))
    except (TypeError, ValueError):  # not JSON after all (or ints too long to print)
        return None


def _name_problem(what: str, value: Any, bound: int) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        return f"{what} must be a string"
    if len(value) > bound:
        return f"{what} is {len(value):,} characters; the limit is {bound:,}"
    return None


def arguments_problem(arguments: Any, limits: Limits) -> str | None:
    """Why these arguments are refused, without quoting them; None when they are within limits."""
    if arguments is None:
        return None
    if not isinstance(arguments, Mapping):
        return "arguments must be an object"
    if len(arguments) > MAX_ARGUMENTS:
        return f"{len(arguments)} arguments given; the limit is {MAX_ARGUMENTS}"
    for name, value in arguments.items():
        if not isinstance(name, str) or len(name) > NAME_MAX_CHARS:
            return f"an argument name is longer than {NAME_MAX_CHARS} characters"
        bound = argument_limit(name, limits)
        size = _size(value)
        if size is not None and size <= bound:
            continue
        if name in CODE_ARGUMENTS:
            return (
                f"`{name}` is larger than the {bound}-byte limit (VSGUARD_MAX_INPUT_BYTES); "
                "scan or fix it in smaller pieces"
            )
        if size is None:
            return f"`{name}` is not a value within the {bound:,}-character limit"
        return f"`{name}` is {size:,} characters; the limit is {bound:,}"
    return None


def request_problem(method: str, params: Mapping[str, Any] | None, limits: Limits) -> str | None:
    """Why an MCP request is refused for its size; None for methods without client-chosen text."""
    if params is None:
        return None
    if method in ("tools/call", "prompts/get"):
        return _name_problem("`name`", params.get("name"), NAME_MAX_CHARS) or arguments_problem(
            params.get("arguments"), limits
        )
    if method == "resources/read":
        return _name_problem("`uri`", params.get("uri"), URI_MAX_CHARS)
    return None


_LONG_QUOTED = re.compile(rf"(['\"`])([^'\"`\n]{{{ECHO_PREFIX_CHARS + 1},}})\1")


def _long_strings(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        if len(value) > ECHO_PREFIX_CHARS:
            yield value
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from _long_strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _long_strings(item)


def shorten_echoes(text: str, params: Mapping[str, Any] | None) -> str:
    """`text` with every long argument it quotes cut to a short prefix, and the whole kept short."""
    for value in sorted(set(_long_strings(params)), key=len, reverse=True):
        # The argument as given, trimmed, and as repr() or JSON escape it.
        forms = {value, value.strip(), repr(value)[1:-1], json.dumps(value)[1:-1]}
        for form in sorted(forms, key=len, reverse=True):
            if len(form) > ECHO_PREFIX_CHARS:
                pattern = re.compile(re.escape(form), re.IGNORECASE)
                text = pattern.sub(lambda m: m.group(0)[:ECHO_PREFIX_CHARS] + "…", text)
    # Whatever a message quotes is input it repeats, possibly transformed (a URI's last segment).
    text = _LONG_QUOTED.sub(lambda m: m.group(1) + m.group(2)[:ECHO_PREFIX_CHARS] + "…" + m.group(1), text)
    return text if len(text) <= ERROR_MAX_CHARS else text[:ERROR_MAX_CHARS] + "…"


def _shorten_tool_error(result: HandlerResult, params: Mapping[str, Any] | None) -> HandlerResult:
    """A `tools/call` error answer (the wire dict the chain returns) with long echoes cut."""
    if isinstance(result, CallToolResult):
        result = result.model_dump(mode="json", by_alias=True, exclude_none=True)
    if not isinstance(result, dict) or not result.get("isError"):
        return result
    content = [
        {**block, "text": shorten_echoes(block["text"], params)}
        if isinstance(block, dict) and isinstance(block.get("text"), str)
        else block
        for block in result.get("content", [])
    ]
    return {**result, "content": content}


class ArgumentLimits(ServerMiddleware[Any]):
    """Refuses oversized requests before validation or any tool runs; shortens echoes in errors."""

    async def __call__(self, ctx: ServerRequestContext[Any, Any], call_next: CallNext) -> HandlerResult:
        params = ctx.params
        problem = request_problem(ctx.method, params, Limits.from_env())
        if problem is not None:
            if ctx.method == "tools/call":  # a tool answer the model reads, like any bad input
                return error_result(problem)
            raise MCPError(code=INVALID_PARAMS, message=problem)
        try:
            result = await call_next(ctx)
        except MCPError as exc:
            message = shorten_echoes(exc.error.message, params)
            if message == exc.error.message:
                raise
            raise MCPError(code=exc.error.code, message=message) from None
        return _shorten_tool_error(result, params) if ctx.method == "tools/call" else result
