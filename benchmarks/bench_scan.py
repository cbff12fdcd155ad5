"""Scanner benchmark: vsguard against Bandit (and Semgrep when installed) on real code bases.

    python benchmarks/bench_scan.py                 # fetch (once), scan, print the results
    python benchmarks/bench_scan.py --write         # also replace the Scanner section of BENCHMARKS.md

Code bases are pinned releases from the package registries: PyPI sdists (`pip download --no-deps
--no-binary :all:`) and npm tarballs (`npm pack name@version`), unpacked under benchmarks/.cache/
(gitignored). The mixed tree is a copy of several of them side by side (Python, JavaScript and
TypeScript). Each tool runs as its own command line (`python -m vsguard scan`, `python -m bandit`)
in a child process on the same tree, in the same run, so wall time (start-up included) and peak
memory (the child's maxrss from `wait4`; vsguard scans in one process) are comparable. The snippet
figure is `scan_source` on benchmarks/snippet_200.py, in process and warm. Nothing here is needed
by the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import handler_tree

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CACHE = HERE / ".cache"
DOWNLOADS = CACHE / "dl"
SOURCES = CACHE / "src"
SNIPPET = HERE / "snippet_200.py"

# name -> "registry:requirement" (pypi: a pip requirement, npm: an npm package spec)
PACKAGES: dict[str, str] = {
    "django": "pypi:django==5.1.4",
    "flask": "pypi:flask==3.1.0",
    "requests": "pypi:requests==2.32.3",
    "werkzeug": "pypi:werkzeug==3.1.3",
    "jinja2": "pypi:jinja2==3.1.4",
    "express": "npm:express@4.21.2",
    "lodash": "npm:lodash@4.17.21",
    "axios": "npm:axios@1.7.9",
    "koa": "npm:koa@2.15.3",
}
# The Python code bases compared with Bandit one by one.
PYTHON_TARGETS = ("django", "flask", "requests")
# A tree of over 100k lines in several languages, copied side by side from these packages.
MIXED = "mixed"
MIXED_PARTS = ("werkzeug", "jinja2", "express", "lodash", "axios", "koa")
# A generated taint-heavy tree of small Flask handler modules (see handler_tree.py).
HANDLERS = "handlers"
TARGETS = (*PYTHON_TARGETS, MIXED, HANDLERS)
SECTION_START = "## Scanner"
NOTES = """
Notes:

- Findings are not comparable one to one: Bandit reports every call of a risky API (each
  `subprocess`, `assert`, `random`, `md5`), vsguard reports flows and misuse. Most of Django's
  `py-sql-injection` findings are SQL text built from non-constant values inside the ORM, reported
  by design (parameterisation is required whatever the source); they carry medium confidence and no
  trace unless request data reaches them.
- Where the time goes: ast-grep compiles a rule's config (its regexes above all) on every
  `find_all`, 0.1-0.8 ms per rule and file, and offers no compiled form to keep, so the text
  pre-checks decide most of the cost. A pattern rule runs only when the file holds a word from every
  word set the rule implies (patterns, regexes, relational sub-rules and the `utils` rules it
  `matches`, with `any` distributed over `all`); the secrets scan skips providers whose literal
  prefix or pattern is absent from the whole text and lines without a secret-like name. Each is a
  necessary condition, never a guess: findings are the same with the pre-checks switched off. The
  same word sets prune a rule per file: `any` branches (and `utils`) whose words the file lacks are
  left out of the config ast-grep compiles. `python benchmarks/rule_cost.py` lists the rules that
  cost most on the largest real files; a rule that walked the whole tree once per call (an
  `inside: {stopBy: end}` to the module, then a `has: {stopBy: end}` through all of it) took 22 s
  on a 6,600-line SQLAlchemy test file before it was bounded, 0.1 s after.
- Figures of one run vary with the machine: in this run every tool was about 2.6 times slower than
  in the run before (Bandit on Django: 68.7 s against 26.6 s) on the same kind of machine, so
  compare the ratios within a run, not seconds across runs. The mixed tree's 214 findings include
  183 `py-jinja2-autoescape-off` hits in jinja2's own tests, which the rule has since passed over
  (tests are not deployments; 9 remain in module-level test fixtures).
- Start-up (imports, rules) is about 0.2 s against Bandit's 0.1 s: `vsguard scan` no longer imports
  the catalog and fix commands, and the parsed rule files are kept as JSON in the user's cache
  directory (`~/.cache/vsguard`, keyed by a hash of the rule files; `VSGUARD_NO_CACHE=1` turns it
  off), which replaces about 50 ms of YAML reading with 2 ms.
- Directory scans use 2 processes by default on this 2-CPU machine: the command itself and one
  forked worker take runs of neighbouring files from a shared counter (neighbours share sibling
  modules, which each process analyses once and keeps). The worker inherits the loaded rules;
  `gc.freeze()` before the fork keeps their pages shared. The result is identical to `--jobs 1`
  (same findings, same order). On a 2-CPU machine that other work also uses, the second process
  gains less; `vsguard --jobs 1` rows show the single-process figures of the same run.
- The mixed tree is a copy of werkzeug, jinja2 (PyPI sdists), express, lodash, axios and koa (npm
  tarballs) in one directory. vsguard reads all of it, Bandit only its Python part (44% of the
  lines), so its wall-time ratio compares unequal work; the lines/s row compares the rates.
- The handlers tree is generated (`benchmarks/handler_tree.py`, seed 1): 400 small Flask modules of
  6-12 request handlers each and 40 helper modules, the shape agents write. Half the handlers pass
  request data to a query, command, file, fetch, redirect or template (directly or through a
  helper in a sibling module), half do the same made safe (converted, escaped, allow-listed,
  prefix-checked, parameterised, constant), so nearly every function needs taint analysis and
  the text pre-checks skip almost nothing.
- Archives and trees live under `benchmarks/.cache/`, which is gitignored; the harness sets
  `GIT_CEILING_DIRECTORIES` so that the scan walks the tree instead of asking git for its
  (ignored) files.
"""


@dataclass
class Run:
    tool: str
    seconds: float
    peak_mb: float
    findings: int | None
    detail: dict = field(default_factory=dict)
    ok: bool = True
    pss_mb: float = 0.0


# ---------------------------------------------------------------------- fetching


def _version(name: str) -> str:
    if name == HANDLERS:
        return f"(generated: {handler_tree.MODULES} modules, seed {handler_tree.SEED})"
    return PACKAGES[name].split("==")[-1].split("@")[-1]


def fetch(name: str) -> Path:
    """The unpacked source tree of a package (or the mixed tree), fetching it on first use."""
    if name == MIXED:
        return mixed_tree()
    if name == HANDLERS:
        tree = SOURCES / f"handlers-{handler_tree.SEED}-{handler_tree.MODULES}"
        return tree if tree.is_dir() else handler_tree.generate(tree)
    registry, spec = PACKAGES[name].split(":", 1)
    version = _version(name)
    tree = SOURCES / f"{name}-{version}"
    if tree.is_dir():
        return tree
    DOWNLOADS.mkdir(parents=True, exist_ok=True)
    prefix = f"{name}-{version}".lower()
    archives = [p for p in DOWNLOADS.iterdir() if p.name.lower().startswith(prefix)]
    if not archives:
        if registry == "npm":
            cmd = ["npm", "pack", spec, "--pack-destination", str(DOWNLOADS)]
        else:
            cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:", spec]
            cmd += ["-d", str(DOWNLOADS)]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        archives = [p for p in DOWNLOADS.iterdir() if p.name.lower().startswith(prefix)]
    staging = Path(tempfile.mkdtemp(dir=CACHE))
    with tarfile.open(archives[0]) as tar:
        tar.extractall(staging, filter="data")
    (top,) = list(staging.iterdir())  # an sdist's `name-version/`, an npm tarball's `package/`
    tree.parent.mkdir(parents=True, exist_ok=True)
    top.rename(tree)
    staging.rmdir()
    return tree


def mixed_tree() -> Path:
    """A copy of the `MIXED_PARTS` packages side by side under one directory."""
    tree = SOURCES / MIXED
    if tree.is_dir():
        return tree
    staging = Path(tempfile.mkdtemp(dir=CACHE))
    for part in MIXED_PARTS:
        source = fetch(part)
        shutil.copytree(source, staging / source.name, symlinks=True)
    staging.rename(tree)
    return tree


def mixed_label() -> str:
    return ", ".join(f"{part} {_version(part)}" for part in MIXED_PARTS)


def count_lines(tree: Path, suffixes: tuple[str, ...] = (".py",)) -> tuple[int, int]:
    files = lines = 0
    for path in tree.rglob("*"):
        if path.is_file() and path.suffix in suffixes:
            files += 1
            with path.open("rb") as fh:
                lines += sum(1 for _ in fh)
    return files, lines


def source_lines(tree: Path) -> dict[str, list[int]]:
    """language -> [files, lines] over the source files vsguard recognises (config files left out)."""
    sys.path.insert(0, str(ROOT / "src"))
    from vsguard.engine.files import Candidate, iter_candidates

    os.environ["GIT_CEILING_DIRECTORIES"] = str(tree.parent)
    counts: dict[str, list[int]] = {}
    for item in iter_candidates([tree]):
        if isinstance(item, Candidate) and item.language is not None:
            entry = counts.setdefault(item.language, [0, 0])
            entry[0] += 1
            with item.path.open("rb") as fh:
                entry[1] += sum(1 for _ in fh)
    return dict(sorted(counts.items(), key=lambda kv: -kv[1][1]))


# ---------------------------------------------------------------------- running tools


def _child_env(tree: Path) -> dict[str, str]:
    env = dict(os.environ)
    # The cache is inside this repository and gitignored; stop git discovery at the cache so
    # vsguard walks the tree instead of asking git which (ignored) files it tracks.
    env["GIT_CEILING_DIRECTORIES"] = str(tree.parent)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH", "")]))
    return env


def _tree_pids(root: int) -> list[int]:
    """`root` and every process descending from it, read from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            children.setdefault(int(stat.rsplit(")", 1)[1].split()[1]), []).append(int(entry))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += children.get(pid, [])
    return found


def _rss_pss_kib(pid: int) -> tuple[int, int]:
    rss = pss = 0
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Rss:"):
                rss = int(line.split()[1])
            elif line.startswith("Pss:"):
                pss = int(line.split()[1])
    except OSError:
        pass
    return rss, pss


class _TreeMemory(threading.Thread):
    """Samples a process tree every 20 ms: the peak of the summed RSS (shared pages counted in
    every process that maps them, so an upper bound) and of the summed PSS (shared pages split
    between the processes sharing them)."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.rss_kib, self.pss_kib = pid, 0, 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            totals = [_rss_pss_kib(pid) for pid in _tree_pids(self.pid)]
            self.rss_kib = max(self.rss_kib, sum(r for r, _ in totals))
            self.pss_kib = max(self.pss_kib, sum(p for _, p in totals))
            self.done.wait(0.02)


def _measure(cmd: list[str], env: dict[str, str], stdout_path: Path) -> tuple[float, float, float, int]:
    """(seconds, peak MB, peak PSS MB, exit code). Peak MB is the larger of the child's maxrss and
    the sampled RSS summed over the child and its workers (`wait4` alone reports the largest
    single process of a tree, not its total)."""
    with stdout_path.open("wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.DEVNULL, env=env)
        sampler = _TreeMemory(proc.pid)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        sampler.done.set()
        sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    peak = max(usage.ru_maxrss, sampler.rss_kib) / 1024  # ru_maxrss is in KiB on Linux
    return seconds, peak, sampler.pss_kib / 1024, proc.returncode


def run_vsguard(tree: Path, work: Path, jobs: int | None = None) -> Run:
    """`vsguard scan` as a user runs it (default worker count unless `jobs`); the JSON report gives
    the detail."""
    report = work / "vsguard.json"
    cmd = [sys.executable, "-m", "vsguard", "scan", str(tree), "-f", "json", "-o", str(report)]
    cmd += ["--exit-zero", "--allow-incomplete"]  # what was not analysed is read from the report
    tool = "vsguard"
    if jobs is not None:
        cmd += ["--jobs", str(jobs)]
        tool = f"vsguard --jobs {jobs}"
    seconds, peak, pss, code = _measure(cmd, _child_env(tree), work / "vsguard.out")
    if code != 0 or not report.exists():
        return Run(tool, seconds, peak, None, {"exit": code}, ok=False, pss_mb=pss)
    data = json.loads(report.read_text())
    active = [f for f in data["findings"] if not f["suppressed"]]
    by_rule = Counter(f["rule_id"] for f in active)
    skipped = data["skipped"]
    detail = {
        "files": data["files_scanned"],
        "by_severity": data["summary"]["by_severity"],
        "by_rule": dict(by_rule.most_common()),
        "skipped_reasons": dict(Counter(s["reason"].split(" (")[0].split(";")[0] for s in skipped)),
        "internal_errors": [s["path"] for s in skipped if s["reason"].startswith("internal error")],
    }
    return Run(tool, seconds, peak, data["summary"]["total"], detail, pss_mb=pss)


def run_vsguard_one_process(tree: Path, work: Path) -> Run:
    return run_vsguard(tree, work, jobs=1)


def run_bandit(tree: Path, work: Path) -> Run | None:
    if shutil.which("bandit") is None and not _importable("bandit"):
        return None
    report = work / "bandit.json"
    cmd = [sys.executable, "-m", "bandit", "-r", str(tree), "-f", "json", "-o", str(report), "-q"]
    seconds, peak, pss, code = _measure(cmd, _child_env(tree), work / "bandit.out")
    if code not in (0, 1) or not report.exists():
        return Run("bandit", seconds, peak, None, {"exit": code}, ok=False, pss_mb=pss)
    data = json.loads(report.read_text())
    severities: dict[str, int] = {}
    for issue in data.get("results", []):
        severities[issue["issue_severity"].lower()] = severities.get(issue["issue_severity"].lower(), 0) + 1
    detail = {"by_severity": severities, "errors": len(data.get("errors", []))}
    return Run("bandit", seconds, peak, len(data.get("results", [])), detail, pss_mb=pss)


def run_semgrep(tree: Path, work: Path) -> Run | None:
    exe = shutil.which("semgrep")
    config = os.environ.get("VSGUARD_BENCH_SEMGREP_CONFIG")  # a local rules file or directory
    if exe is None or not config:
        return None
    report = work / "semgrep.json"
    cmd = [exe, "scan", "--config", config, "--json", "--output", str(report), "--metrics", "off", str(tree)]
    seconds, peak, pss, code = _measure(cmd, _child_env(tree), work / "semgrep.out")
    if not report.exists():
        return Run("semgrep", seconds, peak, None, {"exit": code}, ok=False, pss_mb=pss)
    data = json.loads(report.read_text())
    errors = {"errors": len(data.get("errors", []))}
    return Run("semgrep", seconds, peak, len(data.get("results", [])), errors, pss_mb=pss)


def _importable(module: str) -> bool:
    from importlib.util import find_spec

    return find_spec(module) is not None


# ---------------------------------------------------------------------- snippet


def snippet_timing(runs: int) -> dict[str, float]:
    sys.path.insert(0, str(ROOT / "src"))
    from vsguard.engine.scanner import scan_source

    code = SNIPPET.read_text(encoding="utf-8")
    cold_start = time.perf_counter()
    scan_source(code, "python")
    cold = time.perf_counter() - cold_start
    for _ in range(20):
        scan_source(code, "python")
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        scan_source(code, "python")
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return {
        "lines": len(code.splitlines()),
        "first_ms": cold * 1000,
        "p50_ms": statistics.median(samples),
        "p90_ms": samples[int(len(samples) * 0.9) - 1],
        "min_ms": samples[0],
        "runs": runs,
    }


# ---------------------------------------------------------------------- report


def _speed(res: dict, run: dict) -> float:
    """Lines per second: Python lines for Bandit (all it reads), every source line for vsguard."""
    lines = res["py_lines"] if run["tool"] == "bandit" else res["source_lines"]
    return lines / run["seconds"] if run["seconds"] else 0.0


def _languages(res: dict) -> str:
    return ", ".join(f"{lang} {files}/{lines:,}" for lang, (files, lines) in res["languages"].items())


def render(results: list[dict], snippet: dict[str, float], command: str) -> str:
    lines = [
        SECTION_START,
        "",
        f"Command: `{command}`. Machine: {os.cpu_count()} vCPU, Python {platform.python_version()}, "
        f"{_tool_versions()}. Each tool runs as its command line (`python -m vsguard scan TREE -f json "
        "-o FILE`, `python -m bandit -r TREE -f json -o FILE`) in its own child process on the same "
        "tree, in the same run; wall time includes start-up. `vsguard` is the default command, which "
        f"on this machine scans directories in {min(len(os.sched_getaffinity(0)), 2)} processes "
        "(itself and forked workers, for trees of 16 files or more); `vsguard --jobs 1` is the same "
        "scan in one process; Bandit is single-process. Peak memory is sampled every 20 ms over the "
        "child and all its workers: RSS "
        "summed over the processes (an upper bound: pages the workers share with their parent count "
        "once per process; the memory target is judged on it) and PSS (shared pages split between "
        "the processes sharing them); for a single process it is its maxrss. vsguard reads every file "
        "it recognises (source in any of its languages, config files for secrets); Bandit reads the "
        "Python files. Lines/s counts the lines a tool reads: every recognised source file for "
        "vsguard, the Python files for Bandit. The fastest of the repeats counts for each tool.",
        "",
        "| code base | source files / lines | tool | wall time | peak memory, RSS / PSS "
        "| lines/s | findings |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for res in results:
        for run in res["runs"]:
            findings = run["findings"] if run["ok"] else f"failed ({run['detail']})"
            counted = res["py_lines"] if run["tool"] == "bandit" else res["source_lines"]
            files = res["py_files"] if run["tool"] == "bandit" else res["source_files"]
            lines.append(
                f"| {res['name']} {res['version']} | {files} / {counted:,} | {run['tool']} | "
                f"{run['seconds']:.2f} s | {run['peak_mb']:.0f} / {run.get('pss_mb', 0):.0f} MB | "
                f"{_speed(res, run):,.0f} | {findings} |"
            )
    lines += ["", "Source files / lines by language (vsguard's view):", ""]
    for res in results:
        lines.append(f"- {res['name']}: {_languages(res)}")
    lines += [
        "",
        "vsguard detail per code base (files scanned, skipped files and why, findings by rule):",
        "",
    ]
    for res in results:
        vs = next((r for r in res["runs"] if r["tool"] == "vsguard"), None)
        if vs is None or not vs["ok"]:
            continue
        d = vs["detail"]
        top = ", ".join(f"{k} {v}" for k, v in list(d["by_rule"].items())[:8])
        skipped = ", ".join(f"{v} {k}" for k, v in d["skipped_reasons"].items()) or "none"
        crashes = len(d["internal_errors"])
        lines.append(
            f"- {res['name']}: {d['files']} files; skipped: {skipped}; internal errors: {crashes}; "
            f"by severity {d['by_severity']}; top rules: {top}"
        )
    lines += ["", "Targets:", "", "| target | figure | status |", "| --- | --- | --- |"]
    bandit_lines = bandit_seconds = 0.0
    for res in results:
        runs = {r["tool"]: r for r in res["runs"]}
        vs, bandit = runs.get("vsguard"), runs.get("bandit")
        for tool in ("vsguard", "vsguard --jobs 1"):
            ours = runs.get(tool)
            if ours and bandit and ours["ok"] and bandit["ok"]:
                ratio = ours["seconds"] / bandit["seconds"]
                lines.append(
                    f"| whole tree no slower than Bandit, `{tool}`: {res['name']} | "
                    f"{ours['seconds']:.2f} s vs {bandit['seconds']:.2f} s (ratio {ratio:.2f}) | "
                    f"{'met' if ratio <= 1.0 else '**missed**'} |"
                )
        if res["name"] != MIXED and bandit and bandit["ok"]:
            bandit_lines += res["py_lines"]
            bandit_seconds += bandit["seconds"]
        if vs and vs["ok"]:
            lines.append(
                f"| peak memory under 250 MB: {res['name']} | {vs['peak_mb']:.0f} MB | "
                f"{'met' if vs['peak_mb'] < 250 else '**missed**'} |"
            )
            crashes = len(vs["detail"]["internal_errors"])
            lines.append(
                f"| no crash on any file: {res['name']} | {crashes} internal errors | "
                f"{'met' if crashes == 0 else '**missed**'} |"
            )
    mixed = next((r for r in results if r["name"] == MIXED), None)
    mixed_vs = next((r for r in mixed["runs"] if r["tool"] == "vsguard" and r["ok"]), None) if mixed else None
    if mixed and mixed_vs and bandit_seconds:
        ours, theirs = _speed(mixed, mixed_vs), bandit_lines / bandit_seconds
        size = "met" if mixed["source_lines"] >= 100_000 else "**missed**"
        lines.append(f"| mixed tree of at least 100k lines | {mixed['source_lines']:,} lines | {size} |")
        met = "met" if ours >= theirs else "**missed**"
        lines.append(
            f"| vsguard lines/s on the mixed tree vs Bandit lines/s over the Python trees above "
            f"(total lines / total time) | {ours:,.0f} vs {theirs:,.0f} lines/s | {met} |"
        )
    snippet_met = "met" if snippet["p50_ms"] <= 1 else "**missed**"
    lines.append(f"| 200-line snippet p50 at or under 1 ms | {snippet['p50_ms']:.2f} ms | {snippet_met} |")
    lines += [
        "",
        f"Snippet: `scan_source` on `benchmarks/snippet_200.py` ({snippet['lines']:.0f} lines), in process, "
        f"after 20 warm-up scans, {snippet['runs']:.0f} timed scans: **p50 {snippet['p50_ms']:.2f} ms**, "
        f"p90 {snippet['p90_ms']:.2f} ms, min {snippet['min_ms']:.2f} ms (first scan in a fresh process, "
        f"rules loading included: {snippet['first_ms']:.0f} ms).",
        "",
    ]
    return "\n".join(lines)


def _tool_versions() -> str:
    parts = []
    try:
        from importlib.metadata import version

        parts.append(f"bandit {version('bandit')}")
        parts.append(f"ast-grep-py {version('ast-grep-py')}")
    except Exception:
        pass
    if shutil.which("semgrep") is None:
        parts.append("Semgrep not installed")
    return ", ".join(parts)


def write_section(markdown: str, path: Path) -> None:
    """Replace (or append) the Scanner section; every other section is left as it is."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    start = text.find(SECTION_START + "\n")
    if start < 0:
        text = text.rstrip("\n") + "\n\n" + markdown
    else:
        end = text.find("\n## ", start + len(SECTION_START))
        tail = text[end + 1 :] if end >= 0 else ""
        text = text[:start] + markdown + ("\n" + tail if tail else "")
    path.write_text(text.rstrip("\n") + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--targets", default=",".join(TARGETS), help="comma-separated: " + ", ".join(TARGETS))
    parser.add_argument(
        "--repeat", type=int, default=1, help="scans per tool and code base; the fastest counts"
    )
    parser.add_argument("--snippet-runs", type=int, default=300)
    parser.add_argument("--write", action="store_true", help="update the Scanner section of BENCHMARKS.md")
    parser.add_argument(
        "--render-only", action="store_true", help="re-render the last results (benchmarks/results/) only"
    )
    args = parser.parse_args(argv)
    saved = HERE / "results" / "bench_scan.json"
    if args.render_only:
        data = json.loads(saved.read_text())
        command = data.get("command", "python benchmarks/bench_scan.py")
        markdown = render(data["results"], data["snippet"], command)
        print(markdown)
        if args.write:
            write_section(markdown + NOTES, ROOT / "BENCHMARKS.md")
        return 0

    results = []
    for name in args.targets.split(","):
        tree = fetch(name)
        py_files, py_lines = count_lines(tree)
        languages = source_lines(tree)
        runs: list[Run] = []
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            for tool in (run_vsguard, run_vsguard_one_process, run_bandit, run_semgrep):
                attempts = [r for r in (tool(tree, work) for _ in range(args.repeat)) if r is not None]
                if attempts:
                    runs.append(min(attempts, key=lambda r: r.seconds))
        results.append(
            {
                "name": name,
                "version": f"({mixed_label()})" if name == MIXED else _version(name),
                "py_files": py_files,
                "py_lines": py_lines,
                "source_files": sum(files for files, _ in languages.values()),
                "source_lines": sum(lines for _, lines in languages.values()),
                "languages": languages,
                "runs": [run.__dict__ for run in runs],
            }
        )
        for run in runs:
            print(
                f"{name}: {run.tool} {run.seconds:.2f}s {run.peak_mb:.0f}MB findings={run.findings}",
                file=sys.stderr,
            )
    snippet = snippet_timing(args.snippet_runs)
    command = "python benchmarks/bench_scan.py" + (" " + " ".join(argv) if argv else "")
    command = command.replace(" --write", "")
    markdown = render(results, snippet, command)
    print(markdown)
    saved.parent.mkdir(exist_ok=True)
    saved.write_text(json.dumps({"results": results, "snippet": snippet, "command": command}, indent=2))
    if args.write:
        write_section(markdown + NOTES, ROOT / "BENCHMARKS.md")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
