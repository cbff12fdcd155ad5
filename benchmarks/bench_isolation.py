"""What isolation costs a single scan: benchmarks/snippet_200.py in process and through the worker pool.

    python benchmarks/bench_isolation.py [--rounds 300]

Both are warm (rules loaded, worker started, 20 warm-up scans); the two are interleaved scan by scan
so that a busy machine slows both alike. Also printed: the first call through a fresh pool (worker
start included) and the round trip of a call that does nothing in the worker. Nothing here is
needed by the test suite.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from vsguard.config import Limits
from vsguard.engine import isolation, scanner

SNIPPET = Path(__file__).resolve().parent / "snippet_200.py"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=300)
    args = parser.parse_args()
    code = SNIPPET.read_text()
    limits = Limits.from_env()
    scanner.warm_rules(["python"])
    pool = isolation.Pool(1, limits)
    start = time.perf_counter()
    isolation.scan_source(code, "python", limits=limits, pool=pool)
    first = time.perf_counter() - start
    for _ in range(20):
        scanner.scan_source(code, "python", limits=limits)
        isolation.scan_source(code, "python", limits=limits, pool=pool)
    inside: list[float] = []
    through: list[float] = []
    for _ in range(args.rounds):
        start = time.perf_counter()
        scanner.scan_source(code, "python", limits=limits)
        inside.append(time.perf_counter() - start)
        start = time.perf_counter()
        isolation.scan_source(code, "python", limits=limits, pool=pool)
        through.append(time.perf_counter() - start)
    trips = []
    for _ in range(args.rounds):
        start = time.perf_counter()
        pool.call(len, (code,), seconds=1.0)
        trips.append(time.perf_counter() - start)
    pool.close()
    p50_in, p50_pool = statistics.median(inside) * 1000, statistics.median(through) * 1000
    print(f"snippet ({len(code.splitlines())} lines), {args.rounds} interleaved scans each")
    print(f"in process:   p50 {p50_in:.2f} ms, min {min(inside) * 1000:.2f} ms")
    print(f"worker pool:  p50 {p50_pool:.2f} ms, min {min(through) * 1000:.2f} ms")
    print(f"overhead:     p50 {p50_pool - p50_in:+.2f} ms, min {(min(through) - min(inside)) * 1000:+.2f} ms")
    print(f"round trip of a no-op call carrying the snippet: p50 {statistics.median(trips) * 1000:.2f} ms")
    print(f"first call through a fresh pool (worker start included): {first * 1000:.1f} ms")


if __name__ == "__main__":
    main()
