"""Catalog benchmark: load and index time, search and requirements_for latency.

    python benchmarks/catalog_bench.py [--rounds 200]

Load and index are timed uncached, several times, and the median is reported; searches run the
fixed query list below `rounds` times each after one warm-up pass.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable

import yaml

from vsguard.catalog import loader, mapping
from vsguard.catalog.query import requirements_for
from vsguard.catalog.search import SearchIndex, get_index

QUERIES: tuple[str, ...] = (
    "sql injection",
    "password length",
    "jwt",
    "CWE-79",
    "session timeout",
    "remember me login",
    "V6.2.1",
    "tls certificate validation",
    "file upload size limit",
    "secure random token",
    "csrf cookie samesite",
    "log sensitive data",
)
FILTERED: tuple[dict[str, object], ...] = (
    {"version": "5.0.0"},
    {"version": "4.0.3", "level": 1},
    {"tag": "passwords"},
    {"cwe": 79},
    {"chapter": "V6"},
)


def _ms(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def _median_ms(fn: Callable[[], object], runs: int) -> float:
    return statistics.median(_ms(fn) for _ in range(runs))


def _percentiles(samples: list[float]) -> tuple[float, float, float]:
    cuts = statistics.quantiles(samples, n=100)
    return statistics.median(samples), cuts[94], max(samples)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args(argv)

    first_load = _ms(loader.load_catalog)
    catalog = loader.load_catalog()
    reqs = list(catalog.requirements.values())
    load = _median_ms(loader.load_catalog.__wrapped__, 5)
    index = _median_ms(lambda: SearchIndex(reqs), 5)
    mapping_load = _median_ms(mapping._table.__wrapped__, 5)
    yaml_texts = [
        item.read_text(encoding="utf-8")
        for version in ("5.0.0", "4.0.3")
        for item in loader._data_dir(version).iterdir()  # type: ignore[arg-type]
        if item.name.endswith(".yaml")
    ]
    # The loader's YAML parse dominates load time; this shows what libyaml's C loader would save.
    yaml_py = _median_ms(lambda: [yaml.load(t, Loader=yaml.SafeLoader) for t in yaml_texts], 3)
    c_loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    yaml_c = _median_ms(lambda: [yaml.load(t, Loader=c_loader) for t in yaml_texts], 3)
    get_index()

    plain: list[float] = []
    filtered: list[float] = []
    topic: list[float] = []
    for query in QUERIES:  # warm-up
        get_index().search(query)
    for _ in range(args.rounds):
        for query in QUERIES:
            plain.append(_ms(lambda q=query: get_index().search(q)))
        for filters in FILTERED:
            filtered.append(_ms(lambda f=filters: get_index().search("password", **f)))  # type: ignore[arg-type]
    context = "Flask login form with remember-me"
    for _ in range(max(1, args.rounds // 10)):
        topic.append(_ms(lambda: requirements_for("authentication", context=context)))

    print(f"catalog: {len(reqs)} requirements, {len(catalog.chapters)} chapters")
    print(f"load_catalog (first call, cold)    {first_load:8.1f} ms")
    print(f"load_catalog (uncached, median)    {load:8.1f} ms")
    print(f"build FTS5 index (median)          {index:8.1f} ms")
    print(f"load + index                       {load + index:8.1f} ms")
    print(f"mapping table load (median)        {mapping_load:8.1f} ms")
    print(f"YAML parse only: SafeLoader        {yaml_py:8.1f} ms")
    print(f"YAML parse only: CSafeLoader       {yaml_c:8.1f} ms")
    for name, samples in (("search", plain), ("search + filters", filtered), ("requirements_for", topic)):
        p50, p95, worst = _percentiles(samples)
        print(f"{name:<20} p50 {p50:6.3f} ms  p95 {p95:6.3f} ms  max {worst:6.3f} ms  (n={len(samples)})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
