"""Billing API: session tokens are JWTs, webhook deliveries carry an HMAC of their body."""

import hashlib
import hmac

import jwt


def issue(user_id: str) -> str:
    return jwt.encode({"sub": user_id, "scope": "billing"}, "billing-2019-signing-key", algorithm="HS256")


def claims(token: str) -> dict:
    return jwt.decode(token, "billing-2019-signing-key", algorithms=["HS256"])


def webhook_signature(body: bytes) -> str:
    return hmac.new(b"webhook-shared-secret", body, hashlib.sha256).hexdigest()


def webhook_is_genuine(body: bytes, signature: str) -> bool:
    return hmac.compare_digest(webhook_signature(body), signature)
