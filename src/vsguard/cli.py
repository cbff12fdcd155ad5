"""The `vsguard` command line: a thin door onto the same library functions the MCP server calls.

Exit codes, one meaning each and the same for every format (see `SCAN_EPILOG`).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from vsguard import __version__
from vsguard.models import Confidence, Finding, ScanResult, Severity

if TYPE_CHECKING:
    from vsguard.verdict import Policy

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
# Each worker holds its own parse trees and module summaries (tens of MB on large trees), so the
# default stays at two; `--jobs N` asks for more.
_AUTO_JOBS_MAX = 2

SCAN_EPILOG = """exit codes:
  0  every requested file was analysed and no finding is at or above the threshold
  1  findings at or above the threshold (--min-severity, or --fail-on)
  2  usage or input error (missing path, unknown rule id or severity, unreadable baseline,
     unwritable output), or an INCOMPLETE scan: a requested file could not be analysed in full
     (internal error, time limit, size limit, unreadable, binary or unsupported); the report
     names each with its reason. --allow-incomplete gives the verdict of what was analysed.
"""


class UsageError(ValueError):
    """Bad input from the user: printed as one line, exit 2."""


def _load_baseline(path: Path) -> set[str]:
    """Fingerprints of findings recorded by an earlier `vsguard scan --format json`."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {Finding.model_validate(f).fingerprint for f in data.get("findings", [])}
    except (OSError, ValueError) as exc:
        raise ValueError(f"cannot read baseline {path}: {exc}") from exc


def _policy(args: argparse.Namespace) -> Policy:
    from vsguard.verdict import Policy, parse_confidence, parse_severity

    return Policy(
        min_severity=parse_severity(args.min_severity),
        min_confidence=parse_confidence(args.min_confidence),
        fail_on=parse_severity(args.fail_on) if args.fail_on else None,
        baseline=frozenset(_load_baseline(args.baseline)) if args.baseline else frozenset(),
        allow_incomplete=args.allow_incomplete,
    )


def _check_rule_ids(ids: Sequence[str]) -> None:
    """Every `--rule` names a rule that exists; a typo would otherwise run no rule and pass."""
    import difflib

    from vsguard.rules.loader import load_rules

    known = {r.id for r in load_rules()}
    for rule_id in ids:
        if rule_id not in known:
            near = difflib.get_close_matches(rule_id, known, n=1)
            hint = f"; did you mean {near[0]}?" if near else "; `vsguard rules` lists them"
            raise UsageError(f"unknown rule id {rule_id!r}{hint}")


def _check_output(output: str | None) -> None:
    if not output:
        return
    target = Path(output)
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise UsageError(f"cannot write the report to {output}: it is a directory")
    if not folder.is_dir():
        raise UsageError(f"cannot write the report to {output}: no such directory {folder}")
    if not os.access(folder, os.W_OK) or (target.exists() and not os.access(target, os.W_OK)):
        raise UsageError(f"cannot write the report to {output}: permission denied")


def _emit(text: str, output: str | None) -> None:
    if output:
        try:
            Path(output).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"cannot write the report to {output}: {exc.strerror or exc}") from exc
    else:
        sys.stdout.write(text)
        sys.stdout.flush()


def _default_jobs() -> int:
    """One worker per CPU this process may run on, at most `_AUTO_JOBS_MAX`."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on every platform
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, _AUTO_JOBS_MAX))


def _scan_stdin(args: argparse.Namespace) -> ScanResult:
    from vsguard.engine.isolation import scan_source
    from vsguard.engine.languages import UnsupportedLanguage
    from vsguard.engine.scanner import InputTooLarge

    code = sys.stdin.read()
    name = args.stdin_filename
    try:
        return scan_source(code, filename=name, rule_ids=args.rule or None, path=name or "<stdin>")
    except (UnsupportedLanguage, InputTooLarge) as exc:
        raise UsageError(f"stdin: {exc}") from exc


def exit_code(result: ScanResult, exit_zero: bool = False) -> int:
    """The process exit code for a filtered result (see `SCAN_EPILOG`)."""
    verdict = result.summary.verdict
    if verdict == "incomplete":
        return EXIT_USAGE
    return EXIT_FINDINGS if verdict == "failed" and not exit_zero else EXIT_CLEAN


def _cmd_scan(args: argparse.Namespace) -> int:
    from vsguard.verdict import apply_policy

    policy = _policy(args)
    if args.rule:
        _check_rule_ids(args.rule)
    _check_output(args.output)
    if args.paths == ["-"]:
        raw = _scan_stdin(args)
    else:
        if "-" in args.paths:
            raise UsageError("'-' (standard input) cannot be combined with other paths")
        missing = [p for p in args.paths if not os.path.lexists(p)]
        if missing:
            raise UsageError(f"no such file or directory: {missing[0]}")
        from vsguard.engine.scanner import scan_paths

        jobs = args.jobs if args.jobs > 0 else _default_jobs()
        paths = [Path(p) for p in args.paths]
        raw = scan_paths(paths, rule_ids=args.rule or None, jobs=jobs, exclude=args.exclude or ())
    result = apply_policy(raw, policy)
    from vsguard.report import FORMATTERS

    _emit(FORMATTERS[args.format](result), args.output)
    return exit_code(result, args.exit_zero)


def _cmd_serve(args: argparse.Namespace) -> int:
    from vsguard.server.app import serve

    serve(args.transport, host=args.host, port=args.port)
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

    scan = sub.add_parser(
        "scan",
        help="scan files or directories for security flaws",
        epilog=SCAN_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    scan.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="file or directory (recursive, honours .gitignore), or - for standard input",
    )
    scan.add_argument(
        "--stdin-filename", metavar="NAME", help="with '-': the file name that standard input stands for"
    )
    scan.add_argument("-f", "--format", choices=["text", "json", "sarif", "markdown"], default="text")
    severities = "|".join(s.value for s in Severity)
    scan.add_argument(
        "--min-severity",
        default="info",
        metavar=severities,
        help="report (and fail on) only findings at or above this severity (any letter case)",
    )
    scan.add_argument(
        "--fail-on",
        metavar=severities,
        help="fail only on findings at or above this severity (default: --min-severity)",
    )
    scan.add_argument("--min-confidence", default="low", metavar="|".join(c.value for c in Confidence))
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
        "--allow-incomplete",
        action="store_true",
        help="when a file could not be fully analysed, give the verdict of what was (still reported)",
    )
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
    serve.add_argument("--host", default="127.0.0.1", help="HTTP bind address (loopback by default)")
    serve.add_argument("--port", type=int, default=8000)
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
    except BrokenPipeError:
        return _closed_pipe()
    except (ValueError, OSError) as exc:  # bad input from the user: a message, not a traceback
        print(f"vsguard: error: {_one_line(exc)}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a fault of vsguard itself: one line, unless asked for the traceback
        if os.environ.get("VSGUARD_DEBUG"):
            raise
        print(f"vsguard: internal error: {type(exc).__name__}: {_one_line(exc)}", file=sys.stderr)
        return EXIT_USAGE


def _one_line(exc: BaseException) -> str:
    text = str(exc)
    if isinstance(exc, OSError) and exc.strerror:
        text = f"{exc.filename}: {exc.strerror}" if exc.filename else exc.strerror
    first = text.strip().splitlines()[0] if text.strip() else type(exc).__name__
    return first[:300]


def _closed_pipe() -> int:
    """The reader went away (`vsguard rules | head`): stop quietly, and keep Python's final flush
    of stdout from printing an error of its own."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:
        pass
    return EXIT_CLEAN


if __name__ == "__main__":
    sys.exit(main())
