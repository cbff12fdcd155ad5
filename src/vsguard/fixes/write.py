"""Writing a verified fix into the user's file the way a careful editor saves.

The new text first goes to a temporary copy next to the file (`.NAME.XXXXXXXX.vsguard-tmp`),
flushed to disk and read back. A file with one link whose owner can be kept is then replaced by
that copy in one rename (its mode and owner given to the copy first), so a crash leaves either
the old or the new file. A hard-linked file, or one whose owner this process cannot give to a new
file, is rewritten in place instead: the same inode, so every link, the owner and the mode stay.
The temporary copy is removed on every path out, SIGINT and SIGTERM included; one left by a run
that was killed outright is removed by the next write to the same file.
"""

from __future__ import annotations

import os
import re
import signal
import stat
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

from vsguard.records import record

TMP_SUFFIX = ".vsguard-tmp"
# `tempfile.mkstemp` puts eight characters of this alphabet between the prefix and the suffix.
_TMP_RANDOM = r"[a-z0-9_]{8}"


class WriteRefused(ValueError):
    """The file was left as it is; the message says why."""


@record(frozen=True)
class ReadFile:
    """A file as it was read before fixing: its text and what `lstat` said about it."""

    path: Path
    text: str
    info: os.stat_result


def read_only(path: Path, info: os.stat_result) -> bool:
    """No write permission bit for the owner, or none this process holds."""
    return not info.st_mode & stat.S_IWUSR or not os.access(path, os.W_OK)


def stale_temporaries(path: Path) -> list[Path]:
    """Temporary copies of `path` that a killed run left next to it."""
    pattern = re.compile(re.escape(f".{path.name}.") + _TMP_RANDOM + re.escape(TMP_SUFFIX))
    try:
        names = os.listdir(path.parent)
    except OSError:
        return []
    found = []
    for name in names:
        if pattern.fullmatch(name):
            candidate = path.parent / name
            try:
                if stat.S_ISREG(os.lstat(candidate).st_mode):
                    found.append(candidate)
            except OSError:
                continue
    return sorted(found)


def remove_stale_temporaries(path: Path) -> list[Path]:
    """Remove what `stale_temporaries` finds; returns the files removed."""
    removed = []
    for stale in stale_temporaries(path):
        try:
            stale.unlink()
        except FileNotFoundError:
            continue
        removed.append(stale)
    return removed


def write_fixed(original: ReadFile, new_text: str) -> None:
    """Put `new_text` into the file; refuse (raising `WriteRefused`) if it changed since it was read.

    `OSError` (permissions, a full disk) propagates with the file unchanged.
    """
    path = original.path
    before = original.text.encode("utf-8")
    _check_unchanged(original, before)
    data = new_text.encode("utf-8")
    with _signals_raise():
        tmp: Path | None = None
        try:
            fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TMP_SUFFIX, dir=path.parent)
            tmp = Path(tmp_name)
            with os.fdopen(fd, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            if _read_back(tmp) != data:
                raise OSError(f"{tmp}: the temporary copy did not read back intact")
            with _signals_held():
                if original.info.st_nlink == 1 and _take_identity(tmp, original.info):
                    os.replace(tmp, path)
                else:
                    _rewrite_in_place(path, data, before)
        finally:
            if tmp is not None:
                tmp.unlink(missing_ok=True)


def _check_unchanged(original: ReadFile, before: bytes) -> None:
    path = original.path
    try:
        now = os.lstat(path)
        same_file = (now.st_dev, now.st_ino) == (original.info.st_dev, original.info.st_ino)
        same_text = same_file and _read_back(path) == before
    except FileNotFoundError:
        same_text = False
    if not same_text:
        raise WriteRefused(f"{path}: changed on disk while fixing; run the fix again")


def _read_back(path: Path) -> bytes:
    with path.open("rb") as fh:
        return fh.read()


def _take_identity(tmp: Path, info: os.stat_result) -> bool:
    """Give the copy the original's owner and mode; False when this process may not."""
    mine = os.lstat(tmp)
    if (mine.st_uid, mine.st_gid) != (info.st_uid, info.st_gid):
        try:
            os.chown(tmp, info.st_uid, info.st_gid)
        except PermissionError:
            return False
    os.chmod(tmp, stat.S_IMODE(info.st_mode))  # after chown, which clears set-id bits
    return True


def _rewrite_in_place(path: Path, data: bytes, before: bytes) -> None:
    """Overwrite the file's own inode; on a failed write, put the old bytes back."""
    fd = os.open(path, os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(fd, "wb") as out:
        try:
            out.write(data)
            out.truncate()
            out.flush()
            os.fsync(out.fileno())
        except BaseException:
            out.seek(0)
            out.write(before)
            out.truncate()
            out.flush()
            raise


@contextmanager
def _signals_raise() -> Iterator[None]:
    """SIGTERM raises `SystemExit` (SIGINT already raises `KeyboardInterrupt`) so the cleanup runs."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def terminate(signum: int, frame: FrameType | None) -> None:
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextmanager
def _signals_held() -> Iterator[None]:
    """Delay SIGINT and SIGTERM over the step that changes the file, so it is never half done."""
    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        yield
        return
    held = {signal.SIGINT, signal.SIGTERM}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
