"""Fetch pinned Debian packages' source trees into benchmarks/.cache/, without installing them.

Two kinds of spec:

    deb:PACKAGE=VERSION[/SUBDIR]     a binary package (`apt-get download`, `dpkg-deb -x`); the tree
                                     is SUBDIR inside it (e.g. a Go library under /usr/share/gocode)
    debsrc:SOURCE=VERSION            a source package (`apt-get source --download-only`, then
                                     its `.orig.tar.*` unpacked): the upstream release as
                                     published, with its tests, CI workflows and Dockerfiles

apt runs with a private state under benchmarks/.cache/apt/ (its own package lists, archives and a
sources list that adds `deb-src` for the mirrors the machine's apt already uses), so nothing of the
system's apt configuration or installed packages changes and no root is needed beyond what apt's
download needs. Nothing is installed and no maintainer script runs.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"
APT = CACHE / "apt"
SOURCES = CACHE / "src"
_SYSTEM_LISTS = (Path("/etc/apt/sources.list"), Path("/etc/apt/sources.list.d"))


def _system_entries() -> list[tuple[str, str, str]]:
    """(uri, suite, components) of every `deb` entry of the machine's apt configuration."""
    entries: list[tuple[str, str, str]] = []
    files: list[Path] = []
    for place in _SYSTEM_LISTS:
        if place.is_dir():
            files += sorted(p for p in place.iterdir() if p.suffix in (".list", ".sources"))
        elif place.is_file():
            files.append(place)
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix == ".sources":  # deb822 stanzas
            for stanza in re.split(r"\n\s*\n", text):
                fields = dict(
                    (k.strip().lower(), v.strip())
                    for k, v in (
                        line.split(":", 1)
                        for line in stanza.splitlines()
                        if ":" in line and not line.lstrip().startswith("#")
                    )
                )
                if "deb" not in fields.get("types", "").split() or fields.get("enabled") == "no":
                    continue
                for uri in fields.get("uris", "").split():
                    for suite in fields.get("suites", "").split():
                        entries.append((uri, suite, fields.get("components", "main")))
        else:
            for line in text.splitlines():
                words = re.sub(r"\[[^\]]*\]", "", line.split("#", 1)[0]).split()
                if len(words) >= 3 and words[0] == "deb":
                    entries.append((words[1], words[2], " ".join(words[3:]) or "main"))
    return entries


def _apt_options() -> list[str]:
    return [
        "-q",
        "-o", f"Dir::Etc::SourceList={APT / 'sources.list'}",
        "-o", "Dir::Etc::SourceParts=/dev/null",
        "-o", f"Dir::State::Lists={APT / 'lists'}",
        "-o", f"Dir::Cache={APT / 'cache'}",
        "-o", "APT::Sandbox::User=root",
    ]  # fmt: skip


def _ensure_lists() -> None:
    """A private sources list (binary and source entries) and its package lists, made once."""
    if (APT / "lists" / "lock").exists() and any((APT / "lists").glob("*Sources*")):
        return
    entries = _system_entries()
    if not entries:
        raise RuntimeError("no `deb` entry in the machine's apt configuration to take a mirror from")
    (APT / "lists" / "partial").mkdir(parents=True, exist_ok=True)
    (APT / "cache" / "archives" / "partial").mkdir(parents=True, exist_ok=True)
    lines = [f"{kind} {uri} {suite} {comps}" for uri, suite, comps in entries for kind in ("deb", "deb-src")]
    (APT / "sources.list").write_text("\n".join(lines) + "\n", encoding="utf-8")
    subprocess.run(["apt-get", *_apt_options(), "update"], check=True, stdout=subprocess.DEVNULL)


def _parse(spec: str) -> tuple[str, str, str, str]:
    """(kind, package, version, subdir) of a `deb:` or `debsrc:` spec."""
    kind, rest = spec.split(":", 1)
    package, _, version = rest.partition("=")
    version, _, subdir = version.partition("/")
    if kind not in ("deb", "debsrc") or not package or not version:
        raise ValueError(f"not a Debian package spec: {spec!r}")
    return kind, package, version, subdir


def version_of(spec: str) -> str:
    return _parse(spec)[2]


def fetch(name: str, spec: str) -> Path:
    """The unpacked tree of one pinned Debian package, fetched and unpacked on first use."""
    kind, package, version, subdir = _parse(spec)
    tree = SOURCES / f"{name}-{version}"
    if tree.is_dir():
        return tree
    _ensure_lists()
    staging = Path(tempfile.mkdtemp(dir=CACHE))
    try:
        if kind == "deb":
            subprocess.run(
                ["apt-get", *_apt_options(), "download", f"{package}={version}"],
                cwd=staging,
                check=True,
                stdout=subprocess.DEVNULL,
            )
            (deb,) = staging.glob("*.deb")
            subprocess.run(["dpkg-deb", "-x", str(deb), str(staging / "root")], check=True)
            top = staging / "root" / subdir.strip("/")
        else:
            # Only the upstream tarball is wanted; the Debian packaging tarball may not be served,
            # so apt's exit status is not the test: the orig tarball's presence is.
            cmd = ["apt-get", *_apt_options(), "source", "--download-only", f"{package}={version}"]
            subprocess.run(
                cmd, cwd=staging, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
            origs = sorted(staging.glob("*.orig.tar.*"), key=lambda p: len(p.name))
            if not origs:
                raise RuntimeError(f"{spec}: apt fetched no upstream tarball")
            with tarfile.open(origs[0]) as tar:
                tar.extractall(staging / "tree", filter="data")
            entries = list((staging / "tree").iterdir())
            top = entries[0] if len(entries) == 1 and entries[0].is_dir() else staging / "tree"
        if not top.is_dir():
            raise RuntimeError(f"{spec}: no directory {subdir!r} in the package")
        tree.parent.mkdir(parents=True, exist_ok=True)
        top.rename(tree)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return tree
