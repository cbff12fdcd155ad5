"""Each agent's hook protocol: what arrives on stdin, and how a finding reaches the agent.

Claude Code: PostToolUse (Write, Edit, MultiEdit) exits 2 with the reason on stderr, which Claude
reads; Stop / SubagentStop answer `{"decision": "block", "reason": ...}` once (not again while
`stop_hook_active`). Cursor: afterFileEdit cannot block, so it logs; its stop hook answers
`{"followup_message": ...}` on the first loop only. The generic form takes
`{"path", "content"?, "before"?}` and behaves like Claude Code's edit hook.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from vsguard.hooks.check import EditCheck, check_changes, check_edit
from vsguard.hooks.edits import replacements_from, undo
from vsguard.hooks.state import first_time
from vsguard.models import Finding, ScanResult, Severity
from vsguard.records import record
from vsguard.scan_settings import ScanSettings

EDIT_TOOLS = frozenset({"Write", "Edit", "MultiEdit"})
MAX_REASON_CHARS = 1500
_MAX_FIX_CHARS = 180
_SUPPRESS_HINT = "a false positive can be marked with a `vsguard: ignore[RULE-ID] why` comment on its line"


@record(frozen=True)
class Reply:
    """What the hook answers the agent: exit code, stdout and stderr."""

    exit_code: int = 0
    stdout: str = ""
    stderr: str = ""


@record(frozen=True)
class Project:
    """The project an edit belongs to: its root, scan settings and hook threshold."""

    root: Path
    settings: ScanSettings
    threshold: Severity


def load_project(root: str | os.PathLike[str]) -> Project:
    from vsguard.project_config import load_config
    from vsguard.scan_settings import DEFAULT_HOOK_THRESHOLD, build_settings

    top = Path(os.path.realpath(root))
    config = load_config(top)
    settings = build_settings(config, [top], cwd=top)
    return Project(top, settings, config.hook_threshold or DEFAULT_HOOK_THRESHOLD)


# --------------------------------------------------------------------------- messages


def _cut(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _finding_line(f: Finding, shown_path: str | None = None) -> str:
    where = f"{shown_path}:{f.location.start_line}" if shown_path else f"line {f.location.start_line}"
    cwe = ", ".join(f"CWE-{c}" for c in f.cwe) or "no CWE"
    fix = _cut(f.remediation, _MAX_FIX_CHARS)
    return f"- {where} [{f.rule_id}] {cwe}, {f.severity.value}: {f.title}. Fix: {fix}"


def _bounded(head: str, lines: Sequence[str], tail: str, limit: int = MAX_REASON_CHARS) -> str:
    """`head`, as many `lines` as fit, a count of the rest, and `tail`, within `limit` characters."""
    kept: list[str] = []
    used = len(head) + len(tail) + 40
    for line in lines:
        if used + len(line) + 1 > limit:
            break
        kept.append(line)
        used += len(line) + 1
    rest = len(lines) - len(kept)
    more = [f"- … and {rest} more (run `vsguard scan` to see all)"] if rest else []
    return "\n".join([head, *kept, *more, tail])[:limit]


def _relative(path: str | None, root: Path) -> str:
    if not path:
        return "<input>"
    absolute = Path(path)
    return absolute.relative_to(root).as_posix() if absolute.is_relative_to(root) else path


def edit_message(check: EditCheck, threshold: Severity, session: str | None) -> str | None:
    """What to tell the agent about one edit, or None. Gaps in the analysis are told once per session."""
    parts: list[str] = []
    failing = check.failing
    if failing:
        noun = "flaw" if len(failing) == 1 else "flaws"
        head = (
            f"vsguard: this edit to {check.path} adds {len(failing)} security {noun} "
            f"({threshold.value} or above):"
        )
        parts.append(
            _bounded(head, [_finding_line(f) for f in failing], f"Fix before going on; {_SUPPRESS_HINT}.")
        )
    for gap in check.gaps:
        if first_time(session, f"gap\0{check.path}\0{gap.kind}"):
            parts.append(
                f"vsguard: {check.path} could not be fully analysed ({_cut(gap.reason, 200)}); "
                "findings in it may be missing."
            )
    return "\n".join(parts)[:MAX_REASON_CHARS] if parts else None


def changes_message(result: ScanResult | None, project: Project, session: str | None) -> str | None:
    """The stop summary, or None when nothing fails or this very set was already told in the session
    (a flaw the user chose to keep does not hold up every later turn)."""
    if result is None:
        return None
    threshold = project.threshold
    failing = [f for f in result.findings if not f.suppressed and f.severity.rank >= threshold.rank]
    if not failing:
        return None
    told = "\0".join(sorted(project.settings.paths.key(f) for f in failing))
    if not first_time(session, f"stop\0{told}"):
        return None
    noun = "flaw" if len(failing) == 1 else "flaws"
    head = (
        f"vsguard: the uncommitted changes add {len(failing)} security {noun} ({threshold.value} or above):"
    )
    lines = [_finding_line(f, _relative(f.path, project.root)) for f in failing]
    return _bounded(head, lines, f"Fix them before finishing; {_SUPPRESS_HINT}.")


# --------------------------------------------------------------------------- payload helpers


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _dict(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _rebuilder(tool_input: dict[str, Any]) -> Callable[[str], str | None] | None:
    replacements = replacements_from(tool_input)
    if replacements is None:
        return None
    return lambda after: undo(after, replacements)


def _edit_reply(project: Project, file_path: str, session: str | None, **how: Any) -> Reply:
    check = check_edit(project.root, file_path, project.settings, project.threshold, **how)
    message = edit_message(check, project.threshold, session) if check is not None else None
    return Reply(exit_code=2, stderr=message + "\n") if message else Reply()


# --------------------------------------------------------------------------- Claude Code


def claude_code(payload: dict[str, Any]) -> Reply:
    event = payload.get("hook_event_name")
    cwd = _text(payload.get("cwd")) or os.getcwd()
    session = _text(payload.get("session_id"))
    if event in ("Stop", "SubagentStop"):
        if payload.get("stop_hook_active") is True:
            return Reply()  # already sent back once for this stop: let it finish
        project = load_project(cwd)
        result = check_changes(project.root, project.settings, project.threshold)
        message = changes_message(result, project, session)
        if message is None:
            return Reply()
        return Reply(stdout=json.dumps({"decision": "block", "reason": message}) + "\n")
    if event not in (None, "PostToolUse") or payload.get("tool_name") not in EDIT_TOOLS:
        return Reply()
    tool_input = _dict(payload.get("tool_input"))
    file_path = _text(tool_input.get("file_path"))
    if not file_path:
        return Reply()
    response = _dict(payload.get("tool_response"))
    before = _text(response.get("originalFile"))
    if before is None and payload.get("tool_name") == "Write" and response.get("type") == "create":
        before = ""
    project = load_project(cwd)
    rebuild = _rebuilder(tool_input) if payload.get("tool_name") != "Write" else None
    return _edit_reply(project, file_path, session, before=before, rebuild_before=rebuild)


# --------------------------------------------------------------------------- Cursor


def _cursor_root(payload: dict[str, Any]) -> str:
    roots = payload.get("workspace_roots")
    if isinstance(roots, list) and roots and isinstance(roots[0], str):
        return roots[0]
    return _text(payload.get("cwd")) or os.getcwd()


def cursor(payload: dict[str, Any]) -> Reply:
    event = payload.get("hook_event_name")
    session = _text(payload.get("conversation_id"))
    if event == "stop":
        loops = payload.get("loop_count")
        if (isinstance(loops, int) and loops > 0) or payload.get("status") not in (None, "completed"):
            return Reply(stdout="{}\n")
        project = load_project(_cursor_root(payload))
        result = check_changes(project.root, project.settings, project.threshold)
        message = changes_message(result, project, session)
        return Reply(stdout=json.dumps({"followup_message": message} if message else {}) + "\n")
    if event != "afterFileEdit":
        return Reply(stdout="{}\n")
    file_path = _text(payload.get("file_path"))
    if not file_path:
        return Reply(stdout="{}\n")
    project = load_project(_cursor_root(payload))
    reply = _edit_reply(project, file_path, session, rebuild_before=_rebuilder(payload))
    # afterFileEdit cannot block: the note goes to Cursor's hook log, the stop hook tells the agent.
    return Reply(stdout="{}\n", stderr=reply.stderr)


# --------------------------------------------------------------------------- generic


def generic(payload: dict[str, Any]) -> Reply:
    file_path = _text(payload.get("path"))
    if not file_path:
        raise ValueError('the JSON on stdin needs a "path" (and may give "content" and "before")')
    project = load_project(_text(payload.get("cwd")) or os.getcwd())
    return _edit_reply(
        project,
        file_path,
        _text(payload.get("session_id")),
        after=_text(payload.get("content")),
        before=_text(payload.get("before")),
    )


AGENTS: dict[str, Callable[[dict[str, Any]], Reply]] = {"claude-code": claude_code, "cursor": cursor}
