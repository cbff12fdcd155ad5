"""Two token kinds signed with different literal keys, and a raw-bytes HMAC key: no single
environment variable can stand in for either, so the fixer only gives guidance here."""

import hashlib
import hmac

import jwt


def access_token(user_id: str) -> str:
    return jwt.encode({"sub": user_id}, "access-tokens-key-v3", algorithm="HS256")


def refresh_token(user_id: str) -> str:
    return jwt.encode({"sub": user_id, "kind": "refresh"}, "refresh-tokens-key-v1", algorithm="HS256")


def device_mac(payload: bytes) -> bytes:
    return hmac.new(b"\x9a\x07\xfe\x11\xc3\x88\x02\xd4", payload, hashlib.sha256).digest()
