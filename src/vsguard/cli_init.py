"""`vsguard init claude-code|cursor|vscode`: register the hook and the MCP server with an agent.

Entries are merged into the agent's own settings files: everything else in them is kept, our own
entries are updated in place, and a second run changes nothing. A file that is not a JSON object
is left alone with an error rather than rewritten.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from vsguard.records import record

SERVER_NAME = "vsguard"
_OURS = re.compile(r"(^|[\s/\\])vsguard(\.exe)?\s+hook\b|-m\s+vsguard\s+hook\b")
CLAUDE_EDIT_MATCHER = "Write|Edit|MultiEdit"


Merge = Callable[[dict[str, Any], Path, list[str]], None]


@record(frozen=True)
class Change:
    """A file `vsguard init` would write: its text now (None if absent) and after."""

    path: Path
    before: str | None  # None: the file does not exist yet
    after: str

    @property
    def changed(self) -> bool:
        return self.before != self.after


def vsguard_command() -> list[str]:
    """How the agent should start vsguard: by name when it is on PATH, else by full path."""
    import shutil

    if shutil.which("vsguard"):
        return ["vsguard"]
    script = Path(sys.argv[0])
    if script.name.startswith("vsguard") and script.exists():
        return [str(script.resolve())]
    return [sys.executable, "-m", "vsguard"]


def _load(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise ValueError(
            f"{path} is not plain JSON (comments?); left unchanged, add the entries by hand"
        ) from None
    if not isinstance(data, dict):
        raise ValueError(f"{path} does not hold a JSON object; left unchanged")
    return data


def _table(parent: dict[str, Any], key: str, path: Path) -> dict[str, Any]:
    value = parent.setdefault(key, {})
    if not isinstance(value, dict):
        raise ValueError(f"{path}: {key!r} is not an object; left unchanged")
    return value


def _list(parent: dict[str, Any], key: str, path: Path) -> list[Any]:
    value = parent.setdefault(key, [])
    if not isinstance(value, list):
        raise ValueError(f"{path}: {key!r} is not a list; left unchanged")
    return value


def _is_ours(entry: object) -> bool:
    return (
        isinstance(entry, dict)
        and isinstance(entry.get("command"), str)
        and bool(_OURS.search(entry["command"]))
    )


def _merge_claude_hooks(data: dict[str, Any], path: Path, command: list[str]) -> None:
    hooks = _table(data, "hooks", path)
    wanted = {"PostToolUse": CLAUDE_EDIT_MATCHER, "Stop": None, "SubagentStop": None}
    for event, matcher in wanted.items():
        groups = _list(hooks, event, path)
        ours = {"type": "command", "command": shlex.join([*command, "hook", "claude-code"])}
        for group in groups:
            inner = group.get("hooks") if isinstance(group, dict) else None
            if isinstance(inner, list) and any(_is_ours(h) for h in inner):
                for i, entry in enumerate(inner):
                    if _is_ours(entry):
                        inner[i] = {**entry, **ours}
                if matcher is not None:
                    group["matcher"] = matcher
                break
        else:
            group = {"matcher": matcher, "hooks": [ours]} if matcher else {"hooks": [ours]}
            groups.append(group)


def _merge_cursor_hooks(data: dict[str, Any], path: Path, command: list[str]) -> None:
    data.setdefault("version", 1)
    hooks = _table(data, "hooks", path)
    for event in ("afterFileEdit", "stop"):
        entries = _list(hooks, event, path)
        ours = {"command": shlex.join([*command, "hook", "cursor"])}
        for i, entry in enumerate(entries):
            if _is_ours(entry):
                entries[i] = {**entry, **ours}
                break
        else:
            entries.append(ours)


def _merge_server(key: str, with_type: bool) -> Merge:
    def merge(data: dict[str, Any], path: Path, command: list[str]) -> None:
        servers = _table(data, key, path)
        program, *args = command
        entry: dict[str, Any] = {"type": "stdio"} if with_type else {}
        entry.update({"command": program, "args": [*args, "serve"]})
        old = servers.get(SERVER_NAME)
        servers[SERVER_NAME] = {**old, **entry} if isinstance(old, dict) else entry

    return merge


def _vscode_user_dir() -> Path:
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "Code" / "User"
    if os.name == "nt":
        return Path(os.environ.get("APPDATA", Path.home() / "AppData" / "Roaming")) / "Code" / "User"
    return Path(os.environ.get("XDG_CONFIG_HOME", Path.home() / ".config")) / "Code" / "User"


def targets(agent: str, user: bool, project: Path) -> list[tuple[Path, Merge]]:
    """The files to update for `agent`, with how each is merged."""
    home = Path.home()
    if agent == "claude-code":
        settings = (home / ".claude" if user else project / ".claude") / "settings.json"
        mcp = home / ".claude.json" if user else project / ".mcp.json"
        return [(settings, _merge_claude_hooks), (mcp, _merge_server("mcpServers", with_type=True))]
    if agent == "cursor":
        folder = home / ".cursor" if user else project / ".cursor"
        return [
            (folder / "hooks.json", _merge_cursor_hooks),
            (folder / "mcp.json", _merge_server("mcpServers", False)),
        ]
    folder = _vscode_user_dir() if user else project / ".vscode"
    return [(folder / "mcp.json", _merge_server("servers", with_type=True))]


def plan(agent: str, user: bool, project: Path, command: list[str]) -> list[Change]:
    changes: list[Change] = []
    for path, merge in targets(agent, user, project):
        before = path.read_text(encoding="utf-8") if path.exists() else None
        data = _load(path)
        merge(data, path, command)
        changes.append(Change(path, before, json.dumps(data, indent=2, ensure_ascii=False) + "\n"))
    return changes


def _write(change: Change) -> None:
    import tempfile  # here, not at the top: `vsguard scan` builds this parser too

    change.path.parent.mkdir(parents=True, exist_ok=True)
    mode = change.path.stat().st_mode & 0o777 if change.path.exists() else None
    fd, tmp = tempfile.mkstemp(prefix=f".{change.path.name}.", dir=change.path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(change.after)
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, change.path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def run_init(args: argparse.Namespace) -> int:
    command = shlex.split(args.command) if args.command else vsguard_command()
    if not command:
        raise ValueError("--command is empty")
    changes = plan(args.agent, args.user, Path.cwd(), command)
    for change in changes:
        if args.dry_run:
            state = (
                "unchanged" if not change.changed else ("new file" if change.before is None else "updated")
            )
            print(f"# {change.path} ({state})")
            print(change.after, end="")
        elif change.changed:
            _write(change)
            print(f"{'created' if change.before is None else 'updated'} {change.path}")
        else:
            print(f"unchanged {change.path}")
    return 0


def add_parser(sub: Any) -> None:
    init = sub.add_parser(
        "init",
        help="register the vsguard hook and MCP server with Claude Code, Cursor or VS Code",
        description="Merges the hook and the MCP server entry into the agent's settings files; "
        "other entries are kept and a second run changes nothing.",
    )
    init.add_argument("agent", choices=["claude-code", "cursor", "vscode"])
    scope = init.add_mutually_exclusive_group()
    scope.add_argument("--project", action="store_true", help="this project's settings (the default)")
    scope.add_argument("--user", action="store_true", help="your user settings, for every project")
    init.add_argument("--dry-run", action="store_true", help="print the resulting files, write nothing")
    init.add_argument("--command", help="how the agent starts vsguard (default: found on PATH)")
    init.set_defaults(func=run_init)
