"""The `vsguard` command line: a thin door onto the same library functions the MCP server calls.

Exit codes, one meaning each and the same for every format (see `SCAN_EPILOG`).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from vsguard import __version__
from vsguard.models import Confidence, ScanResult, Severity

if TYPE_CHECKING:
    from vsguard.diffscope import DiffScope
    from vsguard.report.options import ReportOptions
    from vsguard.scan_settings import ScanSettings

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


def _settings(args: argparse.Namespace) -> tuple[ScanSettings, DiffScope | None]:
    """The scan's policy, rules and excludes (flags first, then the project's settings file), and
    with --diff or --staged what changed."""
    from vsguard.project_config import load_config
    from vsguard.scan_settings import build_settings
    from vsguard.verdict import parse_confidence, parse_severity

    scanned = [Path(p) for p in args.paths if p != "-"]
    config = load_config(scanned[0] if scanned else Path.cwd(), args.config)
    keep, scope = None, None
    if args.diff is not None or args.staged:
        from vsguard.diffscope import diff_scope

        scope = diff_scope(scanned[0] if scanned else Path.cwd(), args.diff, args.staged)
        keep = scope.keep()
    settings = build_settings(
        config,
        scanned,
        min_severity=parse_severity(args.min_severity) if args.min_severity else None,
        min_confidence=parse_confidence(args.min_confidence) if args.min_confidence else None,
        fail_on=parse_severity(args.fail_on) if args.fail_on else None,
        baseline=args.baseline,
        allow_incomplete=args.allow_incomplete,
        rules=args.rule or (),
        exclude=args.exclude or (),
        keep=keep,
    )
    return settings, scope


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


def _scan_stdin(args: argparse.Namespace, rule_ids: Sequence[str] | None) -> ScanResult:
    from vsguard.engine.isolation import scan_source
    from vsguard.engine.languages import UnsupportedLanguage
    from vsguard.engine.scanner import InputTooLarge

    code = sys.stdin.read()
    name = args.stdin_filename
    try:
        return scan_source(code, filename=name, rule_ids=rule_ids, path=name or "<stdin>")
    except (UnsupportedLanguage, InputTooLarge) as exc:
        raise UsageError(f"stdin: {exc}") from exc


def exit_code(result: ScanResult, exit_zero: bool = False) -> int:
    """The process exit code for a filtered result (see `SCAN_EPILOG`)."""
    verdict = result.summary.verdict
    if verdict == "incomplete":
        return EXIT_USAGE
    return EXIT_FINDINGS if verdict == "failed" and not exit_zero else EXIT_CLEAN


def _diff_files(scope: DiffScope, roots: Sequence[Path], exclude: Sequence[str]) -> list[Path]:
    """The changed files inside the scanned paths, as the scan would name them."""
    from vsguard.engine.files import excluded

    cwd = Path.cwd()
    chosen: list[Path] = []
    for path in scope.files():
        for root in roots:
            top = Path(os.path.realpath(root))
            if path == top or (
                top.is_dir() and path.is_relative_to(top) and not excluded(path, top, tuple(exclude))
            ):
                chosen.append(Path(os.path.relpath(path, cwd)) if path.is_relative_to(cwd) else path)
                break
    return chosen


def _cmd_scan(args: argparse.Namespace) -> int:
    from vsguard.verdict import apply_policy

    stdin = args.paths == ["-"]
    if stdin and (args.diff is not None or args.staged):
        raise UsageError("--diff and --staged scan files of a git repository, not standard input")
    if not stdin:
        if "-" in args.paths:
            raise UsageError("'-' (standard input) cannot be combined with other paths")
        missing = [p for p in args.paths if not os.path.lexists(p)]
        if missing:
            raise UsageError(f"no such file or directory: {missing[0]}")
    if args.rule:  # a typo would otherwise run no rule and pass
        from vsguard.scan_settings import check_rule_ids

        check_rule_ids(args.rule)
    settings, scope = _settings(args)
    _check_output(args.output)
    options = _report_options(args)  # before scanning: a bad --sarif-root fails at once
    rule_ids = list(settings.rule_ids) if settings.rule_ids is not None else None
    if stdin:
        raw = _scan_stdin(args, rule_ids)
    else:
        from vsguard.cli_progress import progress_bar
        from vsguard.engine.scanner import scan_paths

        jobs = args.jobs if args.jobs > 0 else _default_jobs()
        paths = [Path(p) for p in args.paths]
        if scope is not None:
            paths = _diff_files(scope, paths, settings.exclude)
        if scope is not None and args.staged:
            from vsguard.diffscope import scan_staged

            raw = scan_staged(scope, paths, rule_ids)
        else:
            bar = progress_bar(args.quiet)
            try:
                raw = scan_paths(paths, rule_ids=rule_ids, jobs=jobs, exclude=settings.exclude, progress=bar)
            finally:
                if bar is not None:
                    bar.close()
    if args.ignore_unsupported:
        raw = _passed_over(raw)
    result = apply_policy(raw, settings.policy, baseline_key=settings.baseline_key)
    from vsguard.report import render

    _emit(render(result, args.format, options), args.output)
    if not stdin and scope is None and raw.files_scanned == 0 and not raw.skipped:
        # Folders passed over by design (virtualenvs, node_modules, build output) held everything.
        print(
            "vsguard: note: no file to analyse under the paths given (virtualenv, node_modules, VCS and"
            " build folders are passed over; name a file inside one to scan it)",
            file=sys.stderr,
        )
    return exit_code(result, args.exit_zero)


def _passed_over(result: ScanResult) -> ScanResult:
    """Named files vsguard cannot read at all (binary, unsupported type) listed as skipped rather
    than making the scan incomplete: for callers such as pre-commit that pass every changed file."""
    from vsguard.models import SkipKind
    from vsguard.records import replace

    unreadable = {SkipKind.BINARY, SkipKind.UNSUPPORTED}
    skipped = tuple(replace(s, incomplete=False) if s.kind in unreadable else s for s in result.skipped)
    return replace(result, skipped=skipped)


def _report_options(args: argparse.Namespace) -> ReportOptions:
    """Report paths relative to the repository root (`--sarif-root`, else found from the paths)."""
    from vsguard.report.options import ReportOptions
    from vsguard.report.root import outside, report_root

    cwd = Path.cwd()
    scanned = [Path(p) for p in args.paths if p != "-"]
    if args.sarif_root is None:
        return ReportOptions(root=report_root(scanned, cwd), cwd=cwd)
    if not args.sarif_root.is_dir():
        raise UsageError(f"--sarif-root {args.sarif_root}: not a directory")
    stray = outside(scanned, args.sarif_root, cwd)
    if stray is not None:
        raise UsageError(f"{stray} is outside --sarif-root {args.sarif_root}")
    return ReportOptions(root=Path(os.path.abspath(cwd / args.sarif_root)), cwd=cwd)


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


# Commands defined in this module. When one of them is asked for, the catalog and fix commands
# (whose modules import the ASVS catalog and the fixer) are left out of the parser: they cost
# about 0.05 s of start-up that a `vsguard scan` in CI or a pre-commit hook would pay for nothing.
_CORE_COMMANDS = frozenset({"scan", "serve", "rules", "hook", "init"})


def _wanted(name: str, command: str | None) -> bool:
    """Whether the parser for `command` needs the subcommand `name`: a core command needs only
    itself (the scan's parser is always there, for `vsguard scan` and for usage errors)."""
    return command not in _CORE_COMMANDS or command == name


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The full parser, or (given one of the core commands) a parser with that command alone."""
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
    scan.add_argument("-f", "--format", choices=["text", "json", "sarif", "markdown", "html"], default="text")
    scan.add_argument(
        "--sarif-root",
        type=Path,
        metavar="DIR",
        help="report paths relative to this folder (default: the git root of the scanned paths)",
    )
    scan.add_argument(
        "-q", "--quiet", action="store_true", help="no progress bar on stderr (shown only on a terminal)"
    )
    severities = "|".join(s.value for s in Severity)
    scan.add_argument(
        "--min-severity",
        metavar=severities,
        help="report (and fail on) only findings at or above this severity (any letter case; default info)",
    )
    scan.add_argument(
        "--fail-on",
        metavar=severities,
        help="fail only on findings at or above this severity (default: --min-severity)",
    )
    scan.add_argument("--min-confidence", metavar="|".join(c.value for c in Confidence), help="default low")
    scan.add_argument("--rule", action="append", metavar="ID", help="run only this rule (repeatable)")
    scan.add_argument(
        "-x",
        "--exclude",
        action="append",
        metavar="GLOB",
        help="skip files or folders inside scanned directories matching this glob, e.g. 'tests' (repeatable)",
    )
    scan.add_argument(
        "--baseline",
        type=Path,
        help="JSON report of known findings to leave out (matched by file, rule and code, not line)",
    )
    scan.add_argument(
        "--diff",
        metavar="REF",
        help="report only findings on lines added or changed since this git revision",
    )
    scan.add_argument("--staged", action="store_true", help="report only findings on lines staged for commit")
    scan.add_argument(
        "--config",
        type=Path,
        metavar="FILE",
        help="settings file (default: .vsguard.toml or [tool.vsguard] in pyproject.toml, found upwards)",
    )
    scan.add_argument("-o", "--output", help="write the report to this file instead of stdout")
    scan.add_argument("--exit-zero", action="store_true", help="exit 0 even when findings remain")
    scan.add_argument(
        "--ignore-unsupported",
        action="store_true",
        help="list named binary or unsupported files as skipped instead of failing (for pre-commit)",
    )
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

    if _wanted("serve", command):
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

    if _wanted("rules", command):
        from vsguard.cli_rules import add_parser as add_rules_parser

        add_rules_parser(sub)
    if _wanted("hook", command):
        from vsguard.cli_hook import add_parser as add_hook_parser

        add_hook_parser(sub)
    if _wanted("init", command):
        from vsguard.cli_init import add_parser as add_init_parser

        add_init_parser(sub)
    if command not in _CORE_COMMANDS:
        from vsguard.cli_catalog import add_parsers as add_catalog_parsers
        from vsguard.cli_fix import add_parser as add_fix_parser

        add_catalog_parsers(sub)
        add_fix_parser(sub)
    return parser


# A command's start-up (imports, rule loading, compiled regexes) allocates tens of thousands of
# objects that live until exit; with the default threshold the collector walks them again and
# again on the way. Collections stay on, only rarer (cycles are still freed, in bounded batches).
_START_UP_GC_THRESHOLD = 50_000


def main(argv: Sequence[str] | None = None) -> int:
    import gc

    thresholds = gc.get_threshold()
    gc.set_threshold(max(thresholds[0], _START_UP_GC_THRESHOLD), *thresholds[1:])
    try:
        return _main(argv)
    finally:
        gc.set_threshold(*thresholds)


def _main(argv: Sequence[str] | None) -> int:
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
