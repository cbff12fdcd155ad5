"""The SARIF 2.1.0 schema, vendored beside the tests (OASIS; licence in data/sarif-schema-LICENSE.md)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]

SCHEMA_PATH = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"


@cache
def _validator() -> jsonschema.Draft4Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(schema)


def validate_sarif(log: Any) -> None:
    """Raise `jsonschema.ValidationError` (the first error, with its path) unless `log` is valid."""
    error = jsonschema.exceptions.best_match(_validator().iter_errors(log))
    if error is not None:
        raise error
