"""Run-time limits. Defaults are safe for an agent-facing server; environment variables override."""

from __future__ import annotations

import os

from vsguard.records import record


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    try:
        return int(raw) if raw else default
    except ValueError:
        return default


@record(frozen=True)
class Limits:
    """Bounds of one scan or call; `from_env` reads the overrides."""

    max_input_bytes: int = 1_000_000  # one scan_code / suggest_fix call
    max_file_bytes: int = 2_000_000  # one file of a path scan; larger files are skipped with a reason
    max_seconds_per_file: float = 10.0  # rules stop after this; the file is reported as partly scanned
    max_findings_in_response: int = 100  # MCP answers stay well under 20k tokens
    # Untrusted input is analysed in worker processes (see engine/isolation.py), so that a parser
    # that aborts, hangs in native code or eats memory costs one file, not the whole process.
    isolation: bool = True  # VSGUARD_ISOLATION=0 scans in process (debugging)
    worker_memory_mb: int = 256  # address space for data per worker (RLIMIT_DATA); 0: no cap
    kill_grace_seconds: float = 1.0  # past max_seconds_per_file before a busy worker is killed
    server_workers: int = 2  # concurrent scans of the MCP server; further calls wait

    @classmethod
    def from_env(cls) -> Limits:
        return cls(
            max_input_bytes=_env_int("VSGUARD_MAX_INPUT_BYTES", cls.max_input_bytes),
            max_file_bytes=_env_int("VSGUARD_MAX_FILE_BYTES", cls.max_file_bytes),
            max_seconds_per_file=float(
                _env_int("VSGUARD_MAX_SECONDS_PER_FILE", int(cls.max_seconds_per_file))
            ),
            max_findings_in_response=_env_int("VSGUARD_MAX_FINDINGS", cls.max_findings_in_response),
            isolation=os.environ.get("VSGUARD_ISOLATION", "1").strip() not in ("0", "false", "no", "off"),
            worker_memory_mb=max(0, _env_int("VSGUARD_WORKER_MEMORY_MB", cls.worker_memory_mb)),
            kill_grace_seconds=_env_int("VSGUARD_KILL_GRACE_MS", int(cls.kill_grace_seconds * 1000)) / 1000,
            server_workers=max(1, _env_int("VSGUARD_SERVER_WORKERS", cls.server_workers)),
        )
