"""A wall around the analysis of untrusted input: reused worker processes, limits enforced outside.

The parsers are native code. On hostile input they can abort the whole process (an assertion in a
grammar), spin for a minute, or allocate without bound, and nothing inside Python can stop them.
So every scan runs in a worker process. A worker past its deadline is first asked to stop (a
signal that raises `TimeoutError` between bytecodes, so a scan stuck in Python keeps what it found),
then killed; a worker that dies is replaced. The caller gets a `WorkerFailure` saying why (time,
memory, crash), which the scanning functions below turn into a `Skipped` entry.

Workers are forked from this process while it runs a single thread (the command line: they inherit
the loaded rules for free), otherwise from multiprocessing's fork server, a clean process that
loaded every rule once: the MCP server serves calls from several threads, and forking a threaded
process can hand the child a lock some other thread held. As with any multiprocessing program, a
script that scans from several threads must guard its entry point (`if __name__ == "__main__"`):
fork-server children import the main module. What runs inside a worker is in `worker.py`.
"""

from __future__ import annotations

import atexit
import contextlib
import math
import os
import signal
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from multiprocessing import connection
from multiprocessing.context import ForkContext, ForkServerContext, SpawnContext
from typing import Any, TypeVar

from vsguard.config import Limits
from vsguard.engine import languages, scanner
from vsguard.engine.secrets import redact_secrets
from vsguard.engine.worker import SOFT_SIGNAL, InheritedFd, worker_main
from vsguard.models import ScanResult, SkipKind, Skipped
from vsguard.records import field, record
from vsguard.verdict import summarize

T = TypeVar("T")

# Time a second, secrets-only pass may take after the first one failed: regexes over text, no parse.
FALLBACK_SECONDS = 1.0
_OUT_OF_MEMORY_WORDS = ("memory allocation of", "failed to allocate", "out of memory", "MemoryError")

# Test-only: (behaviour, marker). A call whose first argument mentions the marker makes its worker
# misbehave first: "hang", "sleep-in-analysis", "allocate:MB" or "abort" (see `worker._apply_test_hook`).
# Set by tests through monkeypatching, never from the environment, so it is None in any real run.
test_hook: tuple[str, str] | None = None


def _hook_for(args: tuple[Any, ...]) -> str | None:
    """The test behaviour for this call, once: the secrets pass after a failure runs normally."""
    global test_hook
    if test_hook is None or not args or test_hook[1] not in str(args[0]):
        return None
    behaviour, test_hook = test_hook[0], None
    return behaviour


class WorkerFailure(Exception):
    """The worker gave no answer: it ran out of time or memory, or died. `reason` is for a user."""

    def __init__(self, kind: SkipKind, reason: str) -> None:
        super().__init__(reason)
        self.kind = kind
        self.reason = reason

    def skipped(self, path: str, partial: bool = False) -> Skipped:
        return Skipped(path=path, reason=self.reason, kind=self.kind, partial=partial)


class NotAnalysed(ValueError):
    """Raised by `run_isolated` when the worker failed; the message is fit for a user."""


# --------------------------------------------------------------------------- the parent side


_Context = ForkContext | ForkServerContext | SpawnContext  # the start methods `_context` picks from


def _context() -> _Context:
    import multiprocessing  # late: only scans that isolate need it

    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["vsguard.engine.zygote"])
        return context
    return multiprocessing.get_context("spawn")


def _exit_words(exitcode: int | None) -> str:
    if exitcode is None:
        return "no exit status"
    if exitcode < 0:
        try:
            return f"killed by {signal.Signals(-exitcode).name}"
        except ValueError:
            return f"killed by signal {-exitcode}"
    return f"exit status {exitcode}"


class _Worker:
    """One worker process, its pipe and the file its output goes to; deadlines of the call in flight."""

    def __init__(self, context: _Context, memory_bytes: int, siblings: Iterable[_Worker] = ()) -> None:
        self.memory_bytes = memory_bytes
        self._output = tempfile.TemporaryFile()  # noqa: SIM115 (lives as long as the worker)
        self.conn, child_conn = context.Pipe()
        forked = context.get_start_method() == "fork"
        inherited = [self.conn, *(h for w in siblings for h in w.handles())] if forked else []
        self.process = context.Process(
            target=worker_main,
            args=(child_conn, InheritedFd(self._output.fileno()), memory_bytes, inherited),
            name="vsguard-worker",
            daemon=True,
        )
        self.process.start()
        child_conn.close()
        self.soft_at = self.hard_at = math.inf
        self.signalled = False
        self.seconds = 0.0

    def handles(self) -> tuple[Any, ...]:
        return self.conn, self._output

    def submit(self, request: tuple[Any, ...], seconds: float, grace: float) -> None:
        try:
            self.conn.send(request)
        except OSError:  # it died before the call reached it
            raise self._death() from None
        now = time.monotonic()
        self.seconds = seconds
        self.soft_at, self.hard_at = now + seconds + grace / 2, now + seconds + grace
        self.signalled = False

    def wakeup(self) -> float:
        """When the parent must next look at this worker, if it has not answered by then."""
        return self.hard_at if self.signalled else self.soft_at

    def overdue(self, now: float) -> WorkerFailure | None:
        """Past the soft deadline: signal. Past the hard one: kill, and say so."""
        if now >= self.hard_at:
            self.close()
            return WorkerFailure(
                SkipKind.TIME_LIMIT,
                f"analysis did not finish within {self.seconds:g} s "
                "(VSGUARD_MAX_SECONDS_PER_FILE) and was stopped",
            )
        if now >= self.soft_at and not self.signalled:
            self.signalled = True
            pid = self.process.pid  # set by start() in __init__
            with contextlib.suppress(ProcessLookupError):
                if pid is not None:
                    os.kill(pid, SOFT_SIGNAL)
        return None

    def receive(self) -> tuple[str, Any, bool]:
        """The worker's reply; `WorkerFailure` when it died instead."""
        try:
            reply: tuple[str, Any, bool] = self.conn.recv()
        except (EOFError, OSError):
            raise self._death() from None
        except Exception as exc:  # an answer that does not unpickle here
            reply = ("error", RuntimeError(f"unreadable answer from a worker ({type(exc).__name__})"), True)
        self.soft_at = self.hard_at = math.inf
        return reply

    def _death(self) -> WorkerFailure:
        self.process.join(1.0)
        exitcode = self.process.exitcode
        said = self._last_words()
        self.close()
        if any(word in said for word in _OUT_OF_MEMORY_WORDS):
            limit = self.memory_bytes // (1024 * 1024)
            return WorkerFailure(
                SkipKind.MEMORY_LIMIT, f"memory limit of {limit} MB reached (VSGUARD_WORKER_MEMORY_MB)"
            )
        # The last line says why (an assertion, a fatal error); its source path is noise.
        last = ": ".join(said.strip().splitlines()[-1].split(": ")[-2:])[:160] if said.strip() else ""
        detail = f": {redact_secrets(last)}" if last else ""
        return WorkerFailure(
            SkipKind.CRASHED, f"the analyser crashed on this input ({_exit_words(exitcode)}{detail})"
        )

    def _last_words(self) -> str:
        try:
            size = os.fstat(self._output.fileno()).st_size
            return os.pread(self._output.fileno(), 4096, max(0, size - 4096)).decode("utf-8", "replace")
        except (OSError, ValueError):
            return ""

    def close(self) -> None:
        """Stop the process (if it still runs) and release the pipe and file."""
        if self.process.is_alive():
            self.process.kill()
        self.process.join(2.0)
        self.conn.close()
        self._output.close()


def _unpack(status: str, value: Any, seconds: float) -> Any:
    if status == "ok":
        return value
    if status == "error":
        raise value
    if status == "memory":
        return WorkerFailure(SkipKind.MEMORY_LIMIT, "memory limit reached (VSGUARD_WORKER_MEMORY_MB)")
    return WorkerFailure(
        SkipKind.TIME_LIMIT, f"analysis did not finish within {seconds:g} s (VSGUARD_MAX_SECONDS_PER_FILE)"
    )


class Pool:
    """Up to `size` long-lived workers shared by any number of threads: one worker per call in
    flight, further callers wait. Workers start on first use; a failed one is replaced on the next."""

    def __init__(self, size: int, limits: Limits | None = None) -> None:
        limits = limits or Limits.from_env()
        self.size = max(1, size)
        self.memory_bytes = limits.worker_memory_mb * 1024 * 1024
        self.grace = limits.kill_grace_seconds
        self._cond = threading.Condition()
        self._idle: list[_Worker] = []
        self._count = 0

    def call(
        self,
        func: Callable[..., T],
        args: tuple[Any, ...] = (),
        kwargs: dict[str, Any] | None = None,
        *,
        seconds: float,
    ) -> T:
        """`func(*args, **kwargs)` in a worker; `WorkerFailure` when it gave no answer in time."""
        worker = self._acquire()
        keep = False
        try:
            worker.submit((func, args, kwargs or {}, _hook_for(args)), seconds, self.grace)
            while True:
                if worker.conn.poll(max(0.0, worker.wakeup() - time.monotonic())):
                    status, value, exiting = worker.receive()
                    keep = not exiting
                    result = _unpack(status, value, seconds)
                    if isinstance(result, WorkerFailure):
                        raise result
                    return result  # type: ignore[no-any-return]
                failure = worker.overdue(time.monotonic())
                if failure is not None:
                    raise failure
        finally:
            self._release(worker, keep)

    def _acquire(self) -> _Worker:
        with self._cond:
            while True:
                while self._idle:
                    idle = self._idle.pop()
                    if idle.process.is_alive():
                        return idle
                    self._count -= 1  # died while idle (killed from outside): replaced below
                    idle.close()
                if self._count < self.size:
                    self._count += 1
                    break
                self._cond.wait()
        try:
            return _Worker(_context(), self.memory_bytes)  # decided each time: threads may have started
        except BaseException:
            with self._cond:
                self._count -= 1
                self._cond.notify()
            raise

    def _release(self, worker: _Worker, keep: bool) -> None:
        if not keep:
            worker.close()  # outside the lock: other callers go on while this one is stopped
        with self._cond:
            if keep:
                self._idle.append(worker)
            else:
                self._count -= 1
            self._cond.notify()

    def start(self) -> None:
        """Start every worker now rather than on first use (benchmarks time calls, not start-up)."""
        with self._cond:
            missing = self.size - self._count
            self._count += missing
        fresh = [_Worker(_context(), self.memory_bytes) for _ in range(missing)]
        with self._cond:
            self._idle.extend(fresh)
            self._cond.notify_all()

    def close(self) -> None:
        with self._cond:
            idle, self._idle = self._idle, []
            self._count -= len(idle)
        for worker in idle:
            worker.close()


_shared: Pool | None = None
_shared_lock = threading.Lock()


def shared_pool() -> Pool:
    """The process's pool for single scans (MCP tools, standard input), created on first use."""
    global _shared
    with _shared_lock:
        if _shared is None:
            limits = Limits.from_env()
            _shared = Pool(limits.server_workers, limits)
            atexit.register(_shared.close)
        return _shared


# --------------------------------------------------------------------------- many calls at once


@record
class Call:
    """One function call to run in a worker, within `seconds`."""

    func: Callable[..., Any]
    args: tuple[Any, ...]
    seconds: float
    kwargs: dict[str, Any] = field(default_factory=dict)


def run_all(calls: Sequence[Call], jobs: int, limits: Limits, run_size: int = 1) -> list[Any]:
    """Every call's value, in order, from `jobs` workers; a `WorkerFailure` where a worker failed.

    Calls go out in runs of `run_size` neighbours: a worker keeps what it analysed (sibling modules
    of a package), so the next file of the same folder is cheaper there. Single-threaded: the
    parent waits on every busy worker's pipe at once, up to the nearest deadline.
    """
    results: list[Any] = [None] * len(calls)
    runs = deque(deque(range(i, min(i + run_size, len(calls)))) for i in range(0, len(calls), run_size))
    memory_bytes = limits.worker_memory_mb * 1024 * 1024
    context = _context()
    workers: list[_Worker] = []
    current: dict[_Worker, deque[int]] = {}
    busy: dict[_Worker, int] = {}

    def feed(worker: _Worker) -> None:
        run = current.get(worker)
        if not run:
            if not runs:
                return
            run = current[worker] = runs.popleft()
        index = run.popleft()
        call = calls[index]
        request = (call.func, call.args, call.kwargs, _hook_for(call.args))
        try:
            worker.submit(request, call.seconds, limits.kill_grace_seconds)
        except WorkerFailure as died:  # each retry consumes a call, so this ends
            results[index] = died
            replace(worker)
            return
        busy[worker] = index

    def replace(worker: _Worker) -> None:
        """Retire a failed or exiting worker; a fresh one takes over its run, if work is left."""
        worker.close()
        workers.remove(worker)
        run = current.pop(worker, deque())
        if run or runs:
            fresh = _Worker(context, memory_bytes, workers)
            workers.append(fresh)
            current[fresh] = run
            feed(fresh)

    try:
        for _ in range(max(1, min(jobs, len(runs)))):
            worker = _Worker(context, memory_bytes, workers)
            workers.append(worker)
            feed(worker)
        while busy:
            timeout = max(0.0, min(w.wakeup() for w in busy) - time.monotonic())
            by_conn = {w.conn: w for w in busy}
            for conn in connection.wait(list(by_conn), timeout):
                worker = by_conn[conn]  # type: ignore[index]
                index = busy.pop(worker)
                try:
                    status, value, exiting = worker.receive()
                    try:
                        results[index] = _unpack(status, value, calls[index].seconds)
                    except Exception as exc:  # the function's own error: no answer for this call
                        reason = f"internal error ({type(exc).__name__}: {exc})"[:300]
                        results[index] = WorkerFailure(SkipKind.INTERNAL_ERROR, reason)
                except WorkerFailure as died:
                    results[index], exiting = died, True
                if exiting:
                    replace(worker)
                else:
                    feed(worker)
            now = time.monotonic()
            for worker in [w for w in busy if w.wakeup() <= now]:
                failure = worker.overdue(now)
                if failure is not None:
                    results[busy.pop(worker)] = failure
                    replace(worker)
    finally:
        for worker in workers:
            worker.close()
    return results


# --------------------------------------------------------------------------- isolated scans


def _secrets_of_source(
    code: str,
    language: str | None,
    filename: str | None,
    rule_ids: tuple[str, ...] | None,
    path: str | None,
    skipped: Skipped,
) -> ScanResult:
    """Run in a worker after the full scan failed: what can be found without parsing."""
    lang = languages.normalize(language) if language else languages.detect(code, filename)
    return scanner.secrets_only(code, lang, rule_ids, path, skipped)


def _failed_scan(
    failure: WorkerFailure,
    code: str,
    language: str | None,
    filename: str | None,
    rule_ids: tuple[str, ...] | None,
    path: str | None,
    pool: Pool,
) -> ScanResult:
    """The scan's answer when its worker failed: secrets, found in a fresh worker, and why."""
    where = path or "<input>"
    try:
        return pool.call(
            _secrets_of_source,
            (code, language, filename, rule_ids, path, failure.skipped(where, partial=True)),
            seconds=FALLBACK_SECONDS,
        )
    except Exception:  # the secrets pass failed as well: nothing found, and why
        skipped = failure.skipped(where)
        return ScanResult(
            language=language, findings=(), summary=summarize((), [skipped]), skipped=(skipped,)
        )


def scan_source(
    code: str,
    language: str | None = None,
    filename: str | None = None,
    *,
    rule_ids: Iterable[str] | None = None,
    limits: Limits | None = None,
    path: str | None = None,
    pool: Pool | None = None,
) -> ScanResult:
    """`scanner.scan_source` in a worker (see the module doc); in process when isolation is off."""
    limits = limits or Limits.from_env()
    wanted = tuple(rule_ids) if rule_ids is not None else None
    if not limits.isolation or len(code) > limits.max_input_bytes:  # too large: refused here, unsent
        return scanner.scan_source(code, language, filename, rule_ids=wanted, limits=limits, path=path)
    pool = pool or shared_pool()
    kwargs = {"rule_ids": wanted, "limits": limits, "path": path}
    try:
        return pool.call(
            scanner.scan_source, (code, language, filename), kwargs, seconds=limits.max_seconds_per_file
        )
    except WorkerFailure as failure:
        return _failed_scan(failure, code, language, filename, wanted, path, pool)


def run_isolated(
    func: Callable[..., T], *args: Any, budget: float = 1.0, pool: Pool | None = None, **kwargs: Any
) -> T:
    """`func(*args, **kwargs)` in a worker, within `budget` per-file time limits; `NotAnalysed`
    (a `ValueError` with a message for the user) when the worker gave no answer."""
    limits = Limits.from_env()
    if not limits.isolation:
        return func(*args, **kwargs)
    try:
        return (pool or shared_pool()).call(func, args, kwargs, seconds=limits.max_seconds_per_file * budget)
    except WorkerFailure as failure:
        raise NotAnalysed(f"this code could not be analysed: {failure.reason}") from None
