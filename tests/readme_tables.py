"""The generated tables in README.md: per-language rules and corpus cases, fix coverage, and the
coverage matrix.

`python tests/readme_tables.py` rewrites them in place; tests/test_readme.py fails when they are stale.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from refdata import PROJECT_ROOT
from test_corpus import CORPUS, language_table, tally
from test_fixes import markdown_table

from vsguard.rules.matrix import bundled_matrix
from vsguard.rules.matrix import markdown_table as matrix_table

README = PROJECT_ROOT / "README.md"


def generated() -> dict[str, str]:
    return {
        "language-table": language_table(tally()),
        "fix-table": markdown_table(),
        "matrix-table": matrix_table(bundled_matrix(CORPUS)),
    }


def block(text: str, marker: str) -> str:
    m = re.search(rf"<!-- {marker}:start -->\n(.*?)\n<!-- {marker}:end -->", text, re.S)
    if m is None:
        raise AssertionError(f"README.md has no {marker} block")
    return m.group(1).strip()


def rewrite() -> None:
    text = README.read_text(encoding="utf-8")
    for marker, table in generated().items():
        block(text, marker)  # fails loudly if the markers are gone
        text = re.sub(
            rf"(<!-- {marker}:start -->\n).*?(\n<!-- {marker}:end -->)",
            lambda m, t=table: m.group(1) + t + m.group(2),
            text,
            flags=re.S,
        )
    README.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    rewrite()
