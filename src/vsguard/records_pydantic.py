"""How pydantic reads a record: through a standard dataclass with the same fields.

Only the doors that validate or describe models with pydantic (a baseline file, the MCP server's
output schema) import this, from the hook `records.record` puts on every class; a scan never
does. The mirror carries the record's attribute docstrings as field descriptions and its
`__pydantic_config__`; values are validated into the mirror, then rebuilt as the record, and a
record is serialised by the mirror's schema.
"""

from __future__ import annotations

import ast
import dataclasses
import inspect
import itertools
import textwrap
from functools import cache
from typing import Any

from pydantic import Field, GetCoreSchemaHandler
from pydantic_core import core_schema

from vsguard.records import MISSING, fields


def _attribute_docs(cls: type) -> dict[str, str]:
    """`name: type` followed by a string: the string documents the field (PEP 257)."""
    docs: dict[str, str] = {}
    for klass in reversed(cls.__mro__):
        if not hasattr(klass, "__record_fields__"):
            continue
        try:
            tree = ast.parse(textwrap.dedent(inspect.getsource(klass)))
        except (OSError, TypeError, SyntaxError):
            continue
        body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []
        for stmt, after in itertools.pairwise(body):
            if (
                isinstance(stmt, ast.AnnAssign)
                and isinstance(stmt.target, ast.Name)
                and isinstance(after, ast.Expr)
                and isinstance(after.value, ast.Constant)
                and isinstance(after.value.value, str)
            ):
                docs[stmt.target.id] = inspect.cleandoc(after.value.value)
    return docs


def _annotations(cls: type) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for klass in reversed(cls.__mro__):
        found.update(klass.__dict__.get("__annotations__", {}))  # noqa: RUF063 - own ones, in order
    return found


@cache
def mirror(cls: type) -> type:
    """A standard dataclass with the record's fields, annotations, descriptions and config."""
    docs = _attribute_docs(cls)
    annotations = _annotations(cls)
    specs: list[tuple[str, Any, Any]] = []
    for f in fields(cls):
        extra: dict[str, Any] = {"description": docs[f.name]} if f.name in docs else {}
        if f.default_factory is not MISSING:
            info = Field(default_factory=f.default_factory, **extra)
        elif f.default is not MISSING:
            info = Field(default=f.default, **extra)
        else:
            info = Field(**extra)
        specs.append((f.name, annotations[f.name], dataclasses.field(default=info)))
    config = dict(getattr(cls, "__pydantic_config__", {}))
    config.pop("use_attribute_docstrings", None)  # read above: the mirror has no source
    made = dataclasses.make_dataclass(cls.__name__, specs, kw_only=True)
    made.__module__ = cls.__module__  # where its string annotations are resolved
    made.__doc__ = cls.__doc__
    made.__qualname__ = cls.__qualname__
    made.__pydantic_config__ = config  # type: ignore[attr-defined]
    return made


def core_schema_for(cls: type, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
    made = mirror(cls)
    inner = handler.generate_schema(made)
    names = [f.name for f in fields(cls)]

    def to_mirror(value: Any) -> Any:
        if isinstance(value, cls):
            return made(**{n: getattr(value, n) for n in names})
        return value

    def to_record(value: Any) -> Any:
        return cls(**{n: getattr(value, n) for n in names})

    return core_schema.no_info_after_validator_function(
        to_record,
        core_schema.no_info_before_validator_function(to_mirror, inner),
        serialization=core_schema.plain_serializer_function_ser_schema(to_mirror, return_schema=inner),
    )
