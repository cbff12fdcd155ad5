"""A `pull_request_target` checkout of the pull request's head goes back to the base.

`actions/checkout` without `ref:` and `repository:` checks out the commit the event names, which
for `pull_request_target` is the base branch: code the repository's own maintainers merged. So the
inputs naming the head (its SHA, branch, `refs/pull/N/merge`, the fork's name) are dropped. When
the head also reaches the job another way (a `run:` that fetches it, an `env:` value), dropping the
inputs would not stop the job running the contributor's code, and the rewrite is left to a person.
"""

from __future__ import annotations

import re

from ast_grep_py import SgNode

from vsguard.fixes.edits import Edit
from vsguard.fixes.registry import NoRewrite, Rewrite, Target, register
from vsguard.fixes.strategies.ci_config import GHA, _mapping_pairs, _pair_key

_EXPR = r"\$\{\{\s*(?:%s)\s*\}\}"
# the inputs' whole value names the head, and nothing else
_HEAD_REF = re.compile(
    "^(?:"
    + _EXPR % r"github\.event\.pull_request\.head\.(?:sha|ref)|github\.head_ref"
    + r"|refs/pull/(?:\d+|"
    + _EXPR % r"github\.event\.(?:number|pull_request\.number)"
    + r")/(?:merge|head))$"
)
_HEAD_REPOSITORY = re.compile("^" + _EXPR % r"github\.event\.pull_request\.head\.repo\.full_name" + "$")
_BASE_REPOSITORY = re.compile("^" + _EXPR % r"github\.repository" + "$")
# any other way the head can reach the job's steps
_HEAD_ELSEWHERE = re.compile(
    r"github\.event\.pull_request\.head\.(?:sha|ref|repo\.(?:full_name|clone_url|ssh_url|git_url))"
    r"|github\.head_ref\b|\bpull/[^/\s]+/(?:head|merge)\b|\bgh\s+pr\s+checkout\b|\bFETCH_HEAD\b"
)


def _plain(value: SgNode | None) -> str:
    return value.text().strip().strip("\"'") if value is not None else ""


def _ancestor_pair(node: SgNode, key: str) -> SgNode | None:
    up = node.parent()
    while up is not None and not (up.kind() == "block_mapping_pair" and _pair_key(up) == key):
        up = up.parent()
    return up


def _line_span(code: str, node: SgNode) -> tuple[int, int] | None:
    """The whole lines `node` is written on, if nothing but blanks and a comment share them."""
    start, end = node.range().start.index, node.range().end.index
    line_start = code.rfind("\n", 0, start) + 1
    line_end = code.find("\n", end)
    line_end = len(code) if line_end < 0 else line_end + 1
    if code[line_start:start].strip() or code[end:line_end].strip().split("#", 1)[0].strip():
        return None
    return line_start, line_end


def _outside(text: str, base: int, holes: list[SgNode]) -> str:
    """`text` (starting at offset `base`) with the text of `holes` blanked out."""
    chars = list(text)
    for hole in holes:
        start, end = hole.range().start.index - base, hole.range().end.index - base
        chars[max(start, 0) : max(end, 0)] = " " * max(end - start, 0)
    return "".join(chars)


@register("checkout_base_ref", GHA)
def checkout_base_ref(t: Target) -> Rewrite | NoRewrite:
    with_pair = _ancestor_pair(t.node, "with")
    steps = _ancestor_pair(t.node, "steps")
    inputs = t.node.parent()
    job = steps.parent() if steps is not None else None
    holder = inputs.parent() if inputs is not None else None  # the block node `with:` holds
    if with_pair is None or holder is None or holder.parent() != with_pair or job is None:
        return NoRewrite("the checkout's `with:` or its job was not found")
    pairs = _mapping_pairs(holder.child(0) or holder)
    named = {_pair_key(p): p for p in pairs}
    if not _HEAD_REF.match(_plain(named["ref"].field("value") if "ref" in named else None)):
        return NoRewrite("`ref:` combines the head with other values; choose the commit to check out by hand")
    dropped = [named["ref"]]
    repository = _plain(named["repository"].field("value")) if "repository" in named else ""
    if _HEAD_REPOSITORY.match(repository):
        dropped.append(named["repository"])
    elif repository and not _BASE_REPOSITORY.match(repository):
        return NoRewrite("`repository:` names another repository; decide by hand what the job checks out")
    # the head reaching the job another way: its other steps, `env:` at any level (conditions are data)
    conditions = [p for p in job.find_all(kind="block_mapping_pair") if _pair_key(p) == "if"]
    top = [p for p in _mapping_pairs(t.root.find(kind="block_mapping") or job) if _pair_key(p) == "env"]
    rest = _outside(job.text(), job.range().start.index, [*dropped, *conditions])
    elsewhere = _HEAD_ELSEWHERE.search(rest + "\n" + "\n".join(p.text() for p in top))
    if elsewhere is not None:
        return NoRewrite(
            f"the pull request's head also reaches the job (`{elsewhere.group(0)}`), so dropping the "
            "checkout's inputs would not stop it running the contributor's code; split the workflow"
        )
    whole = [with_pair] if len(dropped) == len(pairs) else dropped
    spans = [_line_span(t.code, p) for p in whole]
    if any(s is None for s in spans):
        return NoRewrite("the checkout's inputs share a line with other keys; remove them by hand")
    edits = tuple(Edit(s[0], s[1], "") for s in spans if s is not None)
    names = " and ".join(f"`{_pair_key(p)}:`" for p in dropped)
    return Rewrite(
        edits,
        f"The checkout no longer names the pull request's head ({names} removed), so the job checks out "
        "the base branch's commit, which the repository's maintainers merged, and runs that code.",
        review="the job no longer builds or tests the contributor's change, so its result says nothing "
        "about the pull request; to test contributions safely, run them in a `pull_request` workflow (no "
        "secrets, read-only token) and do the privileged part (commenting, labelling, uploading results) "
        "in a separate `workflow_run` workflow that never runs the pull request's code",
    )
