"""`vsguard hook`: the agents' hook entry point (one process per edit, so it imports little).

Whatever goes wrong inside vsguard (a broken settings file, an unreadable payload, a crash) ends
with exit 0 and a one-line warning on stderr: an agent must never be stuck behind a broken tool.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any

# Hook payloads carry at most a file's content and an edit; anything far larger is not one.
_MAX_PAYLOAD_BYTES = 32_000_000
AGENT_NAMES = ("claude-code", "cursor")


def add_parser(sub: Any) -> None:
    hook = sub.add_parser(
        "hook",
        help="agent hook: check what an agent just wrote (JSON payload on stdin)",
        description=(
            "Reads the agent's hook payload on stdin. After an edit, exits 2 with the findings the "
            "edit introduced on stderr (at or above hook-threshold); at stop, asks the agent once to "
            "fix what the uncommitted changes add. Exits 0 with a warning if vsguard itself fails."
        ),
    )
    hook.add_argument("agent", nargs="?", choices=AGENT_NAMES, help="whose payload format to read")
    hook.add_argument(
        "--stdin-json",
        action="store_true",
        help='read {"path": ..., "content"?: ..., "before"?: ...} instead of an agent payload',
    )
    hook.set_defaults(func=run_hook)


def _read_payload() -> dict[str, Any]:
    data = sys.stdin.buffer.read(_MAX_PAYLOAD_BYTES + 1)
    if len(data) > _MAX_PAYLOAD_BYTES:
        raise ValueError(f"hook payload larger than {_MAX_PAYLOAD_BYTES} bytes")
    try:
        payload = json.loads(data.decode("utf-8"))
    except ValueError:
        raise ValueError("the hook payload on stdin is not JSON") from None
    if not isinstance(payload, dict):
        raise ValueError("the hook payload on stdin is not a JSON object")
    return payload


def run_hook(args: argparse.Namespace) -> int:
    if (args.agent is None) == (not args.stdin_json):
        print("vsguard hook: name the agent (claude-code, cursor) or give --stdin-json", file=sys.stderr)
        return 0
    try:
        from vsguard.hooks import agents

        payload = _read_payload()
        handler = agents.generic if args.stdin_json else agents.AGENTS[args.agent]
        reply = handler(payload)
    except KeyboardInterrupt:
        raise
    except Exception as exc:  # never block the agent on our own failure
        if os.environ.get("VSGUARD_DEBUG"):
            raise
        text = " ".join(str(exc).split())[:300] or type(exc).__name__
        print(f"vsguard hook: warning: {text}; the change was not checked", file=sys.stderr)
        return 0
    if reply.stdout:
        sys.stdout.write(reply.stdout)
        sys.stdout.flush()
    if reply.stderr:
        sys.stderr.write(reply.stderr)
    return reply.exit_code
