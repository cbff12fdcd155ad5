"""Shell scripts that download a file and run it with nothing checking what arrived.

A light reading of POSIX shell text (a workflow's `run:`, a Dockerfile's `RUN`): commands are
split at line breaks, `;`, `&&`, `||` and `|`, words with `shlex`. A download is `curl -o/-O` or
`wget` saving a file; running it is an interpreter given that file, `./file`, `chmod +x file`,
`install -m 0755 file` or a package installer given it. Any checksum or signature tool in the
same script counts as a check of every download: which file it checks cannot be told from the
text reliably, and a missed flaw is cheaper here than a false alarm on a script that does verify.
"""

from __future__ import annotations

import posixpath
import re
import shlex

from ast_grep_py import SgNode

from vsguard.engine.lazy_regex import LazyRegex
from vsguard.engine.yaml_values import scalar_text

_MAX_SCRIPT = 20_000  # characters of a script that are read
_SEPARATORS = r"\|\||&&|[;|&\n]"
_INTERPRETERS = frozenset(
    {"sh", "bash", "dash", "zsh", "ksh", "ash", "source", ".", "perl", "ruby", "node", "pwsh", "php"}
)
_INSTALLERS = {"dpkg": "-i", "rpm": "-i", "apt": "install", "apt-get": "install", "msiexec": "/i"}
# `+x`, `u+rx`, `a=rx` or an octal mode with an execute bit (an odd digit)
_EXECUTABLE_MODE = LazyRegex(r"^(?:[ugoa]*[+=][rwxst]*x[rwxst]*|0?[0-7]{0,2}[1357][0-7]{0,2})$")
_PREFIXES = frozenset({"sudo", "env", "exec", "time", "nohup", "command"})
# Tools that check a digest or a signature; their presence marks the script as verifying.
_VERIFIERS = LazyRegex(
    r"\b(?:sha(?:1|224|256|384|512)sum|shasum|b2sum|md5sum|gpgv?|cosign|minisign|signify|"
    r"slsa-verifier|Get-FileHash|certutil)\b|\bgh\s+attestation\s+verify\b|--checksum\b"
)


def _commands(script: str) -> list[list[str]]:
    text = script[:_MAX_SCRIPT].replace("\\\n", " ")
    found: list[list[str]] = []
    for chunk in re.split(_SEPARATORS, text):
        try:
            words = shlex.split(chunk, comments=True)
        except ValueError:  # an unbalanced quote spanning separators: fall back to blanks
            words = chunk.split()
        while words and (words[0] in _PREFIXES or re.match(r"^\w+=", words[0]) or words[0].startswith("-")):
            words = words[1:]  # `sudo -E`, `env A=b`, `FOO=1 cmd`
        if words:
            found.append(words)
    return found


def _url_name(words: list[str]) -> str | None:
    urls = [w for w in words if re.match(r"^(?:https?|ftp)://", w)]
    if not urls:
        return None
    name = posixpath.basename(urls[-1].split("?", 1)[0].rstrip("/"))
    return name or None


def _option_value(words: list[str], short: str, long: str) -> str | None:
    """The value given with `-x VALUE`, `-abx VALUE`, `-abxVALUE` or `--long VALUE`/`--long=VALUE`."""
    for i, w in enumerate(words[1:], start=1):
        if w == long:
            return words[i + 1] if i + 1 < len(words) else None
        if w.startswith(long + "="):
            return w.split("=", 1)[1]
        m = re.match(rf"^-[A-Za-z]*?{short}(.*)$", w) if not w.startswith("--") else None
        if m is not None:
            return m.group(1) or (words[i + 1] if i + 1 < len(words) else None)
    return None


def _downloaded(words: list[str]) -> str | None:
    """The file a curl or wget command writes, if it writes one."""
    tool = posixpath.basename(words[0])
    if tool == "curl":
        out = _option_value(words, "o", "--output")
        if out is not None:
            return None if out == "-" else out
        if any(w in ("-O", "--remote-name") or re.match(r"^-[A-Za-z]*O[A-Za-z]*$", w) for w in words[1:]):
            return _url_name(words)
        return None
    if tool == "wget":
        out = _option_value(words, "O", "--output-document")
        if out is not None:
            return None if out == "-" else out
        return _url_name(words)
    return None


def _same(a: str, b: str) -> bool:
    return posixpath.normpath(a) == posixpath.normpath(b) or posixpath.basename(a) == posixpath.basename(b)


def _runs(words: list[str], name: str) -> bool:
    tool = posixpath.basename(words[0])
    args = [w for w in words[1:] if not w.startswith("-")]
    if _same(words[0], name) and "/" in words[0]:
        return True  # `./install.sh`, `/tmp/tool`
    if tool in _INTERPRETERS or re.match(r"^python[0-9.]*$", tool):
        return bool(args) and _same(args[0], name)
    if tool == "chmod":
        return (
            bool(args)
            and _EXECUTABLE_MODE.match(args[0]) is not None
            and any(_same(a, name) for a in args[1:])
        )
    if tool == "install":  # `install -m 0755 tool /usr/local/bin/tool`
        mode = _option_value(words, "m", "--mode")
        executable = mode is not None and _EXECUTABLE_MODE.match(mode) is not None
        return executable and any(_same(a, name) for a in words[1:] if a != mode)
    if tool in _INSTALLERS and _INSTALLERS[tool] in words:
        return any(_same(a, name) for a in args if a != _INSTALLERS[tool])
    return False


def runs_unverified_download(script: str) -> bool:
    """True when the script runs or installs a file it downloaded and checks no digest or signature."""
    if _VERIFIERS.search(script[:_MAX_SCRIPT]):
        return False
    fetched: list[str] = []
    for words in _commands(script):
        if any(_runs(words, name) for name in fetched):
            return True
        name = _downloaded(words)
        if name:
            fetched.append(name)
    return False


_RUN_PREFIX = LazyRegex(r"^RUN\s+(?:--\S+\s+)*", re.IGNORECASE)


def unverified_download_run(node: SgNode, language: str) -> bool:
    """The predicate: a workflow's `run:` scalar, or a Dockerfile `RUN` instruction, that runs a
    file it downloaded without checking it."""
    if language == "dockerfile":
        text: str | None = _RUN_PREFIX.sub("", node.text())
    else:
        text = scalar_text(node)
    return text is not None and runs_unverified_download(text)
