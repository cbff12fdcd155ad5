"""Cold start: a one-file `vsguard scan FILE` against `bandit FILE`, as whole processes.

    python benchmarks/cold_start.py                       # examples/vulnerable/app.py, 15 runs each
    python benchmarks/cold_start.py path/to/file.py --runs 30

Agent hooks start one process per edit, so the start-up of a one-file scan is what they wait
for. Both tools run as fresh child processes (`python -m vsguard scan FILE`, `python -m bandit
-q FILE`) on the same file, alternating so that load on the machine falls on both alike, after
one untimed run each that writes the bytecode caches a normal install has. The figures are the
median wall times and their ratio. Bandit comes with the `bench` extra (pip install -e ".[bench]").
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_FILE = ROOT / "examples" / "vulnerable" / "app.py"


def commands(file: Path) -> dict[str, list[str]]:
    return {
        "vsguard": [sys.executable, "-m", "vsguard", "scan", str(file)],
        "bandit": [sys.executable, "-m", "bandit", "-q", str(file)],
    }


def _environment() -> dict[str, str]:
    # Measured as installed: with bytecode caches (some shells disable writing them).
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def run_once(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):  # both exit 1 when they find something
        raise SystemExit(f"{command[2]} failed ({done.returncode}): {done.stderr.decode()[-500:]}")
    return elapsed


def measure(file: Path, runs: int) -> dict[str, list[float]]:
    env = _environment()
    tools = commands(file)
    for command in tools.values():
        run_once(command, env)  # untimed: writes the bytecode caches
    times: dict[str, list[float]] = {name: [] for name in tools}
    for i in range(runs):
        order = list(tools) if i % 2 == 0 else list(reversed(tools))
        for name in order:
            times[name].append(run_once(tools[name], env))
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("file", nargs="?", type=Path, default=DEFAULT_FILE)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args(argv)
    times = measure(args.file.resolve(), args.runs)
    medians = {name: statistics.median(values) for name, values in times.items()}
    try:
        shown = args.file.resolve().relative_to(ROOT)
    except ValueError:
        shown = args.file
    print(f"one-file scan of {shown}, {args.runs} alternating runs each, median wall time:")
    for name, values in times.items():
        print(f"  {name:8} {medians[name]:.3f} s  (min {min(values):.3f}, max {max(values):.3f})")
    print(f"  ratio vsguard/bandit: {medians['vsguard'] / medians['bandit']:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
