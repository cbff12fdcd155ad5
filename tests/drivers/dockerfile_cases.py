"""Driver for the Dockerfile TLS fix: every RUN instruction of the original and the fixed case is
run by bash with stand-ins for curl, wget, pip and apt-get that record the arguments they get.
The fixed build must make the same calls with the same arguments, less the switches that turned
certificate checks off, which the original did pass."""

from __future__ import annotations

import configparser
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

CASES = Path(__file__).parent.parent / "fixes" / "dockerfile"
_TOOLS = ("curl", "wget", "pip", "apt-get")
# The line is built first and appended with one write: the commands of a pipeline run at once,
# and appends made piece by piece would interleave.
_RECORDER = (
    '#!/bin/sh\nline=$(basename "$0"); for a in "$@"; do line=$(printf "%s\\t%s" "$line" "$a"); done\n'
    'printf "%s\\n" "$line" >> "$LOG"\n'
)
_INSECURE = {
    "curl": frozenset({"--insecure", "-k"}),
    "wget": frozenset({"--no-check-certificate"}),
    "pip": frozenset({"--trusted-host"}),
}
_TAKES_HOST = {"--trusted-host"}


def run_instructions(dockerfile: Path) -> list[str]:
    text = dockerfile.read_text(encoding="utf-8").replace("\\\n", " ")
    return [m.group(1) for m in re.finditer(r"(?m)^RUN\s+(.*)$", text)]


def record_calls(commands: list[str], work: Path, tools: tuple[str, ...] = _TOOLS) -> list[list[str]]:
    """Run each shell command with `tools` replaced by recorders; each call as [tool, arg, ...]."""
    fakebin = work / "bin"
    fakebin.mkdir(parents=True)
    for tool in tools:
        script = fakebin / tool
        script.write_text(_RECORDER)
        script.chmod(0o755)
    log = work / "calls.log"
    log.touch()
    env = {"PATH": f"{fakebin}:{os.environ.get('PATH', '')}", "LOG": str(log)}
    for command in commands:
        subprocess.run(["bash", "-e", "-c", command], cwd=work, env=env, check=True, timeout=30)
    return [line.split("\t") for line in log.read_text().splitlines()]


def calls(dockerfile: Path, work: Path) -> list[list[str]]:
    """Each recorded call, in the order the build makes them."""
    return record_calls(run_instructions(dockerfile), work)


def without_insecure(call: list[str]) -> list[str]:
    """The call without the switches of its tool that turn certificate checks off."""
    tool, args = call[0], call[1:]
    switches = _INSECURE.get(tool, frozenset())
    kept: list[str] = [tool]
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg in switches:
            skip = arg in _TAKES_HOST
        elif tool == "curl" and re.fullmatch(r"-[A-Za-z]*k[A-Za-z]*", arg):
            kept.append(arg.replace("k", "", 1))
        else:
            kept.append(arg)
    return kept


def tls(tmp: Path) -> None:
    if shutil.which("bash") is None:
        pytest.skip("bash is needed to run the RUN instructions")
    before = calls(CASES / "tls.dockerfile", tmp / "before")
    after = calls(CASES / "tls.fixed.dockerfile", tmp / "after")
    insecure = [c for c in before if without_insecure(c) != c]
    assert len(insecure) == 4, "the original must switch the checks off, or the driver proves nothing"
    assert [without_insecure(c) for c in before] == after
    assert all(without_insecure(c) == c for c in after)


# --- package signatures: the package managers' stand-ins record their calls, the files the build
# writes into /etc land in the work directory

_PACKAGE_TOOLS = ("apt-get", "apk", "dnf", "rpm")
_UNSIGNED = frozenset({"--allow-unauthenticated", "--allow-untrusted", "--nogpgcheck", "--nosignature"})
_WRITTEN = (
    "etc/apt/sources.list.d/vendor.list",
    "etc/apt/sources.list.d/mirror.list",
    "etc/yum.repos.d/vendor.repo",
)


def without_unsigned(call: list[str]) -> list[str]:
    """The call without the switches that skip signature checks (`-o` with apt's setting, too;
    apt's `--force-yes` keeps the other permissions it gave)."""
    kept: list[str] = []
    for arg in call:
        if kept and kept[-1] == "-o" and arg.startswith("APT::Get::AllowUnauthenticated="):
            kept.pop()
        elif arg == "--force-yes" and call[0] == "apt-get":  # what it stands for besides the skip
            kept.extend(("--allow-downgrades", "--allow-remove-essential", "--allow-change-held-packages"))
        elif arg not in _UNSIGNED:
            kept.append(arg)
    return kept


def _build(dockerfile: Path, work: Path) -> tuple[list[list[str]], dict[str, str]]:
    """The recorded package-manager calls and the configuration files the RUN steps wrote."""
    for name in _WRITTEN:
        (work / name).parent.mkdir(parents=True, exist_ok=True)
    commands = [c.replace(" /etc/", f" {work}/etc/") for c in run_instructions(dockerfile)]
    calls = record_calls(commands, work, _PACKAGE_TOOLS)
    return calls, {name: (work / name).read_text() for name in _WRITTEN}


def packages(tmp: Path) -> None:
    if shutil.which("bash") is None:
        pytest.skip("bash is needed to run the RUN instructions")
    before, written_before = _build(CASES / "packages.dockerfile", tmp / "before")
    after, written_after = _build(CASES / "packages.fixed.dockerfile", tmp / "after")
    unsigned = [c for c in before if without_unsigned(c) != c]
    assert len(unsigned) == 6, "the original must skip the checks, or the driver proves nothing"
    assert [without_unsigned(c) for c in before] == after
    assert all(without_unsigned(c) == c for c in after)
    # the apt sources: the same lines, less `trusted=yes`; other options such as arch stay
    for name in _WRITTEN[:2]:
        assert "trusted=yes" in written_before[name]
        assert written_after[name] == re.sub(
            r"\[trusted=yes\] |(?<=\S) trusted=yes", "", written_before[name]
        )
    assert "[arch=amd64]" in written_after[_WRITTEN[0]]
    # the yum repository: the same section and keys, with both signature checks on
    repos = []
    for text in (written_before[_WRITTEN[2]], written_after[_WRITTEN[2]]):
        parser = configparser.ConfigParser()
        parser.read_string(text)
        repos.append(dict(parser["vendor"]))
    assert (repos[0]["gpgcheck"], repos[0]["repo_gpgcheck"]) == ("0", "0")
    assert repos[1] == {**repos[0], "gpgcheck": "1", "repo_gpgcheck": "1"}
