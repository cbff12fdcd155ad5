"""Fuzz the isolated scanner: hostile inputs in, and nothing may escape, kill the caller or hang unmarked.

    python benchmarks/fuzz.py --seconds 600                     # every language, seed 0
    python benchmarks/fuzz.py --seconds 30 --seed 7 --languages python,go --save crashes/

Two kinds of input, in turn: mutations of the files under tests/corpus/<lang>/ (byte flips, splices
of two files, deep nesting, long lines, huge literals, unterminated strings, truncation) and
generated code (random nesting of brackets, blocks and expressions in the language's syntax). Each
goes through `isolation.scan_source`, the path the MCP server and standard input take. Counted:
inputs tried, escaped exceptions (anything but a refusal of the input: too large, not a known
language), worker deaths (crashed or memory limit), time limits (reported as such), hangs (a call
that took longer than its deadline and came back without an incomplete mark), and the peak RSS of
this process and every worker, summed. `--save DIR` writes the inputs that killed a worker, escaped
or hung there (nothing is written without it). The scanned code is only parsed, never run.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import threading
import time
import traceback
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from vsguard.config import Limits
from vsguard.engine import isolation
from vsguard.engine.languages import UnsupportedLanguage
from vsguard.engine.scanner import InputTooLarge
from vsguard.models import SkipKind

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "corpus"
# Corpus folder -> language passed to the scanner (None: detected from the file name, as config).
LANGUAGES: dict[str, str | None] = {
    "c": "c",
    "cpp": "cpp",
    "csharp": "csharp",
    "go": "go",
    "java": "java",
    "javascript": "javascript",
    "kotlin": "kotlin",
    "php": "php",
    "python": "python",
    "ruby": "ruby",
    "rust": "rust",
    "typescript": "typescript",
    "generic": None,
}
_BRACKETS: tuple[tuple[str, str], ...] = (("(", ")"), ("[", "]"), ("{", "}"))
_QUOTES = ('"', "'", "`", '"""', "/*", "<<<EOT\n")


@dataclass
class Tally:
    tried: int = 0
    refused: int = 0  # too large or not a known language: a clear error, as designed
    escaped: int = 0
    crashed: int = 0
    memory: int = 0
    time_limit: int = 0
    unmarked_hangs: int = 0
    other_incomplete: Counter[str] = field(default_factory=Counter)
    slowest: float = 0.0
    max_rss_mb: float = 0.0  # summed over the process tree (forked pages counted in each)
    max_process_rss_mb: float = 0.0  # the largest single process
    max_pss_mb: float = 0.0  # summed proportional set size: the tree's real footprint
    examples: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- inputs


def _corpus(folders: list[str]) -> dict[str, list[tuple[str, str]]]:
    """Per corpus folder: (file name, text) of every file."""
    found: dict[str, list[tuple[str, str]]] = {}
    for folder in folders:
        files = sorted(p for p in (CORPUS / folder).iterdir() if p.is_file())
        found[folder] = [(p.name, p.read_text(encoding="utf-8", errors="replace")) for p in files]
    return found


def _flip_bytes(rng: random.Random, text: str, _: str) -> str:
    data = bytearray(text.encode())
    for _flip in range(rng.randint(1, 40)):
        if data:
            data[rng.randrange(len(data))] = rng.randrange(256)
    return data.decode("utf-8", "replace")


def _splice(rng: random.Random, text: str, other: str) -> str:
    return text[: rng.randint(0, len(text))] + other[rng.randint(0, len(other)) :]


def _nest(rng: random.Random, text: str, _: str) -> str:
    depth = rng.choice((50, 200, 511, 1000, 3000))
    opener, closer = rng.choice(_BRACKETS)
    cut = rng.randint(0, len(text))
    closers = closer * depth if rng.random() < 0.7 else ""
    return text[:cut] + opener * depth + text[cut:] + closers


def _indent(rng: random.Random, text: str, _: str) -> str:
    lines = text.splitlines() or ["x = 1"]
    line = rng.choice(lines).strip() or "x = 1"
    depth = rng.choice((100, 300, 511, 520, 800))
    head = rng.choice(("if x:", "for a in b:", "while y:", "with z:", "def f():", "try:"))
    nested = "".join(" " * i + head + "\n" for i in range(depth)) + " " * depth + line + "\n"
    return text + "\n" + nested


def _long_line(rng: random.Random, text: str, _: str) -> str:
    lines = text.splitlines() or ["x"]
    line = rng.choice(lines)
    return text + "\n" + (line.strip() + " ") * rng.choice((500, 5000, 20000))


def _huge_literal(rng: random.Random, text: str, _: str) -> str:
    quote = rng.choice(('"', "'", "`"))
    body = rng.choice(("a", "\\", "\\n", "${x}", "%s", "{{"))
    literal = quote + body * rng.choice((10_000, 100_000, 250_000)) + quote
    cut = rng.randint(0, len(text))
    return text[:cut] + "x = " + literal + "\n" + text[cut:]


def _unterminated(rng: random.Random, text: str, _: str) -> str:
    cut = rng.randint(0, len(text))
    tail = text[cut:] * rng.choice((1, 10, 100))
    return text[:cut] + rng.choice(_QUOTES) + tail


def _truncate(rng: random.Random, text: str, _: str) -> str:
    return text[: rng.randint(0, len(text))]


MUTATORS: tuple[Callable[[random.Random, str, str], str], ...] = (
    _flip_bytes,
    _splice,
    _nest,
    _indent,
    _long_line,
    _huge_literal,
    _unterminated,
    _truncate,
)


def _expression(rng: random.Random, budget: int) -> str:
    """A random expression of about `budget` nested parts, built without recursion."""
    parts: list[str] = []
    closing: list[str] = []
    for _ in range(budget):
        roll = rng.random()
        if roll < 0.35:
            opener, closer = rng.choice(_BRACKETS)
            parts.append(rng.choice(("f", "a", "", "new X", "!")) + opener)
            closing.append(closer)
        elif roll < 0.55 and closing:
            parts.append(closing.pop())
        elif roll < 0.75:
            parts.append(rng.choice(("x", "1", "'s'", '"t"', "null", "a.b", "-2.5e3", "y[0]")))
        else:
            parts.append(rng.choice((" + ", " * ", ", ", " && ", " ? ", " : ", " => ", ".", " == ")))
    if rng.random() < 0.8:
        parts.extend(reversed(closing))
    return "".join(parts)


def generate(rng: random.Random, language: str | None) -> str:
    """Random nesting of blocks and expressions in the shape of the language."""
    depth = rng.choice((5, 50, 200, 511, 600, 1500))
    expression = _expression(rng, rng.choice((10, 100, 1000, 5000)))
    if language == "python":
        head = rng.choice(("if x:", "while True:", "def f(a):", "class C:", "with a as b:"))
        body = "".join(" " * i + head + "\n" for i in range(depth))
        return body + " " * depth + "y = " + expression + "\n"
    if language == "ruby":
        head = rng.choice(("if x", "while y", "def f(a)", "items.each do |i|", "begin"))
        return "".join(head + "\n" for _ in range(depth)) + "y = " + expression + "\n" + "end\n" * depth
    if language is None:  # config files: nested YAML / JSON-ish text
        return "".join("  " * i + f"k{i}:\n" for i in range(min(depth, 400))) + "v: " + expression
    head = rng.choice(("if (x) {", "while (y) {", "for (;;) {", "{", "switch (x) { case 1: {"))
    prefix = "<?php\n" if language == "php" else ""
    body = prefix + "void f() {\n" + head * depth + "y = " + expression + ";\n"
    return body + ("}" * depth if rng.random() < 0.8 else "") + "}\n"


# --------------------------------------------------------------------------- measuring


def _family(root: int) -> tuple[set[int], dict[int, int]]:
    """`root` and every process below it (workers, the fork server's children), with their RSS."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    page = os.sysconf("SC_PAGE_SIZE")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as stat:
                fields = stat.read().rsplit(b")", 1)[1].split()
            parents[int(entry)] = int(fields[1])
            rss[int(entry)] = int(fields[21]) * page
        except (OSError, IndexError, ValueError):
            continue
    family = {root}
    grew = True
    while grew:
        grew = False
        for pid, parent in parents.items():
            if parent in family and pid not in family:
                family.add(pid)
                grew = True
    return family, rss


def _pss(pid: int) -> int:
    """Proportional set size in bytes: shared pages (forked workers share most) counted once."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _memory_of_tree(root: int) -> tuple[int, int, int]:
    """(summed RSS, largest single RSS, summed PSS) in bytes of `root` and its descendants."""
    family, rss = _family(root)
    sizes = [rss.get(pid, 0) for pid in family]
    return sum(sizes), max(sizes, default=0), sum(_pss(pid) for pid in family)


class _RssSampler(threading.Thread):
    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak = (0, 0, 0)  # summed RSS, largest process RSS, summed PSS
        self.stop = threading.Event()

    def sample(self) -> None:
        now = _memory_of_tree(os.getpid())
        self.peak = (max(self.peak[0], now[0]), max(self.peak[1], now[1]), max(self.peak[2], now[2]))

    def run(self) -> None:
        while not self.stop.wait(0.25):
            self.sample()


# --------------------------------------------------------------------------- the run


def _one(
    code: str, language: str | None, filename: str, limits: Limits, pool: isolation.Pool, tally: Tally
) -> str | None:
    """Scan one input; the name of what went wrong, when something did."""
    tally.tried += 1
    start = time.monotonic()
    try:
        result = isolation.scan_source(code, language, filename, limits=limits, path=filename, pool=pool)
    except (InputTooLarge, UnsupportedLanguage):
        tally.refused += 1
        return None
    except Exception:
        tally.escaped += 1
        if len(tally.examples) < 5:
            tally.examples.append(traceback.format_exc(limit=3))
        return "escaped"
    took = time.monotonic() - start
    tally.slowest = max(tally.slowest, took)
    kinds = [s.kind for s in result.skipped if s.incomplete]
    tally.crashed += kinds.count(SkipKind.CRASHED)
    tally.memory += kinds.count(SkipKind.MEMORY_LIMIT)
    tally.time_limit += kinds.count(SkipKind.TIME_LIMIT)
    for skip in result.skipped:
        if skip.incomplete and skip.kind not in (
            SkipKind.CRASHED,
            SkipKind.MEMORY_LIMIT,
            SkipKind.TIME_LIMIT,
        ):
            tally.other_incomplete[skip.kind.value] += 1
            if skip.kind == SkipKind.INTERNAL_ERROR and len(tally.examples) < 5:
                tally.examples.append(f"{filename}: {skip.reason}")
    # Over the deadline (kill included) plus the secrets pass after it, and nothing says so.
    allowed = limits.max_seconds_per_file + limits.kill_grace_seconds + isolation.FALLBACK_SECONDS + 1.0
    if took > allowed and not kinds:
        tally.unmarked_hangs += 1
        return "hang"
    if SkipKind.CRASHED in kinds or SkipKind.MEMORY_LIMIT in kinds:
        return "crash"
    return None


def fuzz(
    seconds: float,
    seed: int = 0,
    languages: list[str] | None = None,
    save: Path | None = None,
    limits: Limits | None = None,
    jobs: int = 2,
) -> Tally:
    """Fuzz for `seconds`; `jobs` threads share a pool of as many workers, as MCP clients would."""
    folders = languages or list(LANGUAGES)
    unknown = [f for f in folders if f not in LANGUAGES]
    if unknown:
        raise ValueError(f"unknown language {unknown[0]!r}; choose from {', '.join(LANGUAGES)}")
    corpus = _corpus(folders)
    limits = limits or Limits(max_seconds_per_file=2.0)
    pool = isolation.Pool(jobs, limits)
    pool.start()  # a call's time is then the scan's, not a worker's start-up
    tally = Tally()
    lock = threading.Lock()
    sampler = _RssSampler()
    sampler.start()
    end = time.monotonic() + seconds
    if save is not None:
        save.mkdir(parents=True, exist_ok=True)

    def work(index: int) -> None:
        rng = random.Random(seed * 1000 + index)
        n = 0
        while time.monotonic() < end:
            n += 1
            folder = folders[n % len(folders)]
            name, text = rng.choice(corpus[folder])
            language = LANGUAGES[folder]
            if n % 3 == 0:
                code, how = generate(rng, language), "generated"
            else:
                mutate = rng.choice(MUTATORS)
                code, how = mutate(rng, text, rng.choice(corpus[folder])[1]), mutate.__name__.strip("_")
            local = Tally()
            problem = _one(code, language, name, limits, pool, local)
            with lock:
                _merge(tally, local)
                if problem and save is not None:
                    suffix = Path(name).suffix or ".txt"
                    (save / f"{problem}-{folder}-{how}-{index}-{n}{suffix}").write_text(
                        code, errors="replace"
                    )

    threads = [threading.Thread(target=work, args=(i,)) for i in range(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    pool.close()
    sampler.stop.set()
    sampler.join()
    sampler.sample()
    tally.max_rss_mb, tally.max_process_rss_mb, tally.max_pss_mb = (b / (1024 * 1024) for b in sampler.peak)
    return tally


def _merge(total: Tally, one: Tally) -> None:
    for name in ("tried", "refused", "escaped", "crashed", "memory", "time_limit", "unmarked_hangs"):
        setattr(total, name, getattr(total, name) + getattr(one, name))
    total.other_incomplete.update(one.other_incomplete)
    total.slowest = max(total.slowest, one.slowest)
    total.examples.extend(one.examples[: 5 - len(total.examples)])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--languages", help=f"comma-separated, from: {', '.join(LANGUAGES)} (default: all)")
    parser.add_argument("--save", type=Path, help="folder for inputs that crashed, escaped or hung")
    parser.add_argument("--jobs", type=int, default=2, help="concurrent calls and workers (default 2)")
    parser.add_argument("--deadline", type=int, default=2, help="seconds per input (default 2)")
    args = parser.parse_args()
    chosen = [name.strip() for name in args.languages.split(",")] if args.languages else None
    limits = Limits(max_seconds_per_file=float(args.deadline))
    started = time.monotonic()
    tally = fuzz(args.seconds, args.seed, chosen, args.save, limits, args.jobs)
    took = time.monotonic() - started
    print(f"languages: {', '.join(chosen or LANGUAGES)}; seed {args.seed}; {took:.0f} s; {args.jobs} workers")
    print(f"inputs tried: {tally.tried} ({tally.refused} refused as too large or not that language)")
    print(f"escaped exceptions: {tally.escaped}")
    print(f"crashes (worker deaths): {tally.crashed}; memory limit: {tally.memory}")
    print(f"time limits (reported incomplete): {tally.time_limit}")
    print(f"hangs over the deadline without an incomplete mark: {tally.unmarked_hangs}")
    other = ", ".join(f"{k} {v}" for k, v in sorted(tally.other_incomplete.items())) or "none"
    print(f"other incomplete results: {other}")
    print(f"slowest call: {tally.slowest:.2f} s")
    print(
        f"memory peaks: largest process RSS {tally.max_process_rss_mb:.0f} MB; this process + workers: "
        f"PSS {tally.max_pss_mb:.0f} MB, RSS summed {tally.max_rss_mb:.0f} MB"
    )
    for example in tally.examples:
        print(example, file=sys.stderr)
    return 1 if tally.escaped or tally.unmarked_hangs else 0


if __name__ == "__main__":
    sys.exit(main())
