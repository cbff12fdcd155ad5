"""Official text import: every export format, refusal of bad input, sync over HTTP, reading back."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from catalog_fixtures import serve_folder
from refdata import official_requirements, shared_file

from vsguard.catalog import importer
from vsguard.catalog.importer import (
    OfficialImportError,
    data_home,
    import_bytes,
    import_file,
    official_text,
    parse_official,
    stored_path,
    sync,
)

FORMATS = [(version, suffix) for version in ("5.0.0", "4.0.3") for suffix in ("json", "flat.json", "csv")]


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("VSGUARD_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def _official_file(version: str, suffix: str) -> Path:
    return shared_file("asvs", f"asvs-{version}-en.{suffix}")


def test_data_home_precedence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert data_home() == tmp_path / "home"
    monkeypatch.delenv("VSGUARD_HOME")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert data_home() == tmp_path / "xdg" / "vsguard"
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "user"))
    assert data_home() == tmp_path / "user" / ".local" / "share" / "vsguard"


@pytest.mark.parametrize(("version", "suffix"), FORMATS)
def test_every_official_export_imports_every_requirement(version: str, suffix: str) -> None:
    assert official_text(version, "V1.1.1") is None
    result = import_file(_official_file(version, suffix))
    official = official_requirements(_official_file(version, "flat.json"))
    assert result.version == version and result.count == len(official)
    assert result.stored_at == stored_path(version)  # type: ignore[arg-type]
    for req_id, row in official.items():
        assert official_text(version, req_id) == " ".join(row["req_description"].split())


def test_importing_one_version_leaves_the_other_alone() -> None:
    import_file(_official_file("4.0.3", "csv"))
    assert official_text("4.0.3", "V2.1.1") and official_text("5.0.0", "V6.2.1") is None


def _bad_inputs(version: str) -> dict[str, bytes]:
    nested = _official_file(version, "json").read_bytes()
    flat = _official_file(version, "flat.json").read_bytes()
    table = _official_file(version, "csv").read_bytes()
    lines = table.splitlines(keepends=True)
    return {
        "nested json cut mid-way": nested[: len(nested) // 2],
        "flat json cut mid-way": flat[: len(flat) * 3 // 4],
        "csv cut mid-row": table[: len(table) // 2],
        "csv cut at a row boundary": b"".join(lines[: len(lines) // 2]),
        "csv header only": lines[0],
        "empty file": b"",
        "not utf-8": b"\xff\xfe\x00garbage",
        "unrelated json": b'{"hello": "world"}',
        "json list": b"[1, 2, 3]",
        "html error page": b"<html><body>404 Not Found</body></html>",
        "flat json without text": flat.replace(b'"req_description"', b'"other"', 1),
        "nested json with a bad id": nested.replace(b'"V1.1.1"', b'"V1.1.x"', 1),
        "duplicate id": flat.replace(b'"req_id": "V1.1.2"', b'"req_id": "V1.1.1"', 1),
    }


@pytest.mark.parametrize("version", ["5.0.0", "4.0.3"])
def test_malformed_or_truncated_input_is_refused_and_keeps_old_data(version: str) -> None:
    import_file(_official_file(version, "flat.json"))
    before = stored_path(version).read_bytes()  # type: ignore[arg-type]
    for what, data in _bad_inputs(version).items():
        with pytest.raises(OfficialImportError) as err:
            import_bytes(data, f"{what}.file")
        assert str(err.value).startswith(f"{what}.file: "), what
        assert stored_path(version).read_bytes() == before, f"{what} changed the stored data"  # type: ignore[arg-type]
    assert not [p.name for p in stored_path(version).parent.iterdir() if p.name.endswith(".tmp")]  # type: ignore[arg-type]


def test_refusal_messages_are_clear() -> None:
    nested = _official_file("5.0.0", "json").read_bytes()
    with pytest.raises(OfficialImportError, match="not valid JSON"):
        parse_official(nested[:-20], "x.json")
    lines = _official_file("4.0.3", "csv").read_bytes().splitlines(keepends=True)
    with pytest.raises(OfficialImportError, match=r"incomplete ASVS 4\.0\.3 export: 99 of 286"):
        parse_official(b"".join(lines[:100]), "x.csv")
    with pytest.raises(OfficialImportError, match=r"unsupported ASVS version '3\.0\.1'"):
        parse_official(nested.replace(b'"Version": "5.0.0"', b'"Version": "3.0.1"'), "x.json")


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(OfficialImportError, match="cannot read"):
        import_file(tmp_path / "nope.json")


def test_damaged_store_reads_as_not_imported() -> None:
    path = stored_path("5.0.0")
    path.parent.mkdir(parents=True)
    path.write_text("{ broken", encoding="utf-8")
    assert official_text("5.0.0", "V6.2.1") is None


def test_package_ships_no_official_text() -> None:
    root = Path(importer.__file__).resolve().parent.parent
    sentence = official_requirements(_official_file("5.0.0", "flat.json"))["V6.2.1"]["req_description"]
    for path in root.rglob("*"):
        if path.is_file() and path.suffix in {".py", ".yaml", ".json", ".csv", ".md", ".txt"}:
            assert sentence[:60] not in path.read_text(encoding="utf-8", errors="ignore"), path


# --------------------------------------------------------------------------- sync over HTTP


@pytest.fixture
def server_root(tmp_path: Path) -> Path:
    root = tmp_path / "www"
    root.mkdir()
    for version in ("5.0.0", "4.0.3"):
        for suffix in ("json", "csv"):
            shutil.copy(_official_file(version, suffix), root)
    nested = _official_file("4.0.3", "json").read_bytes()
    (root / "truncated.json").write_bytes(nested[: len(nested) // 3])
    return root


@pytest.fixture
def base_url(server_root: Path) -> Iterator[str]:
    with serve_folder(server_root) as url:
        yield url


def test_sync_from_a_folder_url_imports_both_versions(base_url: str) -> None:
    results = sync([base_url])
    assert sorted((r.version, r.count) for r in results) == [("4.0.3", 286), ("5.0.0", 345)]
    assert official_text("5.0.0", "V6.2.1") and official_text("4.0.3", "V2.1.1")


def test_sync_from_file_urls_of_any_format(base_url: str) -> None:
    results = sync([base_url + "asvs-5.0.0-en.csv"])
    assert [(r.version, r.count) for r in results] == [("5.0.0", 345)]
    assert results[0].source.endswith("asvs-5.0.0-en.csv")


def test_sync_refuses_everything_when_one_file_is_bad(base_url: str) -> None:
    import_file(_official_file("5.0.0", "json"))
    before = stored_path("5.0.0").read_bytes()
    with pytest.raises(OfficialImportError, match=r"truncated\.json: not valid JSON"):
        sync([base_url + "asvs-5.0.0-en.csv", base_url + "truncated.json"])
    assert stored_path("5.0.0").read_bytes() == before
    assert not stored_path("4.0.3").exists()


def test_sync_reports_http_errors_and_size_cap(base_url: str) -> None:
    with pytest.raises(OfficialImportError, match="download failed"):
        sync([base_url + "missing.json"])
    with pytest.raises(OfficialImportError, match="larger than 1000 bytes"):
        sync([base_url + "asvs-5.0.0-en.json"], max_bytes=1000)
    with pytest.raises(OfficialImportError, match="only http"):
        sync(["file:///etc/passwd"])


def test_sync_times_out_instead_of_hanging() -> None:
    import socket

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)  # accepts the connection but never answers
    try:
        url = f"http://127.0.0.1:{listener.getsockname()[1]}/x.json"
        with pytest.raises(OfficialImportError, match="download failed"):
            sync([url], timeout=0.5)
    finally:
        listener.close()


def test_default_urls_point_at_the_owasp_release_tags() -> None:
    assert len(importer.DEFAULT_URLS) == 2
    for url in importer.DEFAULT_URLS:
        assert url.startswith("https://raw.githubusercontent.com/OWASP/ASVS/v")
        assert "_release/" in url
