"""Dockerfile file-handling fixes: `ADD` of local files becomes `COPY`, and modes that let every
user write lose the write bit for group and others."""

from __future__ import annotations

import itertools
import re

from ast_grep_py import SgNode

from vsguard.fixes.edits import Edit
from vsguard.fixes.registry import NoRewrite, Rewrite, Target, register

DOCKER = "dockerfile"

# the flags ADD and COPY share; `--checksum`, `--keep-git-dir` and `--unpack` are ADD's own
_COPY_FLAGS = frozenset({"--chown", "--chmod", "--link", "--exclude"})
_FLAG = re.compile(r"^--[\w-]+")


@register("add_to_copy", DOCKER)
def add_to_copy(t: Target) -> Rewrite | NoRewrite:
    """`ADD` of a non-archive local file or directory copies exactly what `COPY` copies; only the
    instruction's name changes. Sources that may be archives were left out by the rule, but `ADD`
    decides by content: an archive under another name would stop being unpacked, which is the
    point of the fix."""
    name = t.node.field("name")
    if name is None:
        return NoRewrite("the instruction was not recognised")
    flags = [m.group(0) for c in t.node.children() if (m := _FLAG.match(c.text())) is not None]
    foreign = sorted(set(flags) - _COPY_FLAGS)
    if foreign:
        named = ", ".join(f"`{f}`" for f in foreign)
        return NoRewrite(f"COPY has no {named}; keep ADD or drop the flag by hand")
    return Rewrite(
        (Edit.replace(name, "COPY" if name.text().isupper() else "copy"),),
        "`ADD` is now `COPY`: the files are copied as before, and an archive among them would be "
        "copied as a file instead of being unpacked into the image.",
    )


_OCTAL = re.compile(r"^(0?)([0-7]{3,4})$")
_CLAUSE = re.compile(r"^(?P<who>[ugoa]*)(?P<op>[-+=])(?P<perms>[rwxXst]*)$")
_CHMOD_AT = re.compile(r"^(?:\S*/)?chmod$")


def _octal_without_write(mode: str) -> str | None:
    m = _OCTAL.match(mode)
    if m is None:
        return None
    return m.group(1) + format(int(m.group(2), 8) & ~0o022, "o").zfill(len(m.group(2)))


def _symbolic_without_write(mode: str) -> str | None:
    """Clauses that give `w` to others or all keep what they give the owner; group and others get
    the same permissions less `w`. None when a clause is not a plain `WHO OP PERMS`."""
    out: list[str] = []
    for clause in mode.split(","):
        m = _CLAUSE.match(clause)
        if m is None:
            return None
        who, op, perms = m.group("who"), m.group("op"), m.group("perms")
        if op == "-" or "w" not in perms or not {"o", "a"} & set(who):
            out.append(clause)
            continue
        if "a" in who or "u" in who:
            out.append(f"u{op}{perms}")
        rest = "go" if "a" in who else "".join(c for c in "go" if c in who)
        kept = perms.replace("w", "")
        if kept or op == "=":
            out.append(f"{rest}{op}{kept}")
    return ",".join(out) if out else "o-w"


def _without_write(mode: str) -> str | None:
    return _octal_without_write(mode) if mode[:1].isdigit() else _symbolic_without_write(mode)


def _grants_write(mode: str) -> bool:
    octal = _OCTAL.match(mode)
    if octal is not None:
        value = int(octal.group(2), 8)
        return bool(value & 0o002) and not value & 0o1000  # a sticky shared directory is intended
    return _symbolic_without_write(mode) not in (None, mode)


def _chmod_modes(command: SgNode) -> list[SgNode]:
    """The mode argument after each `chmod` word of the command (past its `-R`-style switches)."""
    args = [c for c in command.children() if c.kind() != "command_name"]
    name = command.field("name")
    if name is not None and _CHMOD_AT.match(name.text()):
        args.insert(0, name)
    modes: list[SgNode] = []
    for i, arg in enumerate(args):
        if _CHMOD_AT.match(arg.text()):
            rest = [a for a in args[i + 1 :] if not a.text().startswith("--")]
            while rest and re.match(r"^-[RvcfH]+$", rest[0].text()):
                rest.pop(0)
            modes.extend(rest[:1])
    return modes


_CREATES = re.compile(r"^(?:RUN\s+(?:--\S+\s+)*)?(?:sudo\s+(?:-\S+\s+)*)?(?:\S*/)?(?:mkdir|install)\s")


def _creation_modes(command: SgNode) -> list[tuple[SgNode, str, str]]:
    """`mkdir`/`install` modes as (node, octal mode, prefix kept in front of it); a symbolic mode
    there is taken from 0777, not from the file's mode, so only octal ones are rewritten."""
    if _CREATES.match(command.text()) is None:
        return []
    args = [c for c in command.children() if c.kind() != "command_name"]
    found = [(a, a.text().split("=", 1)[1], "--mode=") for a in args if a.text().startswith("--mode=")]
    found += [(b, b.text(), "") for a, b in itertools.pairwise(args) if a.text() in ("-m", "--mode")]
    return [(node, mode, prefix) for node, mode, prefix in found if _OCTAL.match(mode)]


@register("drop_world_write", DOCKER)
def drop_world_write(t: Target) -> Rewrite | NoRewrite:
    """`chmod`, `COPY/ADD --chmod` and `mkdir`/`install -m` modes lose write for group and others
    (777 -> 755, 666 -> 644, `a+w` -> `u+w`, `o+w` -> `o-w`); everything else the mode grants stays."""
    edits: list[Edit] = []
    changed: list[str] = []
    words = [c for c in t.node.children() if c.kind() == "word" and c.text().startswith("--chmod=")]
    targets = [(w, w.text().split("=", 1)[1], "--chmod=") for w in words]
    targets += [(m, m.text(), "") for m in _chmod_modes(t.node)]
    targets += _creation_modes(t.node)
    for node, mode, prefix in targets:
        if not _grants_write(mode):
            continue
        if node.kind() not in ("word", "number"):
            return NoRewrite("the mode is quoted or computed; remove write for group and others by hand")
        new = _without_write(mode)
        if new is None:
            return NoRewrite(f"the mode `{mode}` is not one vsguard rewrites; remove `o+w` by hand")
        edits.append(Edit.replace(node, prefix + new))
        changed.append(f"`{mode}` -> `{new}`")
    if not edits:
        return NoRewrite("the mode is quoted or computed; remove write for group and others by hand")
    return Rewrite(
        tuple(edits),
        f"Other users can no longer write the files ({', '.join(changed)}).",
        review="a process that writes these files as another user (a worker, a web server's user, a "
        "volume shared with another container) can no longer do so: chown the files to that user",
    )
