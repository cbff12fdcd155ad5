import hashlib
import random
import secrets


def store_password(password: str) -> str:
    return hashlib.md5(password.encode()).hexdigest()  # expect: py-weak-password-hash


def store_pw_sha(user_pwd: bytes) -> str:
    return hashlib.sha256(user_pwd).hexdigest()  # expect: py-weak-password-hash


def legacy(passwd: bytes) -> str:
    return hashlib.new("sha1", passwd).hexdigest()  # expect: py-weak-password-hash


def file_digest(data: bytes) -> str:
    etag = hashlib.md5(data).hexdigest()  # ok: py-weak-hash, py-weak-password-hash
    checksum = hashlib.sha1(data).hexdigest()  # ok: py-weak-hash
    quick = hashlib.md5(data, usedforsecurity=False).hexdigest()  # ok: py-weak-hash
    strong = hashlib.sha256(data).hexdigest()  # ok: py-weak-hash, py-weak-password-hash
    return etag + checksum + quick + strong


def sign(message: bytes) -> str:
    signature = hashlib.md5(message).hexdigest()  # expect: py-weak-hash
    mac = hashlib.sha1(message).digest()  # expect: py-weak-hash
    digest = hashlib.new("md5", message)  # expect: py-weak-hash
    return signature + mac.hex() + digest.hexdigest()


def make_tokens():
    reset_token = random.randint(0, 10**9)  # expect: py-insecure-random
    api_key = "".join(random.choices("abcdef0123456789", k=32))  # expect: py-insecure-random
    session_id = random.getrandbits(128)  # expect: py-insecure-random
    return reset_token, api_key, session_id


def generate_password():
    return random.choice(["a", "b"])  # expect: py-insecure-random


def shuffle_deck(cards):
    order = random.sample(cards, len(cards))  # ok: py-insecure-random
    delay = random.uniform(0.1, 0.5)  # ok: py-insecure-random
    good_token = secrets.token_urlsafe(32)  # ok: py-insecure-random
    return order, delay, good_token


def good_password_storage(password: str) -> bytes:
    import bcrypt

    salt = bcrypt.gensalt()
    hashed = bcrypt.hashpw(password.encode(), salt)  # ok: py-weak-password-hash
    kdf = hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1)  # ok: py-weak-password-hash
    pbkdf = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 600_000)  # ok: py-weak-password-hash
    return hashed + kdf + pbkdf
