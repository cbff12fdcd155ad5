"""Small helpers shared by the PHP and Ruby rewrites: dropping one item from a list, naming values."""

from __future__ import annotations

from collections.abc import Sequence

from ast_grep_py import SgNode

from vsguard.fixes.edits import Edit
from vsguard.fixes.registry import Rewrite


def remove_item(code: str, items: Sequence[SgNode], item: SgNode) -> Edit:
    """Delete `item` from the comma-separated `items` it belongs to, with one separating comma."""
    at = next(i for i, s in enumerate(items) if s.range() == item.range())
    start, end = item.range().start.index, item.range().end.index
    if at + 1 < len(items):
        end = items[at + 1].range().start.index
    elif at > 0:
        start = items[at - 1].range().end.index
    elif code[end:].lstrip(" \t").startswith(","):
        end = code.index(",", end) + 1
    return Edit(start, end, "")


def unique_name(base: str, taken: set[str]) -> str:
    """`base`, or `base2`, `base3`... when it is taken; the name returned is then taken too."""
    name, n = base, 1
    while name in taken:
        n += 1
        name = f"{base}{n}"
    taken.add(name)
    return name


def secret_from_env(edits: tuple[Edit, ...], name: str, needs: str) -> Rewrite:
    """The rewrite that reads a credential from the environment variable `name` (`needs`: how the
    application now depends on it)."""
    return Rewrite(
        edits,
        f"The credential is now read from the environment variable {name} at run time instead of being "
        "stored in the source.",
        (
            f"Set {name} in the deployment's secret store, and rotate the old value: it is in the repository "
            "history and must be treated as leaked.",
        ),
        review=f"the application now needs {name} set in its environment{needs}",
    )
