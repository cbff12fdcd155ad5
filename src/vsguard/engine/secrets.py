"""Hardcoded secrets: provider key formats in any text, and literal values bound to secret-like names.

Works line by line on raw text so that it covers config, `.env`, YAML and JSON as well as code.
Every reported value is redacted to a short prefix: vsguard never repeats a secret it found.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

# (name, pattern). Formats are the providers' documented prefixes and lengths.
PROVIDER_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern))
    for name, pattern in (
        ("AWS access key id", r"\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b"),
        ("GitHub token", r"\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,255}\b"),
        ("GitHub fine-grained token", r"\bgithub_pat_[A-Za-z0-9_]{60,255}\b"),
        ("GitLab token", r"\bglpat-[A-Za-z0-9_-]{20,}\b"),
        ("Slack token", r"\bxox[abposr]-[A-Za-z0-9-]{10,}\b"),
        ("Slack webhook", r"https://hooks\.slack\.com/services/T[A-Z0-9]+/B[A-Z0-9]+/[A-Za-z0-9]{20,}"),
        ("Stripe secret key", r"\b(?:sk|rk)_live_[A-Za-z0-9]{20,}\b"),
        ("Twilio API key", r"\bSK[0-9a-f]{32}\b"),
        ("SendGrid API key", r"\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\b"),
        ("Anthropic API key", r"\bsk-ant-(?:api|admin)\d{2}-[A-Za-z0-9_-]{80,}\b"),
        ("OpenAI API key", r"\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,}\b"),
        ("Hugging Face token", r"\bhf_[A-Za-z]{34}\b"),
        ("Google API key", r"\bAIza[0-9A-Za-z_-]{35}\b"),
        ("GCP service account key", r"\"private_key_id\"\s*:\s*\"[0-9a-f]{40}\""),
        ("Azure storage key", r"AccountKey=[A-Za-z0-9+/]{86}=="),
        ("private key block", r"-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----"),
        ("database URL with password", r"\b(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|redis|amqp)://[^\s:/@'\"]+:(?P<pw>[^\s@'\"]{3,})@"),
        ("JSON Web Token", r"\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{20,}\b"),
    )
)

_SECRET_NAME = re.compile(
    r"(?i)(?:^|[_\-.])?(pass(?:word|wd|phrase)?|pwd|secret|api[_-]?key|apikey|access[_-]?key|auth[_-]?token|"
    r"token|private[_-]?key|client[_-]?secret|credentials?|signing[_-]?key|encryption[_-]?key)$"
)
# name = "value" / name: "value" / name="value" (code, YAML, .env, JSON)
_ASSIGNMENT = re.compile(
    r"""(?P<name>[A-Za-z_][\w.\-]*)["']?\s*(?::=|=>|=|:)\s*(?P<q>["'`]?)(?P<value>[^"'`\s,;#}]+|(?<=["'`])[^"'`]+)(?P=q)"""
)
_PLACEHOLDER = re.compile(
    r"(?i)^(?:x+|\*+|\.+|-+|_+)$|change[_-]?me|changeit|placeholder|example|sample|dummy|fake|test|"
    r"your[_-]|<[^>]+>|\$\{[^}]*\}|\{\{[^}]*\}\}|%\([^)]*\)s|^\$[A-Z_]+$|redacted|todo|fixme|"
    r"^(?:password|secret|token|none|null|true|false|empty|default|string|str|bytes|required)$|"
    r"os\.environ|getenv|process\.env|env\(|config\[|settings\."
)
_NOT_LITERAL_VALUE = re.compile(r"^[A-Za-z_][\w.]*(\(|\[)|^[A-Za-z_][\w]*\.[A-Za-z_]")


@dataclass(frozen=True)
class SecretHit:
    line: int
    start_column: int
    end_column: int
    kind: str
    redacted: str


def redact(value: str) -> str:
    """A short prefix and the length: enough to find the secret, useless to an attacker."""
    keep = 4 if len(value) >= 12 else 1
    return f"{value[:keep]}…[redacted {len(value)} chars]"


def shannon_entropy(value: str) -> float:
    counts = Counter(value)
    total = len(value)
    return -sum(n / total * math.log2(n / total) for n in counts.values())


def looks_like_placeholder(value: str) -> bool:
    return bool(_PLACEHOLDER.search(value)) or len(set(value)) <= 3


def _named_secret(name: str, value: str) -> bool:
    if not _SECRET_NAME.search(name) or _NOT_LITERAL_VALUE.search(value):
        return False
    if len(value) < 8 or looks_like_placeholder(value):
        return False
    # A human-chosen password is low entropy but still a secret; require some mix of classes.
    classes = sum(bool(re.search(p, value)) for p in (r"[a-z]", r"[A-Z]", r"\d", r"[^A-Za-z0-9]"))
    return classes >= 2 and shannon_entropy(value) >= 2.5


def find_secrets(text: str, *, provider_only: bool = False, quoted_only: bool = False) -> list[SecretHit]:
    """Secrets in `text`. `quoted_only`: in source code only quoted literals are values."""
    hits: list[SecretHit] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if len(line) > 4000:  # minified blobs: provider scan only on a bounded prefix
            line = line[:4000]
        covered: list[tuple[int, int]] = []
        for kind, pattern in PROVIDER_PATTERNS:
            for m in pattern.finditer(line):
                secret = m.group("pw") if "pw" in pattern.groupindex else m.group(0)
                if kind == "database URL with password" and looks_like_placeholder(secret):
                    continue
                if looks_like_placeholder(m.group(0)) and kind not in ("private key block", "JSON Web Token"):
                    continue
                hits.append(SecretHit(number, m.start() + 1, m.end() + 1, kind, redact(secret)))
                covered.append((m.start(), m.end()))
        if provider_only:
            continue
        for m in _ASSIGNMENT.finditer(line):
            if any(a <= m.start("value") < b for a, b in covered):
                continue
            value = m.group("value")
            if quoted_only and not m.group("q"):
                continue
            if _named_secret(m.group("name"), value):
                hits.append(SecretHit(number, m.start() + 1, m.end() + 1, "hardcoded credential", redact(value)))
    return hits
