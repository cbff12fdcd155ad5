import os

from Crypto.Cipher import AES, ARC4, DES
from Crypto.PublicKey import RSA
from cryptography.hazmat.primitives.asymmetric import dsa, ec, rsa
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM


def legacy_encrypt(key: bytes, data: bytes) -> bytes:
    des = DES.new(key, DES.MODE_CBC)  # expect: py-weak-cipher
    rc4 = ARC4.new(key)  # expect: py-weak-cipher
    ecb = AES.new(key, AES.MODE_ECB)  # expect: py-weak-cipher
    triple = Cipher(algorithms.TripleDES(key), modes.CBC(os.urandom(8)))  # expect: py-weak-cipher
    block = Cipher(algorithms.AES(key), modes.ECB())  # expect: py-weak-cipher
    gcm = AES.new(key, AES.MODE_GCM)  # ok: py-weak-cipher
    modern = Cipher(algorithms.AES(key), modes.GCM(os.urandom(12)))  # ok: py-weak-cipher
    aead = AESGCM(key).encrypt(os.urandom(12), data, None)  # ok: py-weak-cipher
    chacha = algorithms.ChaCha20(key, os.urandom(16))  # ok: py-weak-cipher
    return des, rc4, ecb, triple, block, gcm, modern, aead, chacha


def make_keys():
    k1 = rsa.generate_private_key(public_exponent=65537, key_size=1024)  # expect: py-weak-key-size
    k2 = RSA.generate(1024)  # expect: py-weak-key-size
    k3 = dsa.generate_private_key(key_size=512)  # expect: py-weak-key-size
    k4 = ec.generate_private_key(ec.SECP192R1())  # expect: py-weak-key-size
    k5 = rsa.generate_private_key(public_exponent=65537, key_size=3072)  # ok: py-weak-key-size
    k6 = RSA.generate(2048)  # ok: py-weak-key-size
    k7 = ec.generate_private_key(ec.SECP256R1())  # ok: py-weak-key-size
    k8 = dsa.generate_private_key(key_size=2048)  # ok: py-weak-key-size
    return k1, k2, k3, k4, k5, k6, k7, k8


# Precision: a helper named for its non-security purpose, and random draws used as decisions.
def md5_not_for_security(blob):
    import hashlib

    return hashlib.md5(blob)  # ok: py-weak-hash


def shuffle_columns(columns):
    import random

    with_key = random.randint(1, 4) == 1  # ok: py-insecure-random
    skip_key = random.random() < 0.25  # ok: py-insecure-random
    column_key = random.choice(columns)  # expect: py-insecure-random
    return with_key, skip_key, column_key
