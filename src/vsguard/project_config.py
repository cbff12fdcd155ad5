"""Project settings: `[tool.vsguard]` in pyproject.toml, or a `.vsguard.toml`.

The file is looked for from the scanned path (or the working directory) upwards, stopping at the
repository root, so a project's choices follow it into CI, pre-commit and the agent hooks alike.
Command-line flags override what the file says. A key vsguard does not know, or a value of the
wrong type, is an error naming the key and the file: a typo must not silently turn a check off.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from vsguard.models import Confidence, Severity
from vsguard.records import record
from vsguard.verdict import parse_confidence, parse_severity

CONFIG_FILE = ".vsguard.toml"
PYPROJECT = "pyproject.toml"
# Bound what is read: a settings file is small; anything larger is not one.
_MAX_CONFIG_BYTES = 256_000


class ConfigError(ValueError):
    """A settings file that cannot be used; the message names the file (and the key)."""


@record(frozen=True)
class ProjectConfig:
    """What a settings file says; `None` and empty mean "not set" (the built-in default applies)."""

    source: Path | None = None
    exclude: tuple[str, ...] = ()
    enable: tuple[str, ...] = ()
    disable: tuple[str, ...] = ()
    min_severity: Severity | None = None
    min_confidence: Confidence | None = None
    fail_on: Severity | None = None
    baseline: Path | None = None
    hook_threshold: Severity | None = None
    allow_incomplete: bool | None = None


def _strings(value: object) -> tuple[str, ...] | None:
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    return None


def _parser_for(kind: str) -> Callable[[object, Path], object]:
    def parse(value: object, base: Path) -> object:
        if kind == "strings":
            parsed = _strings(value)
            if parsed is None:
                raise TypeError("a list of strings")
            return parsed
        if kind == "bool":
            if not isinstance(value, bool):
                raise TypeError("true or false")
            return value
        if not isinstance(value, str):
            raise TypeError("a string")
        if kind == "severity":
            return parse_severity(value)
        if kind == "confidence":
            return parse_confidence(value)
        return base / value  # a path, relative to the settings file

    return parse


# key in the file -> (field of ProjectConfig, value kind)
_KEYS: dict[str, tuple[str, str]] = {
    "exclude": ("exclude", "strings"),
    "enable": ("enable", "strings"),
    "disable": ("disable", "strings"),
    "min-severity": ("min_severity", "severity"),
    "min-confidence": ("min_confidence", "confidence"),
    "fail-on": ("fail_on", "severity"),
    "baseline": ("baseline", "path"),
    "hook-threshold": ("hook_threshold", "severity"),
    "allow-incomplete": ("allow_incomplete", "bool"),
}


def _read_toml(path: Path) -> dict[str, Any]:
    import tomllib

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    if len(data) > _MAX_CONFIG_BYTES:
        raise ConfigError(f"{path}: larger than {_MAX_CONFIG_BYTES} bytes; not a settings file")
    try:
        return tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        # The decoder's message gives line and column, never the file's content.
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None


def _section(path: Path) -> dict[str, Any] | None:
    """The vsguard table of a settings file, or None when a pyproject.toml has none."""
    data = _read_toml(path)
    if path.name == PYPROJECT:
        tool = data.get("tool")
        if not isinstance(tool, dict) or "vsguard" not in tool:
            return None
        table = tool["vsguard"]
        where = "[tool.vsguard]"
    else:
        table, where = data, "the file"
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: {where} must be a table")
    return table


def parse_config(path: Path, table: dict[str, Any]) -> ProjectConfig:
    values: dict[str, object] = {}
    prefix = "tool.vsguard." if path.name == PYPROJECT else ""
    for key, value in table.items():
        if key not in _KEYS:
            import difflib  # only when there is a typo to correct

            near = difflib.get_close_matches(key, _KEYS, n=1)
            hint = f"; did you mean {near[0]!r}?" if near else f"; known keys: {', '.join(_KEYS)}"
            raise ConfigError(f"{path}: unknown key {prefix + key!r}{hint}")
        name, kind = _KEYS[key]
        try:
            values[name] = _parser_for(kind)(value, path.parent)
        except TypeError as exc:
            raise ConfigError(f"{path}: {prefix}{key} must be {exc}") from None
        except ValueError as exc:
            raise ConfigError(f"{path}: {prefix}{key}: {exc}") from None
    return ProjectConfig(source=path, **values)  # type: ignore[arg-type]


def is_repo_root(directory: Path) -> bool:
    return (directory / ".git").exists()


def find_config(start: Path) -> Path | None:
    """The settings file that governs `start`: the nearest `.vsguard.toml`, or pyproject.toml with
    a `[tool.vsguard]` table, from `start` up to the repository root (or the filesystem root)."""
    here = start.resolve()
    if not here.is_dir():
        here = here.parent
    for directory in (here, *here.parents):
        own = directory / CONFIG_FILE
        if own.is_file():
            return own
        pyproject = directory / PYPROJECT
        if pyproject.is_file() and _section(pyproject) is not None:
            return pyproject
        if is_repo_root(directory):
            return None
    return None


def load_config(start: Path, explicit: Path | None = None) -> ProjectConfig:
    """The settings for a scan of `start` (or those of `explicit`); empty when there are none."""
    path = explicit if explicit is not None else find_config(start)
    if path is None:
        return ProjectConfig()
    if explicit is not None and not explicit.is_file():
        raise ConfigError(f"{explicit}: no such settings file")
    table = _section(path)
    if table is None:
        raise ConfigError(f"{path}: has no [tool.vsguard] table")
    return parse_config(path, table)
