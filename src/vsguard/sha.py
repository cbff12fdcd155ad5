"""SHA-256 from CPython's built-in module: `hashlib` loads OpenSSL first, a cost every command
that starts (a hook on every edit) would pay for one digest."""

from __future__ import annotations

try:  # 3.12+
    from _sha2 import sha256  # type: ignore[import-not-found,unused-ignore]
except ImportError:  # pragma: no cover (3.11 names it _sha256; another Python may have neither)
    try:
        from _sha256 import sha256  # type: ignore[import-not-found,unused-ignore,no-redef]
    except ImportError:
        from hashlib import sha256  # type: ignore[assignment,unused-ignore]


def sha256_hex(data: bytes) -> str:
    digest: str = sha256(data).hexdigest()
    return digest
