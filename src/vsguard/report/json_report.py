"""Machine-readable JSON: the ScanResult model itself, field for field, so the schema is the model's."""

from __future__ import annotations

import json

from vsguard.models import ScanResult, to_dict


def render_json(result: ScanResult) -> str:
    return json.dumps(to_dict(result, json=True), indent=2, ensure_ascii=False) + "\n"
