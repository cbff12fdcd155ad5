"""The worker side of `isolation`: a process that answers calls until its parent hangs up.

It caps its own data segment, turns off core files, dies with its parent, sends its output where
the parent reads it after a death, and turns the parent's soft-deadline signal into a
`TimeoutError` while a call runs (the scanner catches it and keeps what it found).
"""

from __future__ import annotations

import faulthandler
import os
import signal
import time
from collections.abc import Callable, Sequence
from multiprocessing import connection, reduction
from typing import Any

from vsguard.engine import scanner

SOFT_SIGNAL = signal.SIGUSR1
# A worker whose resident memory grew past this share of its cap is replaced after its call, so that
# the peak of one big file is not kept for the rest of the worker's life.
_RECYCLE_SHARE = 0.6

_busy = False  # a call is running: the soft deadline signal may interrupt it
_stopped = False  # the soft deadline signal interrupted this call


def _on_soft_deadline(signum: int, frame: object) -> None:
    global _stopped
    if _busy:
        _stopped = True
        raise TimeoutError("time limit reached")


class InheritedFd:
    """A file descriptor handed to a worker, whether it is forked (inherited) or started by the fork
    server (passed over its socket when the process arguments are pickled)."""

    def __init__(self, fd: int) -> None:
        self.fd = fd

    def __reduce__(self) -> tuple[Callable[[Any], InheritedFd], tuple[Any]]:
        return InheritedFd._rebuild, (reduction.DupFd(self.fd),)

    @staticmethod
    def _rebuild(dup: Any) -> InheritedFd:
        return InheritedFd(dup.detach())


def _die_with_parent() -> None:
    """Ask Linux to kill this worker when its parent goes, so a crashed parent leaves no orphans."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _set_limits(limit_bytes: int) -> None:
    """No core files of a crash on untrusted input; the data segment capped when asked.

    The cap is what the worker may add to the data it started with: a worker forked from a large
    process (a test run, an embedding application) inherits that process's heap, and a fixed cap
    below it would fail the first allocation of every analysis."""
    import resource

    resource.setrlimit(resource.RLIMIT_CORE, (0, resource.getrlimit(resource.RLIMIT_CORE)[1]))
    if limit_bytes <= 0:
        return

    _, hard = resource.getrlimit(resource.RLIMIT_DATA)
    wanted = _data_bytes() + limit_bytes
    cap = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    resource.setrlimit(resource.RLIMIT_DATA, (cap, hard))


def _data_bytes() -> int:
    """The process's data segment as RLIMIT_DATA counts it (VmData), or 0 when unknown."""
    try:
        with open("/proc/self/status", "rb") as status:
            for line in status:
                if line.startswith(b"VmData:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _resident_bytes() -> int:
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _apply_test_hook(hook: str) -> None:
    """Simulated misbehaviour for the test suite (see `test_hook`)."""
    if hook == "hang":  # deaf to the soft deadline, like a parser stuck in native code
        signal.signal(SOFT_SIGNAL, signal.SIG_IGN)
        time.sleep(3600)
    elif hook == "sleep-in-analysis":  # stalls at the first pattern rule, after the secrets pass
        original = getattr(scanner, "find_pattern_matches")  # noqa: B009

        def stalled(*args: Any, **kwargs: Any) -> Any:
            setattr(scanner, "find_pattern_matches", original)  # noqa: B010
            time.sleep(3600)
            return original(*args, **kwargs)

        setattr(scanner, "find_pattern_matches", stalled)  # noqa: B010
    elif hook.startswith("allocate:"):
        hoard = bytearray(int(hook.split(":", 1)[1]) * 1024 * 1024)
        hoard[::4096] = b"x" * len(hoard[::4096])  # touch every page: resident, not only reserved
    elif hook == "abort":
        os.abort()


def _run(
    func: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any], hook: str | None
) -> tuple[str, Any]:
    global _busy, _stopped
    _stopped = False
    try:
        _busy = True
        try:
            if hook:
                _apply_test_hook(hook)
            value = func(*args, **kwargs)
        finally:
            _busy = False
    except TimeoutError:
        return "timeout", None
    except MemoryError:
        return "memory", None
    except Exception as exc:
        return "error", exc
    return "ok", value


def worker_main(
    conn: connection.Connection, output: InheritedFd, memory_bytes: int, inherited: Sequence[Any]
) -> None:
    """Answer calls until the parent hangs up. Replies are (status, value, exiting)."""
    for handle in inherited:  # a forked worker's copies of its siblings' pipes and files
        handle.close()
    # Native messages (why an abort happened) land where the parent can read them after a death;
    # stdout too, since on the stdio server it carries the protocol.
    os.dup2(output.fd, 1)
    os.dup2(output.fd, 2)
    faulthandler.disable()  # a parent's handler would print elsewhere, after the reason we read
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the process group; the parent decides
    signal.signal(SOFT_SIGNAL, _on_soft_deadline)
    _die_with_parent()
    _set_limits(memory_bytes)
    started_resident = _resident_bytes()
    while True:
        try:
            func, args, kwargs, hook = conn.recv()
        except (EOFError, OSError):
            return
        os.ftruncate(2, 0)
        os.lseek(2, 0, os.SEEK_SET)
        status, value = _run(func, args, kwargs, hook)
        exiting = status in ("timeout", "memory") or _stopped
        grown = _resident_bytes() - started_resident
        exiting = exiting or (memory_bytes > 0 and grown > memory_bytes * _RECYCLE_SHARE)
        try:
            conn.send((status, value, exiting))
        except Exception as exc:  # an answer that cannot be pickled or sent
            conn.send(("error", RuntimeError(f"{type(exc).__name__}: {exc}"), True))
        if exiting:
            return
