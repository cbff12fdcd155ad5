"""README.md states facts the code can check: its two set-up commands and its generated tables."""

from __future__ import annotations

import re

from readme_tables import README, block, generated


def test_generated_tables_are_current() -> None:
    text = README.read_text(encoding="utf-8")
    for marker, table in generated().items():
        assert block(text, marker) == table.strip(), f"{marker} is stale: run `python tests/readme_tables.py`"


def test_two_setup_commands_and_ci_runs_the_test_one() -> None:
    text = README.read_text(encoding="utf-8")
    setup = text.split("## Set up on a fresh machine", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```bash\n(.*?)\n```", setup, re.S)
    assert len(commands) == 2, commands
    install_run, install_test = commands
    assert "pip install ." in install_run and "vsguard scan" in install_run
    assert install_test.endswith("pytest")
    ci = (README.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert install_test.split("&& ", 2)[-1] in ci  # CI runs the README's test command
