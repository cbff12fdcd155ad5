"""`vsguard requirements ...` and `vsguard asvs ...` through argparse, as the main CLI wires them."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest
from catalog_fixtures import serve_folder
from refdata import shared_file

from vsguard import cli_catalog
from vsguard.catalog.importer import stored_path
from vsguard.catalog.loader import load_catalog


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("VSGUARD_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="vsguard")
    cli_catalog.add_parsers(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return args.func(args)


def _first(version: str) -> str:
    reqs = load_catalog().for_version(version)  # type: ignore[arg-type]
    if not reqs:
        pytest.skip(f"no ASVS {version} requirements yet")
    return reqs[0].key


def test_show(capsys: pytest.CaptureFixture[str]) -> None:
    key = _first("5.0.0")
    assert run("requirements", "show", key) == 0
    assert "ASVS 5.0.0" in capsys.readouterr().out
    assert run("requirements", "show", key, "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["requirement"]["key"] == key and "mapping" in data


def test_show_errors(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("requirements", "show", "junk") == 2
    assert "vsguard: error: 'junk' is not an ASVS requirement id" in capsys.readouterr().err
    assert run("requirements", "show", "V99.1.1") == 1
    assert "has no requirement V99.1.1" in capsys.readouterr().err


def test_list_with_filters(capsys: pytest.CaptureFixture[str]) -> None:
    _first("5.0.0")
    chapter = load_catalog().chapters_for("5.0.0")[0]
    assert run("requirements", "list", "--chapter", chapter.id, "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data) == chapter.requirement_count
    assert run("requirements", "list", "--level", "1") == 0
    assert "(L2," not in capsys.readouterr().out
    with pytest.raises(SystemExit) as exit_info:
        run("requirements", "list", "--level", "4")
    assert exit_info.value.code == 2


def test_search(capsys: pytest.CaptureFixture[str]) -> None:
    _first("5.0.0")
    assert run("requirements", "search", "password", "--limit", "2", "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["limit"] == 2 and len(data["results"]) <= 2
    assert run("requirements", "search", "password", "--tag", "nope") == 2
    assert "unknown tag 'nope'" in capsys.readouterr().err


def test_map(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("requirements", "map", "v4.0.3-1.5.1") == 0
    assert "split into 5.0.0 V2.1.1, V2.1.2" in capsys.readouterr().out
    assert run("requirements", "map", "v4.0.3-1.4.2", "--json") == 1
    assert json.loads(capsys.readouterr().out)["found"] is False


def test_asvs_import_and_refusal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = shared_file("asvs", "asvs-4.0.3-en.csv")
    assert run("asvs", "import", str(good)) == 0
    assert "imported ASVS 4.0.3: 286 requirements" in capsys.readouterr().out
    before = stored_path("4.0.3").read_bytes()
    cut = tmp_path / "cut.csv"
    cut.write_bytes(good.read_bytes()[:20_000])
    assert run("asvs", "import", str(cut)) == 1
    assert "cut.csv:" in capsys.readouterr().err
    assert stored_path("4.0.3").read_bytes() == before


def test_asvs_sync_from_a_local_server(capsys: pytest.CaptureFixture[str]) -> None:
    with serve_folder(shared_file("asvs")) as base:
        assert run("asvs", "sync", "--url", base) == 0
        out = capsys.readouterr().out
        assert "imported ASVS 5.0.0: 345" in out and "imported ASVS 4.0.3: 286" in out
        assert run("asvs", "sync", "--url", base + "missing.json", "--timeout", "5") == 1
        assert "download failed" in capsys.readouterr().err
