"""`vsguard requirements show|list|search|map` and `vsguard asvs import|sync`.

Handlers print markdown (or JSON with --json) and return the exit code: 0 on success, 1 when the
answer is "not found" or an import is refused, 2 when the arguments themselves are wrong.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import Any

from vsguard.catalog.ids import resolve_chapter_id, resolve_id
from vsguard.catalog.importer import DEFAULT_URLS, OfficialImportError, import_file, sync, with_official
from vsguard.catalog.loader import load_catalog
from vsguard.catalog.mapping import map_id
from vsguard.catalog.query import examples_for
from vsguard.catalog.search import MAX_LIMIT, Filters, get_index
from vsguard.models import Requirement, to_dict
from vsguard.report.requirements import requirement_line, requirement_markdown

EXIT_OK, EXIT_NOT_FOUND, EXIT_USAGE = 0, 1, 2

Handler = Callable[[argparse.Namespace], int]


def _fail(message: str, code: int) -> int:
    print(f"vsguard: error: {message}", file=sys.stderr)
    return code


def _guarded(handler: Handler) -> Handler:
    """Turn expected errors into a message on stderr and the right exit code."""

    def run(args: argparse.Namespace) -> int:
        try:
            return handler(args)
        except OfficialImportError as exc:
            return _fail(str(exc), EXIT_NOT_FOUND)
        except LookupError as exc:
            return _fail(str(exc).strip("'\""), EXIT_NOT_FOUND)
        except ValueError as exc:
            return _fail(str(exc), EXIT_USAGE)

    return run


def _print_json(data: Any) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False))


def _requirement_json(req: Requirement) -> dict[str, Any]:
    data: dict[str, Any] = to_dict(req, json=True)
    return data | {"key": req.key}


# --------------------------------------------------------------------------- requirements


def _show(args: argparse.Namespace) -> int:
    version, req_id = resolve_id(args.id, args.version)
    req = load_catalog().get(version, req_id)
    if req is None:
        raise LookupError(f"ASVS {version} has no requirement {req_id} in vsguard's catalog")
    req = with_official(req)
    mapping = map_id(version, req_id)
    if args.json:
        _print_json({"requirement": _requirement_json(req), "mapping": mapping.model_dump(mode="json")})
    else:
        examples = examples_for(req)
        print(requirement_markdown(req, language=args.language, examples=examples, mapping=mapping), end="")
    return EXIT_OK


def _list(args: argparse.Namespace) -> int:
    version = args.version
    if args.chapter and not version:
        version = resolve_chapter_id(args.chapter)[0]
    filters = Filters.make(version=version or "5.0.0", level=args.level, chapter=args.chapter, tag=args.tag)
    reqs = [hit.requirement for hit in get_index().ranked("", filters)]
    if args.json:
        _print_json([_requirement_json(r) for r in reqs])
    else:
        # A terminal has room for the whole list; the MCP tools are the ones that cap output.
        print(f"## ASVS {filters.version}: {len(reqs)} requirement(s)\n")
        print("\n".join(requirement_line(r) for r in reqs) or "No matching requirements.")
    return EXIT_OK


def _search(args: argparse.Namespace) -> int:
    page = get_index().search(
        args.query,
        version=args.version,
        level=args.level,
        chapter=args.chapter,
        tag=args.tag,
        cwe=args.cwe,
        limit=args.limit,
        offset=args.offset,
    )
    if args.json:
        _print_json(
            {
                "query": args.query,
                "total": page.total,
                "offset": page.offset,
                "limit": page.limit,
                "has_more": page.has_more,
                "results": [_requirement_json(h.requirement) | {"score": h.score} for h in page.hits],
            }
        )
        return EXIT_OK
    more = page.total - page.offset - len(page.hits)
    print(f"## Search `{args.query}`: {page.total} requirement(s)\n")
    lines = [requirement_line(h.requirement, qualified=True) for h in page.hits]
    print("\n".join(lines) or "No matching requirements.")
    if more > 0:
        print(f"\n{more} more; use --offset {page.offset + len(page.hits)}.")
    return EXIT_OK


def _map(args: argparse.Namespace) -> int:
    result = map_id(args.version, args.id)
    if args.json:
        _print_json(result.model_dump(mode="json") | {"description": result.description})
        return EXIT_OK if result.found else EXIT_NOT_FOUND
    print(result.summary)
    catalog = load_catalog()
    for target in result.targets:
        req = catalog.get(result.target_version, target)
        if req:
            print(requirement_line(req))
    return EXIT_OK if result.found else EXIT_NOT_FOUND


# --------------------------------------------------------------------------- asvs


def _import(args: argparse.Namespace) -> int:
    for path in args.files:
        result = import_file(path)
        print(
            f"imported ASVS {result.version}: {result.count} requirements from {path} -> {result.stored_at}"
        )
    return EXIT_OK


def _sync(args: argparse.Namespace) -> int:
    for result in sync(args.url or None, timeout=args.timeout):
        print(f"imported ASVS {result.version}: {result.count} requirements from {result.source}")
    return EXIT_OK


# --------------------------------------------------------------------------- parsers


def _level(text: str) -> int:
    if text not in ("1", "2", "3"):
        raise argparse.ArgumentTypeError("level must be 1, 2 or 3")
    return int(text)


def _add_common(parser: argparse.ArgumentParser, *, json_flag: bool = True) -> None:
    parser.add_argument("--version", help="ASVS version: 5.0.0 (default) or 4.0.3")
    if json_flag:
        parser.add_argument("--json", action="store_true", help="print JSON instead of markdown")


def _add_filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--chapter", help="chapter or section id, e.g. V6 or V6.2")
    parser.add_argument("--level", type=_level, help="keep requirements of this level or lower")
    parser.add_argument("--tag", help="catalog tag, e.g. passwords")


def add_parsers(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `requirements` and `asvs` command groups to the main parser."""
    req = subparsers.add_parser("requirements", help="look up, list, search and map ASVS requirements")
    req_sub = req.add_subparsers(dest="requirements_command", required=True, metavar="COMMAND")

    show = req_sub.add_parser("show", help="one requirement in full")
    show.add_argument("id", help="e.g. 6.2.1, V6.2.1, v4.0.3-2.1.1")
    show.add_argument("--language", help="show the secure example in this language")
    _add_common(show)
    show.set_defaults(func=_guarded(_show))

    lst = req_sub.add_parser("list", help="requirements of a version, chapter, level or tag")
    _add_common(lst)
    _add_filters(lst)
    lst.set_defaults(func=_guarded(_list))

    search = req_sub.add_parser("search", help="ranked full-text search")
    search.add_argument("query", help='e.g. "sql injection", "password length", jwt, CWE-79')
    _add_common(search)
    _add_filters(search)
    search.add_argument("--cwe", help="only requirements naming this CWE, e.g. 79 or CWE-79")
    search.add_argument("--limit", type=int, default=20, help=f"results per page (1-{MAX_LIMIT})")
    search.add_argument("--offset", type=int, default=0, help="skip this many results")
    search.set_defaults(func=_guarded(_search))

    mapping = req_sub.add_parser("map", help="map an id between ASVS 4.0.3 and 5.0.0")
    mapping.add_argument("id", help="e.g. v4.0.3-2.1.1 or 6.2.1")
    _add_common(mapping)
    mapping.set_defaults(func=_guarded(_map))

    asvs = subparsers.add_parser("asvs", help="import the official OWASP ASVS text (kept in your data dir)")
    asvs_sub = asvs.add_subparsers(dest="asvs_command", required=True, metavar="COMMAND")

    imp = asvs_sub.add_parser("import", help="import official exports (nested JSON, flat JSON or CSV)")
    imp.add_argument("files", nargs="+", metavar="FILE")
    imp.set_defaults(func=_guarded(_import))

    syn = asvs_sub.add_parser("sync", help="download the official release files and import them")
    syn.add_argument(
        "--url",
        action="append",
        help="file URL, or folder URL ending in / (repeatable); default: "
        + ", ".join(DEFAULT_URLS).replace("%", "%%"),
    )
    syn.add_argument("--timeout", type=float, default=30.0, help="seconds per download")
    syn.set_defaults(func=_guarded(_sync))
