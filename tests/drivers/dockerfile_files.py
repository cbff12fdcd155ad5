"""Driver for the Dockerfile world-writable fix: the RUN steps of the original and the fixed case
are run by bash with the real chmod (absolute paths moved into a work directory, npm replaced by a
recorder), and `COPY --chmod=MODE SRC DEST` is done as its definition says, a copy followed by
chmod MODE. Every file the build leaves must keep its mode except write for group and others, and
only the original may leave a file that every user can write (a sticky shared directory aside)."""

from __future__ import annotations

import re
import shutil
import stat
from pathlib import Path

import pytest

from drivers.dockerfile_cases import CASES, record_calls

_INSTRUCTION = re.compile(r"(?m)^(RUN|COPY)\s+(.*)$")
_COPY_CHMOD = re.compile(r"^--chmod=(\S+)\s+(\S+)\s+(/\S+)$")


def _build(dockerfile: Path, work: Path) -> dict[str, int]:
    """Each path under the work directory's /srv -> its permission bits after the build."""
    root = work / "root"
    root.mkdir(parents=True)
    text = dockerfile.read_text(encoding="utf-8").replace("\\\n", " ")
    commands = []
    for m in _INSTRUCTION.finditer(text):
        body = m.group(2).replace(" /srv/", f" {root}/srv/")
        if m.group(1) == "RUN":
            commands.append(f"umask 022; {body}")
            continue
        copy = _COPY_CHMOD.match(m.group(2))
        if copy is not None:  # the build context's file, copied and given the mode
            mode, source, dest = copy.groups()
            (work / source).write_text('#!/bin/sh\nexec "$@"\n')
            target = Path(f"{root}{dest}")
            commands.append(
                f"mkdir -p {target.parent} && cp {work / source} {target} && chmod {mode} {target}"
            )
    record_calls(commands, work, ("npm",))
    return {str(p.relative_to(root)): stat.S_IMODE(p.stat().st_mode) for p in sorted(root.rglob("*"))}


def _everyone_writes(mode: int) -> bool:
    return bool(mode & stat.S_IWOTH) and not mode & stat.S_ISVTX


def permissions(tmp: Path) -> None:
    if shutil.which("bash") is None or shutil.which("chmod") is None:
        pytest.skip("bash and chmod are needed to run the RUN instructions")
    before = _build(CASES / "permissions.dockerfile", tmp / "before")
    after = _build(CASES / "permissions.fixed.dockerfile", tmp / "after")
    assert sorted(before) == sorted(after), "the fixed build must create the same files"
    writable = [p for p, mode in before.items() if _everyone_writes(mode)]
    assert len(writable) == 11, "the original must leave world-writable files, or the driver proves nothing"
    assert not [p for p, mode in after.items() if _everyone_writes(mode)]
    write = stat.S_IWGRP | stat.S_IWOTH
    assert {p: m & ~write for p, m in before.items()} == {p: m & ~write for p, m in after.items()}
    assert after["srv/tmp"] == before["srv/tmp"] == 0o1777  # the shared scratch directory is kept
    assert after["srv/bin/docker-entrypoint.sh"] == 0o755
