"""The `vsguard` command line: a thin door onto the same library functions the MCP server calls.

Exit codes follow Bandit's convention: 0 nothing at or above the threshold, 1 findings remain,
2 usage or input errors.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from vsguard import __version__
from vsguard.models import Confidence, Finding, ScanResult, Severity

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
# Each worker holds its own parse trees and module summaries (tens of MB on large trees), so the
# default stays at two; `--jobs N` asks for more.
_AUTO_JOBS_MAX = 2


def _load_baseline(path: Path) -> set[str]:
    """Fingerprints of findings recorded by an earlier `vsguard scan --format json`."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {Finding.model_validate(f).fingerprint for f in data.get("findings", [])}
    except (OSError, ValueError) as exc:
        raise ValueError(f"cannot read baseline {path}: {exc}") from exc


def _filter(result: ScanResult, args: argparse.Namespace) -> ScanResult:
    from vsguard.engine.scanner import summarize

    min_sev = Severity(args.min_severity)
    min_conf = Confidence(args.min_confidence)
    baseline = _load_baseline(args.baseline) if args.baseline else set()
    kept = tuple(
        f
        for f in result.findings
        if f.severity.rank >= min_sev.rank
        and f.confidence.rank >= min_conf.rank
        and f.fingerprint not in baseline
    )
    return result.model_copy(update={"findings": kept, "summary": summarize(kept)})


def _default_jobs() -> int:
    """One worker per CPU this process may run on, at most `_AUTO_JOBS_MAX`."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on every platform
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, _AUTO_JOBS_MAX))


def _cmd_scan(args: argparse.Namespace) -> int:
    from vsguard.engine.scanner import scan_paths
    from vsguard.report import FORMATTERS

    jobs = args.jobs if args.jobs > 0 else _default_jobs()
    paths = [Path(p) for p in args.paths]
    result = _filter(
        scan_paths(paths, rule_ids=args.rule or None, jobs=jobs, exclude=args.exclude or ()), args
    )
    text = FORMATTERS[args.format](result)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return EXIT_FINDINGS if result.summary.total and not args.exit_zero else EXIT_CLEAN


def _cmd_serve(args: argparse.Namespace) -> int:
    from vsguard.server.app import serve

    serve(
        args.transport,
        host=args.host,
        port=args.port,
        token_file=args.auth_token_file,
        allowed_hosts=args.allowed_host or (),
    )
    return EXIT_CLEAN


def _cmd_rules(args: argparse.Namespace) -> int:
    from vsguard.rules.loader import load_rules

    rules = [r for r in load_rules() if not args.language or r.language == args.language]
    for r in rules:
        cwe = ",".join(f"CWE-{c}" for c in r.cwe)
        print(f"{r.id:34} {r.severity.value:8} {cwe:16} {','.join(r.asvs):18} {r.title}")
    print(f"{len(rules)} rule(s)")
    return EXIT_CLEAN


# Commands defined in this module. When one of them is asked for, the catalog and fix commands
# (whose modules import the ASVS catalog and the fixer) are left out of the parser: they cost
# about 0.05 s of start-up that a `vsguard scan` in CI or a pre-commit hook would pay for nothing.
_CORE_COMMANDS = frozenset({"scan", "serve", "rules"})


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The full parser, or (given one of the core commands) a parser without the other commands."""
    parser = argparse.ArgumentParser(
        prog="vsguard",
        description="Security guardrail for AI coding agents: OWASP ASVS, scanning, verified fixes.",
    )
    parser.add_argument("--version", action="version", version=f"vsguard {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    scan = sub.add_parser("scan", help="scan files or directories for security flaws")
    scan.add_argument(
        "paths", nargs="+", metavar="PATH", help="file or directory (recursive, honours .gitignore)"
    )
    scan.add_argument("-f", "--format", choices=["text", "json", "sarif", "markdown"], default="text")
    scan.add_argument(
        "--min-severity",
        choices=[s.value for s in Severity],
        default="info",
        help="report and fail only on findings at or above this severity",
    )
    scan.add_argument("--min-confidence", choices=[c.value for c in Confidence], default="low")
    scan.add_argument("--rule", action="append", metavar="ID", help="run only this rule (repeatable)")
    scan.add_argument(
        "-x",
        "--exclude",
        action="append",
        metavar="GLOB",
        help="skip files or folders inside scanned directories matching this glob, e.g. 'tests' (repeatable)",
    )
    scan.add_argument("--baseline", type=Path, help="JSON report of known findings to leave out")
    scan.add_argument("-o", "--output", help="write the report to this file instead of stdout")
    scan.add_argument("--exit-zero", action="store_true", help="exit 0 even when findings remain")
    scan.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=0,
        metavar="N",
        help=f"worker processes for directory scans (default: one per CPU, at most {_AUTO_JOBS_MAX})",
    )
    scan.set_defaults(func=_cmd_scan)

    serve = sub.add_parser("serve", help="run the MCP server (stdio by default)")
    serve.add_argument("--transport", choices=["stdio", "http"], default="stdio")
    serve.add_argument(
        "--host",
        default="127.0.0.1",
        help="HTTP bind address (loopback by default; any other address needs a token)",
    )
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument(
        "--auth-token-file",
        type=Path,
        metavar="PATH",
        help="require `Authorization: Bearer <token>` with the token in this file "
        "(default: $VSGUARD_AUTH_TOKEN when set)",
    )
    serve.add_argument(
        "--allowed-host",
        action="append",
        metavar="NAME",
        help="also accept this Host header (name or name:port) besides the bind address and "
        "loopback names (repeatable)",
    )
    serve.set_defaults(func=_cmd_serve)

    rules = sub.add_parser("rules", help="list the detection rules")
    rules.add_argument("--language")
    rules.set_defaults(func=_cmd_rules)

    if command not in _CORE_COMMANDS:
        from vsguard.cli_catalog import add_parsers as add_catalog_parsers
        from vsguard.cli_fix import add_parser as add_fix_parser

        add_catalog_parsers(sub)
        add_fix_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(args_list[0] if args_list else None)
    args = parser.parse_args(args_list)
    try:
        return int(args.func(args))
    except ValueError as exc:  # bad input from the user: a message, not a traceback
        print(f"vsguard: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
