"""Rewrite src/vsguard/rules/_proven/ and src/vsguard/engine/prefilter_words.json after a
bundled rule file or taint catalog changed.

Every file is put through the full schema first; one that fails stops the script with the
loader's message. Run:

    python scripts/build_checked_data.py

tests/test_checked_data.py fails while the files are out of date (scans stay correct meanwhile:
a file whose text is not listed is parsed and checked by the full schema at load, and a regex
not in the word table has its words derived when first seen, only slower).
"""

from __future__ import annotations

from pathlib import Path

from vsguard.engine.prefilter import TABLE_NAME
from vsguard.engine.prefilter_table import table_text
from vsguard.rules.checked import FOLDER
from vsguard.rules.loader import proven_files

SRC = Path(__file__).resolve().parent.parent / "src" / "vsguard"
OUT = SRC / "rules" / FOLDER


def main() -> int:
    files = proven_files()
    OUT.mkdir(exist_ok=True)
    for stale in OUT.glob("*.json"):
        if stale.name not in files:
            stale.unlink()
    for name, text in files.items():
        (OUT / name).write_text(text, encoding="utf-8")
    print(f"wrote {len(files)} files to {OUT}")
    (SRC / "engine" / TABLE_NAME).write_text(table_text(), encoding="utf-8")
    print(f"wrote {SRC / 'engine' / TABLE_NAME}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
