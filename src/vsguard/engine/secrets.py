"""Hardcoded secrets: provider key formats in any text, and literal values bound to secret-like names.

Works line by line on raw text so that it covers code, config, `.env`, YAML, JSON and Dockerfiles
alike (private key blocks are the one multi-line format). Placeholders, documentation examples and
test-mode keys are recognised and left alone. Every reported value is redacted to a short prefix:
vsguard never repeats a secret it found, and `redact_secrets` scrubs any other text it shows.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
import re
from collections import Counter
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from vsguard.engine.lazy_regex import LazyRegex
from vsguard.records import record

_MAX_LINE = 4000  # minified blobs: only a bounded prefix of a line is scanned


@record(frozen=True)
class Provider:
    """A documented credential format. `group` names the part that is secret (0: the whole match)."""

    kind: str
    pattern: LazyRegex
    group: int | str = 0
    valid: Callable[[str], bool] | None = None  # extra structural check on the secret part
    # Literal text of which every match contains one (case-sensitive): a cheap test that lets most
    # texts skip the pattern. Empty when the pattern ignores case or has no such literal.
    hints: tuple[str, ...] = ()


def _b64url_json(part: str) -> dict[str, Any] | None:
    try:
        raw = base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
        value = json.loads(raw)
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return None
    return value if isinstance(value, dict) else None


# The token printed on jwt.io and copied into countless tutorials and tests.
_KNOWN_SAMPLE_JWT_SIGNATURES = frozenset({"SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"})


def _is_signed_jwt(token: str) -> bool:
    """A JWT is a credential only when it is signed: a JSON header with a real `alg` and a signature."""
    header_part, payload_part, signature = token.split(".")
    header = _b64url_json(header_part)
    if header is None or _b64url_json(payload_part) is None:
        return False
    alg = str(header.get("alg", "")).lower()
    return alg not in ("", "none") and len(signature) >= 22 and signature not in _KNOWN_SAMPLE_JWT_SIGNATURES


def _p(pattern: str) -> LazyRegex:
    return LazyRegex(pattern)


PROVIDERS: tuple[Provider, ...] = (
    Provider(
        "AWS access key id",
        _p(r"\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b"),
        hints=("AKIA", "ASIA", "ABIA", "ACCA"),
    ),
    Provider(
        "AWS secret access key",
        _p(
            r"(?i)aws_?secret_?(?:access_?)?key[\"']?\s*(?::=|=>|=|:)\s*[\"']?(?P<s>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])"
        ),
        "s",
    ),
    Provider(
        "GitHub token",
        _p(r"\bgh[pousr]_[A-Za-z0-9]{36,251}\b"),
        hints=("ghp_", "gho_", "ghu_", "ghs_", "ghr_"),
    ),
    Provider(
        "GitHub fine-grained token",
        _p(r"\bgithub_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}\b"),
        hints=("github_pat_",),
    ),
    Provider(
        "GitLab token",
        _p(r"\b(?:glpat|gldt|glrt|glptt|glsoat|glcbt|glft|glimt|glagent)-[A-Za-z0-9_-]{20,}"),
        hints=("glpat-", "gldt-", "glrt-", "glptt-", "glsoat-", "glcbt-", "glft-", "glimt-", "glagent-"),
    ),
    Provider("Slack token", _p(r"\bxox[abposre]-(?:\d+-)?[A-Za-z0-9-]{10,}"), hints=("xox",)),
    Provider("Slack app token", _p(r"\bxapp-\d-[A-Z0-9]+-\d+-[a-z0-9]{32,}\b"), hints=("xapp-",)),
    Provider(
        "Slack webhook",
        _p(
            r"https://hooks\.slack\.com/(?:services|workflows|triggers)/T[A-Z0-9]+/[AB][A-Z0-9]+/[A-Za-z0-9]{20,}"
        ),
        hints=("https://hooks.slack.com/",),
    ),
    Provider("Stripe secret key", _p(r"\b(?:sk|rk)_live_[A-Za-z0-9]{20,247}\b"), hints=("_live_",)),
    Provider("Stripe webhook secret", _p(r"\bwhsec_[A-Za-z0-9+/]{32,}"), hints=("whsec_",)),
    Provider("Twilio API key", _p(r"\bSK[0-9a-f]{32}\b"), hints=("SK",)),
    Provider(
        "Twilio auth token",
        _p(r"(?i)twilio\w*?(?:auth_?)?token[\"']?\s*(?::=|=>|=|:)\s*[\"']?(?P<s>[0-9a-f]{32})\b"),
        "s",
    ),
    Provider("SendGrid API key", _p(r"\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\b"), hints=("SG.",)),
    Provider(
        "Anthropic API key", _p(r"\bsk-ant-(?:api|admin|oat)\d{2}-[A-Za-z0-9_-]{80,}"), hints=("sk-ant-",)
    ),
    Provider(
        "OpenAI API key",
        _p(
            r"\bsk-(?:(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,}|[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20})(?![A-Za-z0-9_-])"
        ),
        hints=("sk-",),
    ),
    Provider("Hugging Face token", _p(r"\b(?:hf_|api_org_)[A-Za-z]{34}\b"), hints=("hf_", "api_org_")),
    Provider("Google API key", _p(r"\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])"), hints=("AIza",)),
    Provider("Google OAuth client secret", _p(r"\bGOCSPX-[A-Za-z0-9_-]{28}\b"), hints=("GOCSPX-",)),
    Provider(
        "GCP service account key",
        _p(r"\"private_key_id\"\s*:\s*\"(?P<s>[0-9a-f]{40})\""),
        "s",
        hints=('"private_key_id"',),
    ),
    Provider("Azure storage account key", _p(r"(?i)AccountKey=(?P<s>[A-Za-z0-9+/]{86}==)"), "s"),
    Provider("Azure shared access key", _p(r"(?i)SharedAccessKey=(?P<s>[A-Za-z0-9+/]{42,44}=)"), "s"),
    Provider("Azure SAS token", _p(r"[?&]sig=(?P<s>[A-Za-z0-9%+/]{40,}(?:%3D|=)*)"), "s", hints=("sig=",)),
    Provider(
        "Azure AD client secret",
        _p(r"(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])"),
        hints=("Q~",),
    ),
    Provider(
        "database URL with password",
        _p(
            r"\b(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|mssql|sqlserver|oracle|cockroachdb)"
            r"://(?P<user>[^\s:/@'\"]*):(?P<s>[^\s@'\"/]{3,})@[^\s'\"]+"
        ),
        "s",
        hints=("://",),
    ),
    Provider(
        "JSON Web Token",
        _p(r"\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{16,}"),
        valid=_is_signed_jwt,
        hints=("eyJ",),
    ),
)

_PRIVATE_KEY_HEADER = LazyRegex(
    r"-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----"
)
# Key material after the header: base64 lines, possibly written with `\n` escapes inside a string.
_KEY_BODY = LazyRegex(r"(?:\\n|\\r|[\s\"',+])*(?:[A-Za-z0-9+/=]{40,})")
_PRIVATE_KEY_KIND = "private key block"

_SECRET_NAME = LazyRegex(
    r"(?i)(pass(?:word|wd|phrase)?|pwd|secret|secret[_-]?key|api[_-]?key|apikey|access[_-]?key|auth[_-]?token|"
    r"access[_-]?token|refresh[_-]?token|bearer[_-]?token|token|private[_-]?key|client[_-]?secret|credentials?|"
    r"signing[_-]?key|encryption[_-]?key|master[_-]?key|conn(?:ection)?[_-]?string)$"
)
# name = "value" / name: "value" / name := "value" / name => "value" / cfg["name"] = "value"
# A name starts only where no name character precedes it, so a long token is tried once (no O(n^2)).
# An unquoted value may hold `#` after its first character: shell, .env and YAML start a comment
# only at a `#` that begins a word (`DB_PASSWORD=Xk9#mP2v` is one value).
_ASSIGNMENT = LazyRegex(
    r"""(?<![\w.\-])(?P<name>[A-Za-z_][\w.\-]*)["']?\]?\s*(?::=|=>|=|:)\s*(?P<q>["'`]?)"""
    r"""(?P<value>(?<=["'`])[^"'`]+|[^"'`\s,;#}()\[\]][^"'`\s,;}()\[\]]*)(?P=q)"""
)
# Dockerfile `ENV NAME value` / `ARG NAME=value` (the `=` form is covered by _ASSIGNMENT).
_DOCKER_ENV = LazyRegex(
    r"^\s*(?:ENV|ARG)\s+(?P<name>[A-Za-z_]\w*)\s+(?P<q>[\"']?)(?P<value>[^\s\"'=]+)(?P=q)\s*$"
)

_PLACEHOLDER = LazyRegex(
    r"(?i)example|sample|dummy|fake|demo|placeholder|change[_-]?me|changeit|replace[_-]?me|your[_-]|insert[_-]|"
    r"redacted|todo|fixme|xxxx|\*\*\*|\.\.\.|<[^>]*>|\$\{|\{\{|%\([^)]*\)s|^\$[A-Za-z_]\w*$|"
    r"^%[A-Z_]+%|^ENC\(|^vault:|arn:aws:secretsmanager|/secrets/|os\.environ|getenv|process\.env|"
    r"\benv\(|config\[|settings\.|^(?:password|passwd|secret|token|none|null|nil|true|false|empty|default|"
    r"string|str|bytes|required|optional|undefined|admin|root|guest|user|test|pass|changeit)\d*$|test(?:ing)?[_-]?(?:key|token|secret)"
)
# Obviously typed-out sequences (abcdef..., 123456..., qwerty) are demo values, not keys.
_SEQUENCES = ("0123456789", "123456789", "abcdefghij", "ABCDEFGHIJ", "qwertyuiop", "9876543210")
_FILE_OR_URL = LazyRegex(
    r"^(?:[~.]?/|[A-Za-z]:\\)|\.(?:pem|key|json|p12|pfx|crt|cer|txt|ya?ml|env|jks)$|^[a-z][a-z0-9+.-]*://|^urn:"
)
_NOT_LITERAL_VALUE = LazyRegex(r"^[A-Za-z_][\w.]*(\(|\[)|^[A-Za-z_]\w*\.[A-Za-z_]")
_ENV_NAME = LazyRegex(r"^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$")  # the *name* of a variable, e.g. DB_PASSWORD
# Interpolated variables (PHP/shell `$user`, `$opts[0]`, `{$a->b}`, `${x}`, Ruby `#{x}`): a value
# made of nothing else but separators (`"$value[0]:$value[1]"`) is built at run time.
_INTERPOLATION = LazyRegex(r"\$\{[^}]*\}|\{\$[^}]*\}|#\{[^}]*\}|\$[A-Za-z_]\w*(?:\[[^\]]*\]|->\w+)*")
_SEPARATORS_ONLY = LazyRegex(r"^[\s:@/;,.=|-]*$")
# Words rather than key material: `load-from-vault`, `same-origin`, `_user_access_token`,
# `{password}`, lower-case prose such as `new test key` or `with spaces`, and HTTP header names
# (`X-CSRF-Token`, `Access-Control-Allow-Credentials`: capitalised letter-only words joined by `-`).
_WORDS = LazyRegex(
    r"^[a-z]+(?:-[a-z]+)+$|^_*[a-z]+(?:[_ ][a-z0-9]+)+$|^\{\w*\}$|^[A-Z][A-Za-z]*(?:-[A-Z][A-Za-z]*)+$"
)
# One-way password hashes (modular crypt `$2b$12$...`, Django `pbkdf2_sha256$...`) are not usable
# as the password itself.
_PASSWORD_HASH = LazyRegex(
    r"^\$(?:2[abxy]?|argon2(?:id|i|d)|[156]|y|scrypt|pbkdf2[\w-]*)\$|"
    r"^(?:pbkdf2_sha(?:1|256)|argon2|bcrypt(?:_sha256)?|scrypt|sha1|md5|crypt)\$"
)
# An HTTP auth scheme in front of a credential: only what follows it is judged.
_AUTH_SCHEME = LazyRegex(r"^(?:Bearer|Basic|Token|Digest)\s+")
# Names of issued credentials (tokens, API keys): machine-generated, so never a few characters.
_ISSUED_NAME = LazyRegex(r"(?i)(token|key)$")
_MIN_ISSUED_LENGTH = 12
# Well-known demo credentials printed in database documentation (Oracle's scott/tiger).
_DEMO_CREDENTIALS = frozenset({("scott", "tiger")})
# `Driver=...;Uid=app;Pwd=...`: in a key=value connection string only the password field is secret.
_CONN_FIELDS = LazyRegex(r"^[^;=]+=[^;]*;")
_CONN_PASSWORD = LazyRegex(r"(?i)(?:^|;)\s*(?:pwd|password)\s*=\s*(?P<pw>[^;]*)")
# An unquoted camelCase name in config or prose refers to something; it is not a value.
_IDENTIFIER = LazyRegex(r"^[a-z]+(?:[A-Z][a-z]+)+$")


@record(frozen=True)
class SecretHit:
    """A secret found in text, with its redacted form."""

    line: int
    start_column: int  # 1-based, where the match (name or key) starts
    end_column: int
    kind: str
    redacted: str


@record(frozen=True)
class _Span:
    """Where a secret of `kind` is: its whole match and its value, by offsets."""

    kind: str
    match_start: int
    match_end: int
    value_start: int
    value_end: int


def redact(value: str) -> str:
    """A short prefix and the length: enough to find the secret, useless to an attacker."""
    keep = 4 if len(value) >= 16 else 1
    return f"{value[:keep]}…[redacted {len(value)} chars]"


def shannon_entropy(value: str) -> float:
    if not value:
        return 0.0
    counts = Counter(value)
    total = len(value)
    return -sum(n / total * math.log2(n / total) for n in counts.values())


def looks_like_placeholder(value: str) -> bool:
    """Documentation examples, template variables, masks and typed-out sequences."""
    if _PLACEHOLDER.search(value) or len(set(value)) <= 3:
        return True
    if any(seq in value for seq in _SEQUENCES):
        return True
    # A short unit typed out again and again (`1bcdefghij2bcdefghij...`): few distinct pairs.
    if len(value) >= 20 and len({value[i : i + 2] for i in range(len(value) - 1)}) < (len(value) - 1) / 2:
        return True
    # One character repeated for a third of the value: AKIAAAAAAAAAAAAAAAAA, sk_live_0000000000000000
    longest = max(len(m.group(0)) for m in re.finditer(r"(.)\1*", value))
    return longest >= max(6, len(value) // 3)


def _named_secret(name: str, value: str) -> bool:
    if not _SECRET_NAME.search(name) or _NOT_LITERAL_VALUE.search(value) or _FILE_OR_URL.search(value):
        return False
    value = _AUTH_SCHEME.sub("", value.strip())
    if _SEPARATORS_ONLY.match(_INTERPOLATION.sub("", value)):
        return False
    if _CONN_FIELDS.match(value):
        field = _CONN_PASSWORD.search(value)
        if field is None:
            return False
        value = field.group("pw").strip()
    if len(value) < 8 or looks_like_placeholder(value) or _ENV_NAME.match(value) or _WORDS.match(value):
        return False
    if _PASSWORD_HASH.match(value) or _IDENTIFIER.match(value):
        return False
    if len(value) < _MIN_ISSUED_LENGTH and _ISSUED_NAME.search(name):
        return False
    # A human-chosen password is low entropy but still a secret; require some mix of classes
    # (letters of any alphabet count by case: `françois` is one class).
    classes = (
        any(c.islower() for c in value)
        + any(c.isupper() for c in value)
        + any(c.isdigit() for c in value)
        + any(not c.isalnum() for c in value)
    )
    return classes >= 2 and shannon_entropy(value) >= 2.5


# Values that say nothing about a credential: a switch, a number, another variable's name.
_NOT_A_VALUE = LazyRegex(
    r"(?i:^(?:true|false|yes|no|on|off|null|none|~|\d+)$)|^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$"
)

# The documented default passwords of database and broker images, which CI jobs give the
# throwaway service containers they start (`POSTGRES_PASSWORD: postgres`, `PGPASSWORD: postgres`):
# known to everyone, so not a secret of the project.
_IMAGE_DEFAULTS = frozenset(
    {"postgres", "mysql", "mariadb", "redis", "mongo", "mongodb", "rabbitmq", "minioadmin", "elastic"}
)


def is_literal_credential(value: str) -> bool:
    """A literal given to a field that only ever holds a credential (a workflow's `password:`
    input): anything but a placeholder, a reference to a variable or file, or a switch. Unlike a
    name found in arbitrary text, the field says what the value is, so no length or entropy bar."""
    value = value.strip()
    if not value or value.startswith("$") or "${{" in value or _NOT_A_VALUE.match(value):
        return False
    if value.lower() in _IMAGE_DEFAULTS:
        return False
    return not (looks_like_placeholder(value) or _FILE_OR_URL.search(value) or _WORDS.match(value))


def _provider_spans(line: str, providers: tuple[Provider, ...] = PROVIDERS) -> list[_Span]:
    spans: list[_Span] = []
    for provider in providers:
        for m in provider.pattern.finditer(line):
            secret = m.group(provider.group)
            if looks_like_placeholder(secret) or looks_like_placeholder(m.group(0)):
                continue
            if provider.kind == "database URL with password" and (
                secret == m.group("user") or (m.group("user"), secret) in _DEMO_CREDENTIALS
            ):
                continue  # postgres://postgres:postgres@localhost: a local default, not a secret
            if provider.valid is not None and not provider.valid(secret):
                continue
            if any(s.match_start <= m.start() < s.match_end for s in spans):
                continue  # already reported by a more specific format
            value_start, value_end = m.span(provider.group)
            spans.append(_Span(provider.kind, m.start(), m.end(), value_start, value_end))
    return spans


def _assignment_spans(line: str, covered: list[_Span], quoted_only: bool) -> list[_Span]:
    spans: list[_Span] = []
    matches = list(_ASSIGNMENT.finditer(line))
    docker = _DOCKER_ENV.match(line)
    if docker:
        matches.append(docker)
    for m in matches:
        if any(s.value_start <= m.start("value") < s.value_end for s in covered):
            continue
        quoted = bool(m.group("q"))
        if quoted_only and not quoted:
            continue
        # `token = fetch_token(...)` / `key = keys[0]`: the value is an expression, not a literal.
        if not quoted and line[m.end("value") : m.end("value") + 1] in ("(", "["):
            continue
        if _named_secret(m.group("name"), m.group("value")):
            spans.append(_Span("hardcoded credential", m.start(), m.end(), m.start("value"), m.end("value")))
    return spans


def _private_key_spans(text: str) -> list[tuple[int, _Span]]:
    """(line number, span) for each private key header followed by real key material."""
    found: list[tuple[int, _Span]] = []
    for m in _PRIVATE_KEY_HEADER.finditer(text):
        body = _KEY_BODY.match(text, m.end())
        if body is None or looks_like_placeholder(body.group(0).strip("\\n\r\"' ,+")):
            continue
        line_no = text.count("\n", 0, m.start()) + 1
        line_start = text.rfind("\n", 0, m.start()) + 1
        start, end = m.start() - line_start, m.end() - line_start
        found.append((line_no, _Span(_PRIVATE_KEY_KIND, start, end, start, end)))
    return found


# Every name `_SECRET_NAME` accepts contains one of these words (same case folding), so a line
# without any of them cannot hold a named secret and skips the assignment checks.
_SECRET_NAME_WORDS = LazyRegex(r"(?i)pass|pwd|secret|key|token|credential|string")


def _possible_providers(lines: list[str], text: str) -> tuple[Provider, ...]:
    """The providers whose pattern matches somewhere in `text`: the only ones any line can match.

    Sound because a provider match within a line is also a match within the whole text: the
    patterns use no `^`/`$`, and their boundary checks (`\b`, look-arounds) treat a line break
    like the end of the text. A line longer than `_MAX_LINE` is cut before matching, which could
    create a boundary the whole text lacks, so such text keeps every provider.
    """
    if len(text) > _MAX_LINE and max(map(len, lines), default=0) > _MAX_LINE:
        return PROVIDERS
    return tuple(
        p for p in PROVIDERS if (not p.hints or any(h in text for h in p.hints)) and p.pattern.search(text)
    )


# Line breaks `str.splitlines` knows besides "\n"; text without them splits the same on "\n" alone.
_OTHER_LINE_BREAKS = LazyRegex("[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def _lines_naming_secrets(text: str, lines: list[str]) -> set[int]:
    """1-based numbers of the lines (as `splitlines` numbers them) holding a secret-like name word."""
    if _OTHER_LINE_BREAKS.search(text) is None:
        found: set[int] = set()
        line, counted = 1, 0
        for match in _SECRET_NAME_WORDS.finditer(text):
            line += text.count("\n", counted, match.start())
            counted = match.start()
            found.add(line)
        return found
    return {n for n, line in enumerate(lines, start=1) if _SECRET_NAME_WORDS.search(line[:_MAX_LINE])}


def find_secrets(text: str, *, provider_only: bool = False, quoted_only: bool = False) -> list[SecretHit]:
    """Secrets in `text`. `quoted_only`: in source code only quoted literals are values."""
    hits: list[SecretHit] = []
    for number, span in _private_key_spans(text):
        shown = redact("-----BEGIN PRIVATE KEY-----")
        hits.append(SecretHit(number, span.match_start + 1, span.match_end + 1, span.kind, shown))
    lines = text.splitlines()
    providers = _possible_providers(lines, text)
    named_lines = set() if provider_only else _lines_naming_secrets(text, lines)
    if not providers and not named_lines:
        return hits
    for number, line in enumerate(lines, start=1):
        named = number in named_lines
        if not named and not providers:
            continue
        line = line[:_MAX_LINE]
        spans = _provider_spans(line, providers) if providers else []
        if named:
            spans += _assignment_spans(line, spans, quoted_only)
        for s in spans:
            secret = line[s.value_start : s.value_end]
            hits.append(SecretHit(number, s.match_start + 1, s.match_end + 1, s.kind, redact(secret)))
    return sorted(hits, key=lambda h: (h.line, h.start_column))


@lru_cache(maxsize=4096)
def redact_secrets(text: str) -> str:
    """`text` with every secret value found in it replaced by its redacted form.

    Applied to anything vsguard shows (snippets, messages, traces), so a rule that quotes the code
    around a key never prints the key itself. Cached: a scan redacts the same rule messages and
    trace lines over and over.
    """
    if not text:
        return text
    lines = text.split("\n")
    providers = _possible_providers(lines, text)
    names = _SECRET_NAME_WORDS.search(text) is not None
    if not providers and not names and _PRIVATE_KEY_HEADER.search(text) is None:
        return text
    out_lines = []
    for line in lines:
        spans = _provider_spans(line[:_MAX_LINE], providers) if providers else []
        if names and _SECRET_NAME_WORDS.search(line[:_MAX_LINE]):
            spans += _assignment_spans(line[:_MAX_LINE], spans, quoted_only=False)
        for s in sorted(spans, key=lambda s: s.value_start, reverse=True):
            line = line[: s.value_start] + redact(line[s.value_start : s.value_end]) + line[s.value_end :]
        out_lines.append(_redact_key_material(line))
    return "\n".join(out_lines)


def _redact_key_material(line: str) -> str:
    """Blank long base64 runs that follow a private key header on the same line."""
    m = _PRIVATE_KEY_HEADER.search(line)
    if m is None:
        return line
    return line[: m.end()] + re.sub(r"[A-Za-z0-9+/=]{16,}", lambda b: redact(b.group(0)), line[m.end() :])


# For findings of credential rules: every literal the flagged code holds may be the credential,
# weak or short ones included (`password="root"`), so all of them are redacted, not only those the
# detector above would call a secret.
_QUOTED_LITERAL = LazyRegex(r"""(?P<q>["'`])(?P<value>[^"'`\n…]{1,500})(?P=q)""")
_NAMED_BARE_VALUE = LazyRegex(
    r"(?i)\b[\w.-]*(?:pass(?:word|wd)?|pwd|secret|token|api_?key|private_?key|access_?key|credentials?)"
    r"[\w.-]*(?:\s*[:=]\s*|\s+)(?P<value>[^\s\"'`$<>{}(),;=…][^\s\"'`,;)…]*+)(?!…)"
)


def redact_credential_literals(text: str) -> str:
    """`text` with every quoted literal and every bare value after a secret-like name redacted."""
    text = redact_secrets(text)
    text = _QUOTED_LITERAL.sub(lambda m: m.group("q") + redact(m.group("value")) + m.group("q"), text)
    return _NAMED_BARE_VALUE.sub(
        lambda m: m.group(0)[: m.start("value") - m.start()] + redact(m.group("value")), text
    )
