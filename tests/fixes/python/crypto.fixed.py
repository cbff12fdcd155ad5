import hashlib
from argon2 import PasswordHasher
import secrets


def store_password(password: str) -> str:
    return PasswordHasher().hash(password.encode("utf-8"))


def legacy_password(user_pwd: bytes) -> str:
    return PasswordHasher().hash(user_pwd)


def check_password(stored: str, password: str) -> bool:
    return stored == hashlib.md5(password.encode()).hexdigest()


def signature(message: bytes) -> str:
    return hashlib.sha256(message).hexdigest() + hashlib.new('sha256', message).hexdigest()


def reset_token() -> int:
    token = secrets.SystemRandom().randint(100000, 999999)
    return token


def make_api_key(alphabet: str) -> str:
    api_key = "".join(secrets.choice(alphabet) for _ in range(32))
    return api_key
