"""Weak hashes imported where Python code puts optional or local imports: a top-level try, a
function's own statements; the same names bound elsewhere are other functions."""

try:
    from hashlib import md5 as fast_digest
except ImportError:  # pragma: no cover
    fast_digest = None

if True:
    import hashlib as hl


def legacy_token(data: bytes) -> str:
    return fast_digest(data).hexdigest()  # expect: py-weak-hash


def legacy_signature(data: bytes) -> str:
    return hl.sha1(data).hexdigest()  # expect: py-weak-hash


def local_import(data: bytes) -> str:
    from hashlib import sha1 as quick

    return quick(data).hexdigest()  # expect: py-weak-hash


def local_alias(data: bytes) -> str:
    import hashlib as hashes_mod

    return hashes_mod.md5(data).hexdigest()  # expect: py-weak-hash


def unrelated_quick(data: bytes) -> bytes:
    def quick(value: bytes) -> bytes:
        return value[::-1]

    return quick(data)  # ok: py-weak-hash


def md5(data: bytes) -> bytes:
    """A project function that happens to share the name; not hashlib's."""
    return data


def project_md5(data: bytes) -> bytes:
    return md5(data)  # ok: py-weak-hash
