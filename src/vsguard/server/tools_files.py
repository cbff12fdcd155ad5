"""`scan_files`: scan files on disk, confined to the folders the client shares.

The client's MCP roots bound what may be read (asked with roots/list when the client declares
the roots capability); a client that declares none gets the server's working directory. A path
outside them, or one whose links lead outside them, is refused before anything is read.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import unquote, urlparse

import anyio
from mcp.server import MCPServer
from mcp.server.mcpserver import Context, ListRoots, Resolve
from mcp_types import CallToolResult, ListRootsResult
from pydantic import Field

from vsguard.config import Limits
from vsguard.engine.files import Candidate, iter_candidates
from vsguard.engine.scanner import scan_paths
from vsguard.models import ScanResult, Severity
from vsguard.server import arguments
from vsguard.server.findings_page import DEFAULT_LIMIT, LimitArg, OffsetArg, ScanOut, findings_page
from vsguard.server.params import DetailArg, SeverityArg
from vsguard.server.results import READ_ONLY, answer, error_result, guard
from vsguard.verdict import Policy, apply_policy, parse_severity

MAX_PATHS = 100
# One call scans at most this many files (VSGUARD_MAX_FILES overrides): an agent that names a home
# folder gets an answer at once, not a scan that outlives its request.
MAX_FILES = 5_000


class OutsideRoots(ValueError):
    pass


def _root_path(uri: str) -> Path | None:
    parsed = urlparse(uri)
    if parsed.scheme != "file" or parsed.netloc not in ("", "localhost"):
        return None
    return Path(unquote(parsed.path)).resolve()


def _ask_roots(ctx: Context[Any, Any]) -> ListRoots | None:
    """Ask the client for its roots (the SDK sends roots/list, or batches it on newer protocol
    versions) when it declares the roots capability; None when it declares none."""
    capabilities = ctx.client_capabilities
    return ListRoots() if capabilities is not None and capabilities.roots is not None else None


def allowed_roots(listed: ListRootsResult | None) -> list[Path]:
    """The client's file roots, or the working directory for a client that declares none."""
    if listed is None:
        return [Path.cwd().resolve()]
    roots = [p for p in (_root_path(str(r.uri)) for r in listed.roots) if p is not None]
    if not roots:
        raise OutsideRoots("the client shares no file roots, so no file can be scanned")
    return roots


def confine(raw: str, roots: list[Path]) -> Path:
    """`raw` resolved (relative to the first root), or `OutsideRoots` when it, or a link on the
    way to it, leads outside every root."""
    if not raw.strip() or "\0" in raw:
        raise ValueError("an entry of `paths` is empty")
    given = Path(os.path.expanduser(raw)) if raw.startswith("~") else Path(raw)
    joined = given if given.is_absolute() else roots[0] / given
    resolved = joined.resolve()
    inside = [r for r in roots if resolved.is_relative_to(r)]
    if not inside:
        shown = ", ".join(str(r) for r in roots)
        by_link = joined.absolute() != resolved and _lexically_inside(joined, roots)
        linked = " (through a link)" if by_link else ""
        raise OutsideRoots(f"{raw!r} is outside the shared roots{linked}; allowed: {shown}")
    if not resolved.exists():
        raise ValueError(f"{raw!r} does not exist")
    return resolved


def _lexically_inside(path: Path, roots: list[Path]) -> bool:
    absolute = Path(os.path.normpath(path.absolute()))
    return any(absolute.is_relative_to(r) for r in roots)


def _relative_to_roots(roots: list[Path]) -> Any:
    def show(path: str | None) -> str | None:
        if path is None:
            return None
        p = Path(path)
        for root in roots:
            if p.is_relative_to(root):
                return p.relative_to(root).as_posix() or "."
        return path

    return show


def _check_file_count(targets: list[Path]) -> None:
    raw = os.environ.get("VSGUARD_MAX_FILES", "").strip()
    limit = int(raw) if raw.isdigit() else MAX_FILES
    count = 0
    for item in iter_candidates(targets):
        count += isinstance(item, Candidate)
        if count > limit:
            raise ValueError(
                f"more than {limit} files to scan (VSGUARD_MAX_FILES); name a smaller folder or pass diff_ref"
            )


def _scan(targets: list[Path], diff_ref: str | None, threshold: Severity) -> tuple[ScanResult, int]:
    limits = Limits.from_env()
    if diff_ref is None:
        _check_file_count(targets)
        result = scan_paths(targets, limits=limits)
        return apply_policy(result, Policy(min_severity=threshold)), result.files_scanned
    from vsguard.diffscope import diff_scope  # the same scope as `vsguard scan --diff`

    first = targets[0] if targets[0].is_dir() else targets[0].parent
    scope = diff_scope(first, diff_ref)
    files = [p for p in scope.files() if any(p == t or p.is_relative_to(t) for t in targets)]
    _check_file_count(files)
    result = scan_paths(files, limits=limits)
    policy = Policy(min_severity=threshold, keep=scope.keep())
    return apply_policy(result, policy), result.files_scanned


async def scan_files(
    paths: Annotated[
        list[str],
        Field(
            min_length=1,
            max_length=MAX_PATHS,
            description="Files or folders inside the client's roots (relative paths start at the first root)",
        ),
    ],
    client_roots: Annotated[ListRootsResult | None, Resolve(_ask_roots)],
    diff_ref: Annotated[
        str | None,
        Field(description="Git ref (main, HEAD~1, a commit): report only findings on lines changed since it"),
    ] = None,
    min_severity: SeverityArg = None,
    detail: DetailArg = "brief",
    limit: LimitArg = DEFAULT_LIMIT,
    offset: OffsetArg = 0,
) -> Annotated[CallToolResult, ScanOut]:
    """Scan files and folders on disk (git-aware, .gitignore honoured), confined to the client's
    roots. Answers like scan_code: findings most severe first with paths relative to the root,
    paged with limit/offset, summary over all of them; diff_ref keeps findings on changed lines."""
    try:
        roots = allowed_roots(client_roots)
        targets = [confine(p, roots) for p in paths]
    except ValueError as exc:
        return error_result(str(exc))

    def build() -> CallToolResult:
        threshold = parse_severity(min_severity) if min_severity else Severity.INFO
        result, files = _scan(targets, diff_ref, threshold)
        markdown, out = findings_page(
            result,
            limit=min(limit, Limits.from_env().max_findings_in_response),
            offset=offset,
            detail=detail,
            show_path=_relative_to_roots(roots),
            files_scanned=files,
        )
        return answer(markdown, out)

    # The scan reads files and may run git: off the event loop, so other requests go on meanwhile.
    return await anyio.to_thread.run_sync(lambda: guard(build, "scan_files"))


def register(server: MCPServer) -> None:
    server.tool(annotations=READ_ONLY)(scan_files)
    arguments.install(server)
