"""`vsguard fix PATH... [--rule ID] [--diff] [--apply [--force]]`: rewrite files and prove each rewrite.

Without --apply nothing is written: the unified diff goes to stdout (pipe it to `git apply`), the
per-finding report to stderr. Secret values in the diff are shown redacted, so a hunk that shows a
line holding a key does not apply as it is; --apply writes the real text. With --apply each file
whose fix verified is written like a careful editor saves (see `vsguard.fixes.write`): a verified
temporary copy, then one rename or, for hard-linked files, a rewrite in place, keeping mode, owner
and links. Read-only files are refused unless --force. A file whose fix did not verify is never
touched. Exit 0: nothing left to fix; 1: findings remain; 2: usage or file errors (one line each).
"""

from __future__ import annotations

import argparse
import os
import stat
import sys
from pathlib import Path

from vsguard.config import Limits
from vsguard.engine.files import classify
from vsguard.engine.languages import UnsupportedLanguage
from vsguard.engine.scanner import InputTooLarge
from vsguard.models import FixResult, FixStatus
from vsguard.records import record

EXIT_CLEAN, EXIT_REMAINING, EXIT_USAGE = 0, 1, 2


class UsageError(ValueError):
    pass


@record(frozen=True)
class Source:
    path: Path
    text: str
    language: str
    info: os.stat_result  # lstat when read: mode, owner, links, and which file it was


def _read(path: Path, limits: Limits) -> Source | None:
    """The file's text and language; None for config files (no code to rewrite)."""
    try:
        info = os.lstat(path)
    except OSError as exc:
        raise UsageError(f"{path}: {exc.strerror or exc}") from exc
    if not stat.S_ISREG(info.st_mode):
        raise UsageError(f"{path}: not a regular file (directories, links and devices are refused)")
    if info.st_size > limits.max_input_bytes:
        raise UsageError(f"{path}: larger than the {limits.max_input_bytes}-byte limit")
    language = classify(path)
    if language is False:
        raise UsageError(f"{path}: not a source file vsguard can read")
    if language is None:
        return None
    try:
        with path.open(encoding="utf-8", newline="") as fh:  # newline="" keeps CRLF files byte-exact
            text = fh.read()
    except UnicodeDecodeError as exc:
        raise UsageError(f"{path}: not UTF-8 text; refusing to rewrite it") from exc
    except OSError as exc:
        raise UsageError(f"{path}: {exc.strerror or exc}") from exc
    return Source(path, text, str(language), info)


def _prepare_write(path: Path, force: bool) -> None:
    """Before an --apply: clear a killed run's temporary copies, and refuse read-only files."""
    from vsguard.fixes.write import read_only, remove_stale_temporaries

    for stale in remove_stale_temporaries(path):
        print(f"{path}: removed {stale.name}, left by an interrupted run", file=sys.stderr)
    try:
        info = os.lstat(path)
    except OSError:
        return  # `_read` says why
    if stat.S_ISREG(info.st_mode) and read_only(path, info) and not force:
        raise UsageError(f"{path}: read-only; pass --force to fix it anyway")


def _report(path: Path, result: FixResult) -> None:
    for fx in result.fixes:
        line = f"{path}:{fx.line}: {fx.rule_id}: {fx.status.value}"
        if fx.status is not FixStatus.VERIFIED and fx.remaining:
            line += f" ({fx.remaining})"
        print(line, file=sys.stderr)
        if fx.status is not FixStatus.VERIFIED:
            print(f"    {fx.explanation}", file=sys.stderr)
        if fx.todo and fx.status is FixStatus.NEEDS_REVIEW:
            print(f"    {fx.todo}", file=sys.stderr)


def _fix_one(path: Path, args: argparse.Namespace, limits: Limits) -> bool:
    """Fix one file; True when nothing is left for the selected rules."""
    from vsguard.fixes import suggest_fix

    if args.apply:
        _prepare_write(path, args.force)
    source = _read(path, limits)
    if source is None:
        from vsguard.engine.scanner import scan_text

        found = [f for f in scan_text(path.read_text(encoding="utf-8", errors="replace"), None).findings]
        for f in found:
            if not f.suppressed:
                print(
                    f"{path}:{f.location.start_line}: {f.rule_id}: guidance ({f.remediation})",
                    file=sys.stderr,
                )
        return not any(not f.suppressed for f in found)
    # The real text comes back for writing; the diff shown is redacted either way.
    result = suggest_fix(
        source.text,
        language=source.language,
        filename=str(path),
        rule_id=args.rule,
        accept_review=args.accept_review,
        redact=False,
    )
    _report(path, result)
    changed = result.fixed_code is not None and result.fixed_code != source.text
    changed = changed and (result.verified or args.accept_review)
    if changed and (args.diff or not args.apply):
        sys.stdout.write(result.diff)
    if changed and args.apply:
        from vsguard.fixes.write import ReadFile, write_fixed

        assert result.fixed_code is not None
        write_fixed(ReadFile(path, source.text, source.info), result.fixed_code)
        print(
            f"{path}: fixed ({sum(f.status is FixStatus.VERIFIED for f in result.fixes)} finding(s))",
            file=sys.stderr,
        )
        # what was written is what counts: a rewrite can also remove another rule's finding
        left = [f for f in result.remaining_findings if not f.suppressed]
        return not any(f.rule_id == args.rule for f in left) if args.rule else not left
    done = {FixStatus.VERIFIED, FixStatus.NEEDS_REVIEW} if args.accept_review else {FixStatus.VERIFIED}
    return all(f.status in done for f in result.fixes)


def _error(message: str) -> None:
    from vsguard.engine.secrets import redact_secrets

    line = redact_secrets(" ".join(message.split()))  # one line, and no key in it
    print(f"vsguard: error: {line}", file=sys.stderr)


def handler(args: argparse.Namespace) -> int:
    limits = Limits.from_env()
    if args.rule:
        from vsguard.rules.loader import rule_by_id

        if rule_by_id(args.rule) is None:
            print(
                f"vsguard: error: unknown rule id {args.rule!r}; `vsguard rules` lists them", file=sys.stderr
            )
            return EXIT_USAGE
    clean = True
    usage_error = False
    for raw in args.paths:
        try:
            clean = _fix_one(Path(raw), args, limits) and clean
        except (UsageError, UnsupportedLanguage, InputTooLarge) as exc:
            _error(str(exc))
            usage_error = True
        except OSError as exc:  # permissions, a full disk: the file is as it was
            where = f" ({exc.filename})" if exc.filename and exc.filename != raw else ""
            _error(f"{raw}: {exc.strerror or exc}{where}")
            usage_error = True
        except Exception as exc:  # one line per file, never a traceback
            _error(f"{raw}: internal error ({type(exc).__name__}: {exc})")
            usage_error = True
    if usage_error:
        return EXIT_USAGE
    return EXIT_CLEAN if clean else EXIT_REMAINING


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    fix = subparsers.add_parser(
        "fix",
        help="rewrite files to remove findings, verified by rescanning (prints a diff; --apply writes)",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    fix.add_argument("paths", nargs="+", metavar="PATH", help="source file to fix (regular files only)")
    fix.add_argument("--rule", metavar="ID", help="fix only findings of this rule")
    fix.add_argument(
        "--diff", action="store_true", help="print the unified diff (the default unless --apply)"
    )
    fix.add_argument("--apply", action="store_true", help="write the verified fixes into the files")
    fix.add_argument(
        "--accept-review",
        action="store_true",
        help="also apply needs_review fixes (they change a data format, stored values or a dependency)",
    )
    fix.add_argument("--force", action="store_true", help="with --apply, also rewrite read-only files")
    fix.set_defaults(func=handler)
