"""Child process for bench_scan.py: scan one tree with vsguard and print a JSON summary.

Run as a separate process so that wall time and peak memory belong to this scan alone.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from vsguard.engine.scanner import scan_paths


def main() -> None:
    tree = Path(sys.argv[1])
    result = scan_paths([tree])
    by_rule = Counter(f.rule_id for f in result.findings if not f.suppressed)
    skipped_reasons = Counter(s.reason.split(" (")[0].split(";")[0] for s in result.skipped)
    print(
        json.dumps(
            {
                "files": result.files_scanned,
                "findings": result.summary.total,
                "suppressed": result.summary.suppressed,
                "by_severity": result.summary.by_severity,
                "by_rule": dict(by_rule.most_common()),
                "skipped": len(result.skipped),
                "skipped_reasons": dict(skipped_reasons),
                "internal_errors": [s.path for s in result.skipped if s.reason.startswith("internal error")],
            }
        )
    )


if __name__ == "__main__":
    main()
