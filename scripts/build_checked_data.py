"""Rewrite src/vsguard/rules/checked.sha256 after a bundled rule file or taint catalog changed.

Every file is put through the full schema first; one that fails stops the script with the
loader's message. Run:

    python scripts/build_checked_data.py

tests/test_rule_schema.py fails while the list is out of date (scans stay correct meanwhile:
an unlisted file is checked by the full schema at load, only more slowly).
"""

from __future__ import annotations

from pathlib import Path

from vsguard.rules.checked import LIST_NAME
from vsguard.rules.loader import checked_list

OUT = Path(__file__).resolve().parent.parent / "src" / "vsguard" / "rules" / LIST_NAME


def main() -> int:
    OUT.write_text(checked_list(), encoding="utf-8")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
