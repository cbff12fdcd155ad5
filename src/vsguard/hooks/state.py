"""What a hook already told the agent in this session, so a note is given once, not on every edit.

Kept as hashes (never paths or code) in one small file per session, in a folder of the system's
temporary directory that only this user may open. If that folder cannot be used safely, every
note is given: repeating a warning is better than losing one.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from vsguard.sha import sha256_hex

_MAX_STATE_BYTES = 1_000_000


def _user() -> str:
    getuid = getattr(os, "getuid", None)
    if getuid is not None:
        return str(getuid())
    import getpass

    return sha256_hex(getpass.getuser().encode())[:12]


def _folder() -> Path | None:
    folder = Path(tempfile.gettempdir()) / f"vsguard-hooks-{_user()}"
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        info = folder.lstat()
    except OSError:
        return None
    owner = getattr(os, "getuid", lambda: info.st_uid)()
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != owner or info.st_mode & 0o077:
        return None  # a link, someone else's folder, or readable by others: do not trust it
    return folder


def _digest(text: str) -> str:
    return sha256_hex(text.encode("utf-8", "surrogatepass"))[:32]


def first_time(session_id: str | None, note: str) -> bool:
    """True the first time `note` is given in `session_id` (and records it); always True without one."""
    if not session_id:
        return True
    folder = _folder()
    if folder is None:
        return True
    record = folder / _digest(session_id)
    token = _digest(note)
    try:
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
        fd = os.open(record, flags, 0o600)
    except OSError:
        return True
    with os.fdopen(fd, "r+", encoding="ascii") as fh:
        seen = fh.read(_MAX_STATE_BYTES).split()
        if token in seen:
            return False
        fh.seek(0, os.SEEK_END)
        fh.write(token + "\n")
    return True
