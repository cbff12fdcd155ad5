"""Machine-readable JSON: the ScanResult model itself, so the schema is the model's."""

from __future__ import annotations

from vsguard.models import ScanResult


def render_json(result: ScanResult) -> str:
    return result.model_dump_json(indent=2) + "\n"
