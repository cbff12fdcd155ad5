"""`vsguard fix PATH... [--rule ID] [--diff] [--apply]`: rewrite files and prove each rewrite.

Without --apply nothing is written: the unified diff goes to stdout (pipe it to `git apply`), the
per-finding report to stderr. With --apply each file whose fix verified is replaced atomically (a
temporary file in the same directory, renamed over the original) with its permissions kept; a file
whose fix did not verify is never touched. Exit 0: nothing left to fix; 1: findings remain; 2: usage.
"""

from __future__ import annotations

import argparse
import os
import stat
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from vsguard.config import Limits
from vsguard.engine.files import classify
from vsguard.engine.languages import UnsupportedLanguage
from vsguard.engine.scanner import InputTooLarge
from vsguard.models import FixResult, FixStatus

EXIT_CLEAN, EXIT_REMAINING, EXIT_USAGE = 0, 1, 2


class UsageError(ValueError):
    pass


@dataclass(frozen=True)
class Source:
    path: Path
    text: str
    language: str
    mode: int


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
    return Source(path, text, str(language), stat.S_IMODE(info.st_mode))


def write_atomically(source: Source, new_text: str) -> None:
    """Replace the file in one rename, keeping its mode; refuse if it changed since it was read."""
    with source.path.open(encoding="utf-8", newline="") as fh:
        if fh.read() != source.text:
            raise UsageError(f"{source.path}: changed on disk while fixing; run the fix again")
    fd, tmp = tempfile.mkstemp(prefix=f".{source.path.name}.", suffix=".vsguard-tmp", dir=source.path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            out.write(new_text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, source.mode)
        os.replace(tmp, source.path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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
    result = suggest_fix(
        source.text,
        language=source.language,
        filename=str(path),
        rule_id=args.rule,
        accept_review=args.accept_review,
    )
    _report(path, result)
    changed = result.fixed_code is not None and result.fixed_code != source.text
    changed = changed and (result.verified or args.accept_review)
    if changed and (args.diff or not args.apply):
        sys.stdout.write(result.diff)
    if changed and args.apply:
        assert result.fixed_code is not None
        write_atomically(source, result.fixed_code)
        print(
            f"{path}: fixed ({sum(f.status is FixStatus.VERIFIED for f in result.fixes)} finding(s))",
            file=sys.stderr,
        )
    done = {FixStatus.VERIFIED, FixStatus.NEEDS_REVIEW} if args.accept_review else {FixStatus.VERIFIED}
    return all(f.status in done and not f.remaining for f in result.fixes)


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
            print(f"vsguard: error: {exc}", file=sys.stderr)
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
    fix.set_defaults(func=handler)
