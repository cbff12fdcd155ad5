"""`vsguard rules`: list the detection rules, show one rule's documentation, or the coverage matrix.

Imported when the parser is built, so it imports nothing at module level: the rule loader, the
matrix and the rule docs are read only when this command runs.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

EXIT_CLEAN = 0


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    rules = sub.add_parser(
        "rules",
        help="list the detection rules, show one rule's documentation, or the coverage matrix",
        description="List the detection rules (default), or with --matrix the coverage matrix: "
        "vulnerability classes by language, each cell the rules covering it with their vulnerable/safe "
        "corpus cases (counted when run from a source checkout or given --corpus), or why the "
        "language has no such sink. `vsguard rules show RULE-ID` documents one rule.",
    )
    rules.add_argument("--language", help="only the rules of this language")
    rules.add_argument("--matrix", action="store_true", help="the coverage matrix (a markdown table)")
    rules.add_argument("-f", "--format", choices=["text", "json"], default="text")
    rules.add_argument(
        "--corpus",
        type=Path,
        metavar="DIR",
        help="labelled corpus to count cases from (default: tests/corpus of a source checkout)",
    )
    rules.set_defaults(func=_cmd_rules)
    actions = rules.add_subparsers(dest="rules_action", metavar="ACTION")
    show = actions.add_parser("show", help="a rule's documentation: what it detects, examples, ids, fix")
    show.add_argument("rule_id", metavar="RULE-ID")
    show.add_argument("-f", "--format", choices=["text", "json"], default="text", dest="show_format")
    show.set_defaults(func=_cmd_show)


def _cmd_rules(args: argparse.Namespace) -> int:
    if args.matrix:
        return _matrix(args)
    from vsguard.rules.loader import load_rules

    rules = [r for r in load_rules() if not args.language or r.language == args.language]
    if args.format == "json":
        listed = [
            {
                "id": r.id,
                "language": r.language,
                "title": r.title,
                "severity": r.severity.value,
                "cwe": list(r.cwe),
                "asvs_5": list(r.asvs),
            }
            for r in rules
        ]
        sys.stdout.write(json.dumps(listed, indent=2) + "\n")
        return EXIT_CLEAN
    for r in rules:
        cwe = ",".join(f"CWE-{c}" for c in r.cwe)
        print(f"{r.id:34} {r.severity.value:8} {cwe:16} {','.join(r.asvs):18} {r.title}")
    print(f"{len(rules)} rule(s)")
    return EXIT_CLEAN


def _matrix(args: argparse.Namespace) -> int:
    from vsguard.rules.matrix import as_json, bundled_matrix, markdown_table, source_corpus

    if args.corpus is not None and not args.corpus.is_dir():
        raise ValueError(f"--corpus {args.corpus}: not a directory")
    corpus = args.corpus if args.corpus is not None else source_corpus()
    matrix = bundled_matrix(corpus)
    if args.language:
        from vsguard.records import replace
        from vsguard.rules.matrix import column_of

        column = column_of(args.language)
        if column not in matrix.columns:
            raise ValueError(f"--language {args.language}: not a matrix column ({', '.join(matrix.columns)})")
        matrix = replace(matrix, columns=(column,))
    if args.format == "json":
        sys.stdout.write(json.dumps(as_json(matrix), indent=2) + "\n")
        return EXIT_CLEAN
    note = (
        f"Numbers are vulnerable/safe labelled cases in {corpus}."
        if corpus is not None
        else "Corpus counts are not shown: the labelled corpus is part of the source checkout, not the "
        "installed package (give --corpus DIR)."
    )
    sys.stdout.write(markdown_table(matrix) + "\n\n" + note + "\n")
    return EXIT_CLEAN


def _cmd_show(args: argparse.Namespace) -> int:
    from vsguard.report.rule_doc import rule_doc, rule_doc_data, rule_or_error

    rule = rule_or_error(args.rule_id)
    if args.show_format == "json":
        sys.stdout.write(json.dumps(rule_doc_data(rule, try_fix=True), indent=2) + "\n")
    else:
        sys.stdout.write(rule_doc(rule, try_fix=True))
    return EXIT_CLEAN
