"""Import the official OWASP ASVS wording into the user's data directory, never into the package.

The official text is CC BY-SA, so vsguard ships only its own words; a user who wants the official
sentence next to ours runs `vsguard asvs import FILE` or `vsguard asvs sync`. Every official export
(nested JSON, flat JSON, CSV; 4.0.3 and 5.0.0) is accepted. A file is checked for completeness
before anything is written, and the stored copy is replaced atomically, so a malformed or truncated
download leaves the previous import untouched.
"""

from __future__ import annotations

import csv
import http.client
import io
import json
import os
import re
import tempfile
import urllib.request
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

from vsguard.catalog.mapping import mapped_ids
from vsguard.models import AsvsVersion, Requirement
from vsguard.records import record, replace

# Requirement counts of the official releases: a file with fewer rows was cut short.
EXPECTED_COUNTS: dict[AsvsVersion, int] = {"5.0.0": 345, "4.0.3": 286}

_RAW = "https://raw.githubusercontent.com/OWASP/ASVS"
DEFAULT_URLS: tuple[str, ...] = (
    f"{_RAW}/v5.0.0_release/5.0/docs_en/OWASP_Application_Security_Verification_Standard_5.0.0_en.json",
    f"{_RAW}/v4.0.3_release/4.0/docs_en/OWASP%20Application%20Security%20Verification%20Standard%204.0.3-en.json",
)
# File names fetched when --url names a folder (ends with "/").
FOLDER_FILES: tuple[str, ...] = ("asvs-5.0.0-en.json", "asvs-4.0.3-en.json")

MAX_DOWNLOAD_BYTES = 10 * 1024 * 1024
DOWNLOAD_TIMEOUT_SECONDS = 30.0

_REQ_ID = re.compile(r"^V\d{1,2}\.\d{1,2}\.\d{1,2}$")


class OfficialImportError(ValueError):
    """An official export could not be read or is incomplete; nothing was written."""


@record(frozen=True)
class OfficialText:
    version: AsvsVersion
    requirements: dict[str, str]
    source: str


@record(frozen=True)
class ImportResult:
    version: AsvsVersion
    count: int
    source: str
    stored_at: Path


# --------------------------------------------------------------------------- where it lives


def data_home() -> Path:
    """$VSGUARD_HOME, else $XDG_DATA_HOME/vsguard, else ~/.local/share/vsguard."""
    if os.environ.get("VSGUARD_HOME"):
        return Path(os.environ["VSGUARD_HOME"]).expanduser()
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".local" / "share"
    return base / "vsguard"


def stored_path(version: AsvsVersion) -> Path:
    return data_home() / "asvs" / f"official-{version}.json"


# --------------------------------------------------------------------------- parsing


def _walk_nested(items: Sequence[Any]) -> Iterator[tuple[str, str]]:
    for item in items:
        if not isinstance(item, dict):
            raise OfficialImportError("nested export: an item is not an object")
        if "Items" in item:
            yield from _walk_nested(item["Items"])
        elif "Description" in item:
            yield str(item.get("Shortcode", "")), str(item["Description"])


def _flat_version(rows: Sequence[dict[str, Any]]) -> AsvsVersion:
    """5.0.0 exports carry one `L` column; 4.0.3 exports carry level1..level3."""
    columns = set(rows[0]) if rows else set()
    if "L" in columns:
        return "5.0.0"
    if {"level1", "level2", "level3"} <= columns:
        return "4.0.3"
    raise OfficialImportError(f"cannot tell the ASVS version from the columns {sorted(columns)}")


def _pairs_from_rows(rows: Sequence[Any]) -> list[tuple[str, str]]:
    pairs = []
    for n, row in enumerate(rows, start=1):
        if not isinstance(row, dict) or "req_id" not in row or "req_description" not in row:
            raise OfficialImportError(f"row {n} lacks req_id or req_description")
        pairs.append((str(row["req_id"] or ""), str(row["req_description"] or "")))
    return pairs


def _parse_json(data: Any) -> tuple[AsvsVersion | None, list[tuple[str, str]]]:
    if isinstance(data, dict) and isinstance(data.get("Requirements"), list):
        version = str(data.get("Version", ""))
        if version not in EXPECTED_COUNTS:
            raise OfficialImportError(f"unsupported ASVS version {version!r} (supported: 5.0.0, 4.0.3)")
        return version, list(_walk_nested(data["Requirements"]))
    if isinstance(data, dict) and isinstance(data.get("requirements"), list):
        rows = data["requirements"]
        return (_flat_version(rows) if rows else None), _pairs_from_rows(rows)
    raise OfficialImportError("not an ASVS export: expected a 'Requirements' tree or a 'requirements' list")


def _parse_csv(text: str) -> tuple[AsvsVersion | None, list[tuple[str, str]]]:
    try:
        rows = list(csv.DictReader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as exc:
        raise OfficialImportError(f"not valid CSV: {exc}") from exc
    for n, row in enumerate(rows, start=2):
        if None in row or any(v is None for v in row.values()):
            raise OfficialImportError(f"CSV line {n}: wrong number of columns (truncated?)")
    return (_flat_version(rows) if rows else None), _pairs_from_rows(rows)


def parse_official(data: bytes, name: str = "input") -> OfficialText:
    """Read any official export and check it is complete; OfficialImportError says what is wrong."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise OfficialImportError(f"{name}: not UTF-8 text: {exc}") from exc
    try:
        if text.lstrip().startswith(("{", "[")):
            try:
                version, pairs = _parse_json(json.loads(text))
            except json.JSONDecodeError as exc:
                raise OfficialImportError(f"not valid JSON (truncated?): {exc}") from exc
        else:
            version, pairs = _parse_csv(text)
        if version is None:
            raise OfficialImportError("no requirements found")
        return OfficialText(version=version, requirements=_checked(version, pairs), source=name)
    except OfficialImportError as exc:
        raise OfficialImportError(f"{name}: {exc}") from None


def _checked(version: AsvsVersion, pairs: list[tuple[str, str]]) -> dict[str, str]:
    requirements: dict[str, str] = {}
    for req_id, text in pairs:
        if not _REQ_ID.match(req_id):
            raise OfficialImportError(f"bad requirement id {req_id!r}")
        if not text.strip():
            raise OfficialImportError(f"{req_id} has no text")
        if req_id in requirements:
            raise OfficialImportError(f"{req_id} appears twice")
        requirements[req_id] = " ".join(text.split())
    missing = [i for i in mapped_ids(version) if i not in requirements]
    if missing or len(requirements) != EXPECTED_COUNTS[version]:
        raise OfficialImportError(
            f"incomplete ASVS {version} export: {len(requirements)} of {EXPECTED_COUNTS[version]}"
            f" requirements{f', missing e.g. {missing[:5]}' if missing else ''} (truncated download?)"
        )
    return requirements


# --------------------------------------------------------------------------- storing


def _write_atomically(path: Path, payload: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def store(official: OfficialText) -> ImportResult:
    path = stored_path(official.version)
    payload = {
        "version": official.version,
        "source": official.source,
        "imported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "licence": "OWASP ASVS, CC BY-SA 4.0",
        "requirements": official.requirements,
    }
    _write_atomically(path, json.dumps(payload, ensure_ascii=False, indent=1) + "\n")
    _cache.pop(path, None)
    return ImportResult(official.version, len(official.requirements), official.source, path)


def import_bytes(data: bytes, name: str = "input") -> ImportResult:
    return store(parse_official(data, name))


def import_file(path: str | os.PathLike[str]) -> ImportResult:
    file = Path(path)
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise OfficialImportError(f"{file}: cannot read: {exc.strerror or exc}") from exc
    return import_bytes(data, file.name)


# --------------------------------------------------------------------------- downloading


def _expand(urls: Sequence[str] | None) -> list[str]:
    expanded: list[str] = []
    for url in urls or DEFAULT_URLS:
        expanded.extend(url + f for f in FOLDER_FILES) if url.endswith("/") else expanded.append(url)
    return expanded


def download(
    url: str, *, timeout: float = DOWNLOAD_TIMEOUT_SECONDS, max_bytes: int = MAX_DOWNLOAD_BYTES
) -> bytes:
    if not url.lower().startswith(("https://", "http://")):
        raise OfficialImportError(f"{url}: only http(s) URLs are supported")
    request = urllib.request.Request(url, headers={"User-Agent": "vsguard-asvs-sync"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # scheme checked above
            data: bytes = response.read(max_bytes + 1)
    except (OSError, http.client.HTTPException) as exc:  # URLError, HTTPError, timeouts, cut-off bodies
        raise OfficialImportError(f"{url}: download failed: {exc}") from exc
    if len(data) > max_bytes:
        raise OfficialImportError(f"{url}: larger than {max_bytes} bytes, refused")
    return data


def sync(
    urls: Sequence[str] | None = None,
    *,
    timeout: float = DOWNLOAD_TIMEOUT_SECONDS,
    max_bytes: int = MAX_DOWNLOAD_BYTES,
) -> list[ImportResult]:
    """Download, verify every file, then import them all; one bad file imports nothing."""
    parsed = [
        parse_official(download(url, timeout=timeout, max_bytes=max_bytes), url) for url in _expand(urls)
    ]
    return [store(official) for official in parsed]


# --------------------------------------------------------------------------- reading back

_cache: dict[Path, tuple[int, dict[str, str]]] = {}


def imported_texts(version: AsvsVersion) -> dict[str, str]:
    """All imported official sentences of `version` ({} before any import); re-read when the file changes."""
    path = stored_path(version)
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        return {}
    cached = _cache.get(path)
    if cached and cached[0] == stamp:
        return cached[1]
    texts: dict[str, str] = {}
    try:
        stored = json.loads(path.read_text(encoding="utf-8")).get("requirements", {})
        if isinstance(stored, dict):
            texts = {str(k): str(v) for k, v in stored.items()}
    except (OSError, ValueError, AttributeError):
        pass  # a damaged store reads as "not imported" rather than breaking every answer
    _cache[path] = (stamp, texts)
    return texts


def official_text(version: str, req_id: str) -> str | None:
    """The official wording of one requirement, if the user imported it."""
    return imported_texts(cast(AsvsVersion, version)).get(req_id)


def with_official(req: Requirement) -> Requirement:
    """The requirement with its imported official wording attached (unchanged when none)."""
    text = official_text(req.version, req.id)
    return replace(req, official_text=text) if text else req
