"""The HTML report opened in a real headless browser, where one is installed (else skipped)."""

from __future__ import annotations

import shutil
import subprocess
import zlib
from pathlib import Path

import pytest

from vsguard.cli import main
from vsguard.engine.scanner import scan_paths

EXAMPLES = Path(__file__).parent.parent / "examples"
_BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def _browser() -> str:
    for name in _BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    pytest.skip(f"no headless browser installed (looked for {', '.join(_BROWSERS)})")


def _run(tmp_path: Path, page: Path, *mode: str) -> subprocess.CompletedProcess[str]:
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    command = [
        _browser(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={profile}",
        "--window-size=1280,1600",
        *mode,
        page.as_uri(),
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=True)


def _pixel_bytes(png: Path) -> bytes:
    """The decompressed image data of a PNG (still filtered, which is enough to tell blank apart)."""
    data = png.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    chunks, at = [], 8
    while at < len(data):
        length = int.from_bytes(data[at : at + 4], "big")
        kind = data[at + 4 : at + 8]
        if kind == b"IDAT":
            chunks.append(data[at + 8 : at + 8 + length])
        at += 12 + length
    return zlib.decompress(b"".join(chunks))


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """The DOM after the page ran, and a screenshot, from one browser run over the example report."""
    folder = tmp_path_factory.mktemp("report")
    report, shot = folder / "report.html", folder / "report.png"
    main(["scan", str(EXAMPLES / "vulnerable"), "-f", "html", "-o", str(report), "-q"])
    dom = _run(folder, report, "--dump-dom", f"--screenshot={shot}").stdout
    return dom, shot


def test_the_browser_loads_the_page_and_runs_its_script(rendered: tuple[str, Path]) -> None:
    dom, _ = rendered
    assert 'class="verdict failed">FAILED<' in dom
    for rule_id in {f.rule_id for f in scan_paths([EXAMPLES / "vulnerable"]).findings}:
        assert f'<span class="rule">{rule_id}</span>' in dom
    # the toolbar is hidden until the inline script runs: shown means the policy let it run
    assert '<div class="toolbar">' in dom
    assert "<svg" in dom


def test_the_screenshot_shows_a_drawn_page(tmp_path: Path, rendered: tuple[str, Path]) -> None:
    blank, blank_shot = tmp_path / "blank.html", tmp_path / "blank.png"
    blank.write_text("<!DOCTYPE html><html><body></body></html>", encoding="utf-8")
    _run(tmp_path, blank, f"--screenshot={blank_shot}")
    shot = rendered[1]
    # a blank page is one colour; the report has text, charts and colour everywhere
    assert len(set(_pixel_bytes(shot))) > 100 > len(set(_pixel_bytes(blank_shot)))
    assert shot.stat().st_size > 20 * blank_shot.stat().st_size
