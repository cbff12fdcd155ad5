import hashlib
import random


def store_password(password: str) -> str:
    return hashlib.sha256(password.encode("utf-8")).hexdigest()


def legacy_password(user_pwd: bytes) -> str:
    return hashlib.new("md5", user_pwd).hexdigest()


def check_password(stored: str, password: str) -> bool:
    return stored == hashlib.md5(password.encode()).hexdigest()


def signature(message: bytes) -> str:
    return hashlib.md5(message).hexdigest() + hashlib.new('sha1', message).hexdigest()


def reset_token() -> int:
    token = random.randint(100000, 999999)
    return token


def make_api_key(alphabet: str) -> str:
    api_key = "".join(random.choice(alphabet) for _ in range(32))
    return api_key
