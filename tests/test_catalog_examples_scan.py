"""The catalog's secure examples are what agents copy: vsguard's own rules must find nothing in them.

A finding here is either an insecure example or a false positive in a rule; both are bugs.
"""

from __future__ import annotations

from vsguard.catalog.loader import load_catalog
from vsguard.engine.languages import GRAMMARS
from vsguard.engine.scanner import scan_text


def test_secure_examples_scan_clean() -> None:
    problems = []
    scanned = 0
    for (version, req_id), req in sorted(load_catalog().requirements.items()):
        for language, code in req.examples.items():
            if language not in GRAMMARS:
                continue
            scanned += 1
            for f in scan_text(code, language).findings:
                if not f.suppressed:
                    line = code.splitlines()[f.location.start_line - 1].strip()
                    problems.append(
                        f"{version} {req_id} {language}:{f.location.start_line} {f.rule_id}: {line}"
                    )
    print(f"{scanned} secure examples scanned")
    assert scanned > 500
    assert not problems, "\n".join(problems)
