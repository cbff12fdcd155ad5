"""Files shipped beside the code: the licence (in sdist and wheel) and the README's screenshot."""

from __future__ import annotations

import re
import tomllib

from refdata import PROJECT_ROOT


def test_licence_is_the_apache_2_text_and_is_packaged() -> None:
    text = (PROJECT_ROOT / "LICENSE").read_text(encoding="utf-8")
    assert re.match(r"\s*Apache License\s+Version 2\.0, January 2004", text)
    assert "END OF TERMS AND CONDITIONS" in text and "9. Accepting Warranty or Additional Liability" in text
    config = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert config["project"]["license"] == "Apache-2.0"
    assert config["project"]["license-files"] == ["LICENSE"]  # the wheel's dist-info/licenses
    assert "LICENSE" in config["tool"]["hatch"]["build"]["targets"]["sdist"]["include"]


def test_readme_shows_the_html_report_screenshot() -> None:
    shot = PROJECT_ROOT / "docs" / "report.png"
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) < 300_000
    assert "](docs/report.png)" in (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
