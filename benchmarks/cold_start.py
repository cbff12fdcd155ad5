"""Cold start: a one-file `vsguard scan FILE` and `vsguard hook` against `bandit FILE`, as whole
processes.

    python benchmarks/cold_start.py                       # examples/vulnerable/app.py, 15 runs each
    python benchmarks/cold_start.py path/to/file.py --runs 30
    python benchmarks/cold_start.py --baseline /tmp/old/src   # also an older vsguard, same runs

An older vsguard's source for --baseline: `git archive REV src | tar -x -C /tmp/old`.

Agent hooks start one process per edit, so the start-up of a one-file scan is what they wait
for; the hook is fed Claude Code's PostToolUse payload for a Write of FILE on standard input.
Every tool runs as a fresh child process (`python -m vsguard scan FILE`, `python -m vsguard hook
claude-code`, `python -m bandit -q FILE`) on the same file, alternating so that load on the
machine falls on all alike, after one untimed run each that writes the bytecode caches a normal
install has. The figures are the
median wall and CPU (user + system) times and their ratios; on a busy machine the CPU time is the
steadier of the two. Bandit comes with the `bench` extra (pip install -e ".[bench]").
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_FILE = ROOT / "examples" / "vulnerable" / "app.py"


Command = tuple[list[str], dict[str, str], bytes | None]  # argv, environment, standard input


def _environment() -> dict[str, str]:
    # Measured as installed: with bytecode caches (some shells disable writing them).
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def commands(file: Path, baseline: Path | None = None) -> dict[str, Command]:
    env = _environment()
    scan = [sys.executable, "-m", "vsguard", "scan", str(file)]
    tools: dict[str, Command] = {"vsguard": (scan, env, None)}
    if baseline is not None:
        tools["baseline"] = (scan, {**env, "PYTHONPATH": str(baseline.resolve())}, None)
    payload = {
        "session_id": "cold-start",
        "hook_event_name": "PostToolUse",
        "tool_name": "Write",
        "tool_input": {"file_path": str(file), "content": file.read_text(encoding="utf-8")},
        "cwd": str(file.parent),
    }
    hook = [sys.executable, "-m", "vsguard", "hook", "claude-code"]
    tools["hook"] = (hook, env, json.dumps(payload).encode())
    tools["bandit"] = ([sys.executable, "-m", "bandit", "-q", str(file)], env, None)
    return tools


def _cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_once(command: list[str], env: dict[str, str], stdin: bytes | None) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one run of `command`."""
    cpu = _cpu_of_children()
    start = time.perf_counter()
    done = subprocess.run(
        command, input=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, check=False
    )
    elapsed = time.perf_counter() - start
    # scans exit 1 when they find something; a hook exits 2 to block an edit
    if done.returncode not in (0, 1, 2):
        raise SystemExit(f"{command[2]} failed ({done.returncode}): {done.stderr.decode()[-500:]}")
    return elapsed, _cpu_of_children() - cpu


def measure(tools: dict[str, Command], runs: int) -> dict[str, list[tuple[float, float]]]:
    for command, env, stdin in tools.values():
        run_once(command, env, stdin)  # untimed: writes the bytecode caches
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in tools}
    for i in range(runs):
        order = list(tools) if i % 2 == 0 else list(reversed(tools))
        for name in order:
            times[name].append(run_once(*tools[name]))
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("file", nargs="?", type=Path, default=DEFAULT_FILE)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--baseline", type=Path, help="source folder (holding vsguard/) of another version")
    args = parser.parse_args(argv)
    times = measure(commands(args.file.resolve(), args.baseline), args.runs)
    wall = {name: statistics.median(t for t, _ in values) for name, values in times.items()}
    cpu = {name: statistics.median(c for _, c in values) for name, values in times.items()}
    try:
        shown = args.file.resolve().relative_to(ROOT)
    except ValueError:
        shown = args.file
    print(f"one-file scan of {shown}, {args.runs} alternating runs each, medians:")
    for name in times:
        print(f"  {name:8} wall {wall[name]:.3f} s   cpu {cpu[name]:.3f} s")
    for name in ("vsguard", "hook"):
        ratio_wall = wall[name] / wall["bandit"]
        ratio_cpu = cpu[name] / cpu["bandit"]
        print(f"  ratio {name}/bandit: wall {ratio_wall:.2f}, cpu {ratio_cpu:.2f}")
    if "baseline" in times:
        print(f"  ratio vsguard/baseline: cpu {cpu['vsguard'] / cpu['baseline']:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
