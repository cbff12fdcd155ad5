"""Machine-readable JSON: the ScanResult model itself, field for field, so the schema is the model's."""

from __future__ import annotations

import json
from typing import Any

from vsguard.models import ScanResult, to_dict

# Without `indent` the json module encodes in C; with it, in Python, which on a report of a few
# thousand findings took most of a second. Each list item is written compactly on its own line.
_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": "))


def _field(value: Any) -> str:
    if isinstance(value, list) and value:
        return "[\n    " + ",\n    ".join(_COMPACT.encode(item) for item in value) + "\n  ]"
    return json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n  ")


def render_json(result: ScanResult) -> str:
    data = to_dict(result, json=True)
    fields = [f"  {_COMPACT.encode(key)}: {_field(value)}" for key, value in data.items()]
    return "{\n" + ",\n".join(fields) + "\n}\n"
