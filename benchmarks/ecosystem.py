"""Ecosystem check: how vsguard's findings on a fixed set of real code bases moved.

    python benchmarks/ecosystem.py              # scan every project, compare with the baseline
    python benchmarks/ecosystem.py --update     # then make this run the new baseline
    python benchmarks/ecosystem.py flask koa    # only these projects

Every precision change should say what it did to real code, not only to the corpus: this scans
pinned releases (fetched once into the gitignored benchmarks/.cache/: from PyPI and npm as
bench_scan.py does, from Debian's archive for the other languages as debian_fetch.py does) and
compares each finding, keyed by file, rule and flagged text (not line numbers, so unrelated edits
do not show as churn), with benchmarks/ecosystem-baseline.json. It prints, per project, findings
new, gone and unchanged, and the files not (fully) analysed; then each new and gone finding, so a
reviewer can read them. Nothing here is needed by the test suite.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import debian_fetch
from bench_scan import PACKAGES, _child_env, fetch

HERE = Path(__file__).resolve().parent
BASELINE = HERE / "ecosystem-baseline.json"
_GEMS = "/usr/share/rubygems-integration/all/gems"  # where Debian's Ruby packages keep a gem's tree
# The projects of the precision triage in BENCHMARKS.md, at the same versions.
PROJECTS: dict[str, str] = {
    **PACKAGES,
    "fastapi": "pypi:fastapi==0.115.6",
    "sqlalchemy": "pypi:sqlalchemy==2.0.36",
    "ejs": "npm:ejs@3.1.10",
    "hono": "npm:hono@4.6.13",
    # Other languages, from Debian's archive (see debian_fetch.py): upstream source releases,
    # pinned to the exact Debian version.
    "gin": "debsrc:golang-github-gin-gonic-gin=1.8.1-1",
    "gorilla-mux": "debsrc:golang-github-gorilla-mux=1.8.0-1",
    "echo": "debsrc:golang-github-labstack-echo=4.2.1-3",
    "hyper": "deb:librust-hyper-dev=0.14.19-1/usr/share/cargo/registry/hyper-0.14.19",
    "reqwest": "deb:librust-reqwest-dev=0.11.13-1/usr/share/cargo/registry/reqwest-0.11.13",
    "guzzle": "deb:php-guzzlehttp-guzzle=7.4.5-1/usr/share/php/GuzzleHttp",
    "slim": "deb:php-slim=3.12.4-1/usr/share/php/Slim",
    "roundcube": "deb:roundcube-core=1.6.5+dfsg-1+deb12u14/usr/share/roundcube",
    "symfony-http-foundation": (
        "deb:php-symfony-http-foundation=5.4.53+dfsg-0+deb12u1/usr/share/php/Symfony/Component/HttpFoundation"
    ),
    "rack": f"deb:ruby-rack=2.2.22-0+deb12u2{_GEMS}/rack-2.2.22",
    "sinatra": f"deb:ruby-sinatra=3.0.5-3+deb12u1{_GEMS}/sinatra-3.0.5",
    "rack-protection": f"deb:ruby-rack-protection=3.0.5-3+deb12u1{_GEMS}/rack-protection-3.0.5",
    "actionpack": f"deb:ruby-actionpack=2:6.1.7.10+dfsg-1~deb12u4{_GEMS}/actionpack-6.1.7.10",
    "jsoup": "debsrc:jsoup=1.15.3-1",
    "tomcat-examples": "deb:tomcat10-examples=10.1.55-1~deb12u1/usr/share/tomcat10-examples",
    "libmicrohttpd": "debsrc:libmicrohttpd=0.9.75-6",
    "cpp-httplib": "debsrc:cpp-httplib=0.11.4+ds-1+deb12u1",
    # Mono's ASP.NET sample pages, handlers and web services (C#; the source package is not served)
    "asp.net-examples": "deb:asp.net-examples=4.2-2.4/usr/share/asp.net-demos",
    # a C# desktop application: processes, files, XML and URLs without a web framework
    "keepass2": "debsrc:keepass2=2.47+dfsg-2",
}
_SHOWN = 40  # new or gone findings listed per project


@dataclass
class Scan:
    version: str
    findings: list[str]  # keys, sorted
    # key -> "path:line rule" of each finding with that key in this run (a key can repeat)
    where: dict[str, list[str]] = field(default_factory=dict)
    not_analysed: list[str] = field(default_factory=list)


def _relative(path: str, tree: Path) -> str:
    p = Path(path)
    return p.relative_to(tree).as_posix() if p.is_relative_to(tree) else p.as_posix()


def _key(finding: dict[str, Any], tree: Path) -> str:
    snippet = " ".join(str(finding.get("snippet", "")).split())
    return f"{_relative(str(finding.get('path') or ''), tree)} | {finding['rule_id']} | {snippet[:160]}"


def scan(name: str) -> Scan:
    """Findings (as keys, with where each was seen) and not-analysed files of one project."""
    spec = PROJECTS[name]
    if spec.startswith(("deb:", "debsrc:")):
        tree = debian_fetch.fetch(name, spec)
    else:
        PACKAGES.setdefault(name, spec)  # fetch() reads the spec from bench_scan's table
        tree = fetch(name)
    with tempfile.TemporaryDirectory() as work:
        out = Path(work) / "report.json"
        cmd = [sys.executable, "-m", "vsguard", "scan", str(tree), "-f", "json", "-o", str(out)]
        cmd.append("--allow-incomplete")
        subprocess.run(cmd, env=_child_env(tree), check=False, stdout=subprocess.DEVNULL)
        report = json.loads(out.read_text(encoding="utf-8"))
    findings = [f for f in report["findings"] if not f.get("suppressed")]
    where: dict[str, list[str]] = {}
    for f in findings:
        seen = f"{_relative(str(f.get('path') or ''), tree)}:{f['location']['start_line']} {f['rule_id']}"
        where.setdefault(_key(f, tree), []).append(seen)
    gaps = [
        f"{_relative(s['path'], tree)}: {s['reason']}"
        for s in report.get("skipped", [])
        if s.get("incomplete")
    ]
    if spec.startswith(("deb:", "debsrc:")):
        version = debian_fetch.version_of(spec)
    else:
        version = spec.rsplit("=", 1)[-1].rsplit("@", 1)[-1]
    return Scan(version, sorted(_key(f, tree) for f in findings), where, sorted(gaps))


def compare(name: str, now: Scan, before: Scan | None) -> tuple[str, list[str]]:
    current = Counter(now.findings)
    old = Counter(before.findings if before else [])
    new, gone, same = current - old, old - current, current & old
    row = (
        f"| {name} {now.version} | {sum(old.values())} → {sum(current.values())} | "
        f"{sum(new.values())} | {sum(gone.values())} | {sum(same.values())} | {len(now.not_analysed)} |"
    )
    # a key new n times: show the last n places it was seen (the earlier ones match the baseline)
    detail = [
        f"  + {place}    {k.split(' | ', 2)[-1][:90]}"
        for k, n in sorted(new.items())
        for place in (now.where.get(k) or [k])[-n:]
    ]
    detail = detail[:_SHOWN] + [f"  - {k}" for k in sorted(gone.elements())][:_SHOWN]
    return row, detail


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "projects", nargs="*", metavar="PROJECT", help=f"default: all of {', '.join(PROJECTS)}"
    )
    parser.add_argument("--update", action="store_true", help="write this run as the new baseline")
    args = parser.parse_args(argv)
    unknown = [p for p in args.projects if p not in PROJECTS]
    if unknown:
        parser.error(f"unknown project {unknown[0]!r}")
    stored = json.loads(BASELINE.read_text(encoding="utf-8")) if BASELINE.exists() else {}
    print("| project | findings before → now | new | gone | unchanged | not analysed |")
    print("| --- | --- | --- | --- | --- | --- |")
    details: list[str] = []
    results: dict[str, Scan] = {}
    for name in args.projects or list(PROJECTS):
        now = results[name] = scan(name)
        raw = stored.get(name)
        before = Scan(raw["version"], raw["findings"]) if raw and raw.get("version") == now.version else None
        row, detail = compare(name, now, before)
        print(row, flush=True)
        if detail or now.not_analysed:
            details += [f"\n{name}:", *detail, *(f"  ! {g}" for g in now.not_analysed[:_SHOWN])]
    print("\n".join(details))
    if args.update:
        for name, now in results.items():
            stored[name] = {
                "version": now.version,
                "findings": now.findings,
                "not_analysed": now.not_analysed,
            }
        BASELINE.write_text(json.dumps(stored, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"\nbaseline written: {BASELINE.relative_to(HERE.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
