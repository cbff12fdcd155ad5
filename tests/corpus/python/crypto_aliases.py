"""Weak hashes and ciphers however they are imported: aliases, names, fully qualified."""

import hashlib
import hashlib as h
from hashlib import md5 as digest, sha256
from hashlib import sha1
from hashlib import sha384, sha1 as legacy_sha

import Crypto.Cipher.DES
import Crypto.Hash.SHA1
from Crypto.Cipher import AES
from Crypto.Cipher import DES as des_cipher
from Crypto.Hash import MD5, SHA256
from Cryptodome.Cipher import ARC4 as rc
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import hashes as hz
from cryptography.hazmat.primitives.ciphers import Cipher, modes
from cryptography.hazmat.primitives.ciphers import algorithms as alg
from cryptography.hazmat.primitives.ciphers.algorithms import AES as PlainAES
from cryptography.hazmat.primitives.ciphers.algorithms import TripleDES as T3
from cryptography.hazmat.primitives.ciphers.modes import ECB as E, GCM
from cryptography.hazmat.primitives.hashes import SHA1 as S1


def signatures(data: bytes) -> list[object]:
    a = h.md5(data)  # expect: py-weak-hash
    b = h.new("md5", data)  # expect: py-weak-hash
    c = digest(data)  # expect: py-weak-hash
    d = sha1(data)  # expect: py-weak-hash
    e = hashes.Hash(hashes.MD5())  # expect: py-weak-hash
    g = hz.SHA1()  # expect: py-weak-hash
    i = S1()  # expect: py-weak-hash
    j = MD5.new(data)  # expect: py-weak-hash
    k = Crypto.Hash.SHA1.new(data)  # expect: py-weak-hash
    m = legacy_sha(data)  # expect: py-weak-hash
    n = sha384(data)  # ok: py-weak-hash
    return [a, b, c, d, e, g, i, j, k, m, n]


def strong_or_declared(data: bytes) -> list[object]:
    a = hashlib.md5(data, usedforsecurity=False)  # ok: py-weak-hash
    b = h.sha1(data, usedforsecurity=False)  # ok: py-weak-hash
    c = sha256(data)  # ok: py-weak-hash
    d = hashes.SHA256()  # ok: py-weak-hash
    e = SHA256.new(data)  # ok: py-weak-hash
    f = h.new("sha256", data)  # ok: py-weak-hash
    g = h.blake2b(data)  # ok: py-weak-hash
    return [a, b, c, d, e, f, g]


def ciphers(key: bytes, iv: bytes) -> list[object]:
    a = des_cipher.new(key, des_cipher.MODE_CBC)  # expect: py-weak-cipher
    b = rc.new(key)  # expect: py-weak-cipher
    c = Cipher(alg.Blowfish(key), modes.CBC(iv))  # expect: py-weak-cipher
    d = T3(key)  # expect: py-weak-cipher
    e = Cipher(PlainAES(key), E())  # expect: py-weak-cipher
    g = Crypto.Cipher.DES.new(key, 2)  # expect: py-weak-cipher
    i = AES.new(key, mode=AES.MODE_ECB)  # expect: py-weak-cipher
    return [a, b, c, d, e, g, i]


def good_ciphers(key: bytes, iv: bytes) -> list[object]:
    a = AES.new(key, AES.MODE_GCM)  # ok: py-weak-cipher
    b = Cipher(PlainAES(key), GCM(iv))  # ok: py-weak-cipher
    c = alg.AES(key)  # ok: py-weak-cipher
    d = Cipher(alg.ChaCha20(key, iv), None)  # ok: py-weak-cipher
    return [a, b, c, d]
