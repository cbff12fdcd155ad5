"""The file as it was before an agent's edit, rebuilt from the edit itself where the payload allows."""

from __future__ import annotations

from collections.abc import Sequence

from vsguard.records import record


@record(frozen=True)
class Replacement:
    """One string replacement an Edit tool made."""

    old: str
    new: str
    replace_all: bool = False


def undo(after: str, replacements: Sequence[Replacement]) -> str | None:
    """`after` with the replacements reversed (last first), or None when one cannot be located:
    then the edit cannot be undone with confidence and the caller compares with something else."""
    text = after
    for r in reversed(replacements):
        if not r.new:
            return None  # an insertion of nothing (a pure deletion) cannot be located in the result
        if r.new not in text:
            return None
        text = text.replace(r.new, r.old) if r.replace_all else text.replace(r.new, r.old, 1)
    return text


def _replacement(item: object, replace_all: object = False) -> Replacement | None:
    if not isinstance(item, dict):
        return None
    old, new = item.get("old_string"), item.get("new_string")
    if not isinstance(old, str) or not isinstance(new, str):
        return None
    flag = item.get("replace_all", replace_all)
    return Replacement(old, new, flag is True)


def replacements_from(tool_input: dict[str, object]) -> list[Replacement] | None:
    """The replacements of an Edit (`old_string`/`new_string`) or a MultiEdit / Cursor edit
    (`edits`: a list of them); None when the input has neither shape."""
    if "edits" in tool_input:
        edits = tool_input["edits"]
        if not isinstance(edits, list):
            return None
        parsed = [_replacement(e) for e in edits]
        return None if any(p is None for p in parsed) else [p for p in parsed if p is not None]
    single = _replacement(tool_input)
    return [single] if single is not None else None
