"""Billing API: session tokens are JWTs, webhook deliveries carry an HMAC of their body."""

import hashlib
import hmac

import jwt
import os


def issue(user_id: str) -> str:
    return jwt.encode({"sub": user_id, "scope": "billing"}, os.environ["JWT_SECRET"], algorithm="HS256")


def claims(token: str) -> dict:
    return jwt.decode(token, os.environ["JWT_SECRET"], algorithms=["HS256"])


def webhook_signature(body: bytes) -> str:
    return hmac.new(os.environ["HMAC_KEY"].encode(), body, hashlib.sha256).hexdigest()


def webhook_is_genuine(body: bytes, signature: str) -> bool:
    return hmac.compare_digest(webhook_signature(body), signature)
