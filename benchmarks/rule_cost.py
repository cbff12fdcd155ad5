"""Rule cost: the pattern rules that take longest on the largest real files, per language.

    python benchmarks/rule_cost.py                 # the 6 largest files per language, top 25 rules
    python benchmarks/rule_cost.py --files 20 --top 40

A rule whose structure is evaluated per node against the whole tree (an `inside: {stopBy: end}`
up to the file, then a `has: {stopBy: end}` down through all of it, for every call) costs
time quadratic in the file's size; on a 6,000-line file one such rule took over 20 s while every
other rule took milliseconds. This harness finds them: it runs every pattern rule that passes the
scanner's text pre-check on the largest files of the trees under benchmarks/.cache/src/ (fetched
by bench_scan.py and ecosystem.py) and prints each rule's worst time. Nothing here is needed by
the test suite.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from vsguard.engine.files import Candidate, iter_candidates  # noqa: E402
from vsguard.engine.parse import parse  # noqa: E402
from vsguard.engine.prefilter import TextWords  # noqa: E402
from vsguard.engine.scanner import _fast_rule, _pattern_requirements  # noqa: E402
from vsguard.rules.loader import rules_for  # noqa: E402

SOURCES = HERE / ".cache" / "src"
MAX_BYTES = 400_000  # vsguard's default size limit: larger files are not analysed at all


def largest_files(root: Path, per_language: int) -> dict[str, list[Path]]:
    os.environ["GIT_CEILING_DIRECTORIES"] = str(root.resolve())
    sized: dict[str, list[tuple[int, Path]]] = defaultdict(list)
    for item in iter_candidates([root], ()):
        if isinstance(item, Candidate) and item.language:
            try:
                size = item.path.stat().st_size
            except OSError:
                continue
            if size <= MAX_BYTES:
                sized[item.language].append((size, item.path))
    return {lang: [p for _, p in sorted(files, reverse=True)[:per_language]] for lang, files in sized.items()}


def worst_times(files: dict[str, list[Path]]) -> list[tuple[float, str, Path]]:
    worst: dict[str, tuple[float, Path]] = {}
    for language, paths in files.items():
        rules = [r for r in rules_for(language) if r.kind == "pattern"]
        for path in paths:
            code = path.read_text(encoding="utf-8", errors="replace")
            try:
                root = parse(code, language)
            except Exception:
                continue
            words = TextWords(code)
            for rule in rules:
                if not words.all_of(_pattern_requirements(rule)):
                    continue
                config = _fast_rule(rule).match.config()  # type: ignore[union-attr]
                start = time.perf_counter()
                root.find_all(config)
                seconds = time.perf_counter() - start
                if seconds > worst.get(rule.id, (0.0, path))[0]:
                    worst[rule.id] = (seconds, path)
    return sorted(((s, rid, p) for rid, (s, p) in worst.items()), reverse=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=6, help="largest files per language")
    parser.add_argument("--top", type=int, default=25, help="rules to print")
    args = parser.parse_args()
    if not SOURCES.is_dir():
        print("no trees in benchmarks/.cache/src: run bench_scan.py or ecosystem.py", file=sys.stderr)
        return 2
    files = largest_files(SOURCES, args.files)
    print(f"{sum(map(len, files.values()))} files in {len(files)} languages")
    for seconds, rule_id, path in worst_times(files)[: args.top]:
        print(f"{seconds:8.3f} s  {rule_id:40}  {path.relative_to(SOURCES)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
