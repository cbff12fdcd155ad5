"""Password hashes a rewrite introduces must use the cost parameters ASVS 5.0.0 V11.4.2 names."""

from __future__ import annotations

from pathlib import Path

import pytest

from vsguard.fixes import suggest_fix
from vsguard.fixes.edits import Edit
from vsguard.fixes.hash_costs import number, options
from vsguard.fixes.strength import password_hash_problems
from vsguard.fixes.verify import check
from vsguard.models import FixStatus

# (language, parameters at or above the guidance, the same call made weaker)
PAIRS = [
    ("python", "PasswordHasher().hash(pw)", "PasswordHasher(time_cost=1, memory_cost=8192).hash(pw)"),
    ("python", "PasswordHasher(2, 19456).hash(pw)", "PasswordHasher(type=Type.I).hash(pw)"),
    ("python", "bcrypt.hashpw(pw, bcrypt.gensalt())", "bcrypt.hashpw(pw, bcrypt.gensalt(rounds=8))"),
    (
        "python",
        'hashlib.pbkdf2_hmac("sha256", pw, salt, 600_000)',
        'hashlib.pbkdf2_hmac("sha256", pw, salt, 10**5)',
    ),
    (
        "python",
        'hashlib.pbkdf2_hmac("sha512", pw, salt, 210000)',
        'hashlib.pbkdf2_hmac("md5", pw, salt, 10**7)',
    ),
    (
        "python",
        "hashlib.scrypt(pw, salt=s, n=2**17, r=8, p=1)",
        "hashlib.scrypt(pw, salt=s, n=2**14, r=8, p=1)",
    ),
    (
        "python",
        "hashlib.scrypt(pw, salt=s, n=1 << 16, r=8, p=2)",
        "hashlib.scrypt(pw, salt=s, n=1 << 17, r=1, p=1)",
    ),
    (
        "python",
        "low_level.hash_secret(pw, s, time_cost=2, memory_cost=19456, parallelism=1, type=Type.ID)",
        "low_level.hash_secret(pw, s, time_cost=2, memory_cost=19456, parallelism=1)",
    ),
    ("javascript", "bcrypt.hashSync(req.body.password, 12)", "bcrypt.hashSync(req.body.password, 8)"),
    ("javascript", "bcrypt.hashSync(pw, bcrypt.genSaltSync())", "bcrypt.hashSync(pw, bcrypt.genSaltSync(6))"),
    ("javascript", "await argon2.hash(pw)", "await argon2.hash(pw, { type: argon2.argon2i })"),
    (
        "typescript",
        "await argon2.hash(pw, { memoryCost: 19456, timeCost: 2 })",
        "await argon2.hash(pw, { memoryCost: 4096 })",
    ),
    (
        "javascript",
        "crypto.scryptSync(pw, salt, 64, { N: 2 ** 17, r: 8, p: 1, maxmem: 256 * 1024 * 1024 })",
        "crypto.scryptSync(pw, salt, 64)",
    ),
    (
        "javascript",
        "crypto.pbkdf2Sync(pw, salt, 600000, 32, 'sha256')",
        "crypto.pbkdf2Sync(pw, salt, 10000, 32, 'sha512')",
    ),
    ("php", "password_hash($pw, PASSWORD_DEFAULT)", "password_hash($pw, PASSWORD_BCRYPT, ['cost' => 8])"),
    (
        "php",
        "password_hash($pw, PASSWORD_ARGON2ID)",
        "password_hash($pw, PASSWORD_ARGON2ID, ['memory_cost' => 1024, 'time_cost' => 2])",
    ),
    ("ruby", "BCrypt::Password.create(password)", "BCrypt::Password.create(password, cost: 4)"),
    (
        "go",
        "bcrypt.GenerateFromPassword([]byte(pw), bcrypt.DefaultCost)",
        "bcrypt.GenerateFromPassword([]byte(pw), bcrypt.MinCost)",
    ),
    ("go", "argon2.IDKey(pw, salt, 1, 64*1024, 4, 32)", "argon2.IDKey(pw, salt, 1, 8*1024, 4, 32)"),
    ("go", "argon2.IDKey(pw, salt, 2, 19*1024, 1, 32)", "argon2.Key(pw, salt, 3, 64*1024, 4, 32)"),
    (
        "rust",
        "argon2::PasswordHasher::hash_password(&argon2::Argon2::default(), pw, &salt)",
        "Argon2::new(Algorithm::Argon2i, Version::V0x13, Params::default())",
    ),
    (
        "rust",
        "Argon2::new(Algorithm::Argon2id, Version::V0x13, Params::new(19456, 2, 1, None).unwrap())",
        "Argon2::new(Algorithm::Argon2id, Version::V0x13, Params::new(4096, 2, 1, None).unwrap())",
    ),
    (
        "rust",
        "pbkdf2_hmac::<Sha256>(pw, salt, 600_000, &mut key)",
        "pbkdf2_hmac::<Sha256>(pw, salt, 1000, &mut key)",
    ),
    ("java", "new BCryptPasswordEncoder(12)", "new BCryptPasswordEncoder(4)"),
    ("kotlin", "Argon2PasswordEncoder(16, 32, 1, 19456, 2)", "Argon2PasswordEncoder()"),
    (
        "csharp",
        "Rfc2898DeriveBytes.Pbkdf2(pw, salt, 600000, HashAlgorithmName.SHA256, 32)",
        "new Rfc2898DeriveBytes(pw, salt, 10000)",
    ),
    ("csharp", "BCrypt.Net.BCrypt.HashPassword(pw)", "BCrypt.Net.BCrypt.HashPassword(pw, workFactor: 8)"),
]


@pytest.mark.parametrize(("language", "strong", "weak"), PAIRS, ids=lambda v: str(v)[:40])
def test_password_hash_parameters(language: str, strong: str, weak: str) -> None:
    assert password_hash_problems(strong, language) == []
    assert len(password_hash_problems(weak, language)) == 1


def test_unreadable_parameters_are_not_proven() -> None:
    (problem,) = password_hash_problems("bcrypt.hashSync(pw, rounds)", "javascript")
    assert "could not be read" in problem


def test_constants_and_option_objects_are_read_without_running_anything() -> None:
    assert number("600_000") == 600000 and number("2**17") == number("1 << 17") == 131072
    assert number("19 * 1024") == 19456 and number("bcrypt.DefaultCost") == 10 and number("19456u32") == 19456
    assert number("cost") is None and number("__import__('os')") is None
    assert options("{ N: 2 ** 17, r: 8 }") == {"N": "2 ** 17", "r": "8"}
    assert options("['cost' => 12]") == {"cost": "12"}
    assert options("opts") is None


PASSWORD_JS = (
    'const crypto = require("crypto");\nconst h = crypto.createHash("sha1").update(pw).digest("hex");\n'
)


def test_a_rewrite_with_a_weak_cost_is_refused_by_the_verifier() -> None:
    start = PASSWORD_JS.index("crypto.createHash")
    end = PASSWORD_JS.index(";\n", start)
    header = 'const bcrypt = require("bcrypt");\n'
    for cost, ok in (("12", True), ("8", False)):
        edits = [Edit(start, end, f"bcrypt.hashSync(pw, {cost})"), Edit(0, 0, header)]
        outcome = check(PASSWORD_JS, "javascript", edits, [], [])
        assert outcome.ok is ok, outcome.semantic
        assert ok or any("bcrypt cost 8 is below 10" in s for s in outcome.semantic)
    code = "import hashlib\n\ndef store(pw):\n    return hashlib.md5(pw.encode()).hexdigest()\n"
    start = code.index("hashlib.md5")
    end = len(code) - 1
    weak = "PasswordHasher(time_cost=1, memory_cost=8192).hash(pw.encode())"
    edits = [Edit(start, end, weak), Edit(0, len("import hashlib"), "from argon2 import PasswordHasher")]
    outcome = check(code, "python", edits, [], [])
    assert not outcome.ok and any("m=8192 KiB, t=1" in s for s in outcome.semantic)


CASES = Path(__file__).parent / "fixes"
HASHING_CASES = {
    "python/crypto.py": ("python", "PasswordHasher().hash("),
    "javascript/crypto.js": ("javascript", "bcrypt.hashSync("),
    "php/app.php": ("php", "password_hash("),
    "ruby/app.rb": ("ruby", "BCrypt::Password.create("),
    "rust/accounts.rs": ("rust", "argon2::Argon2::default()"),
}


@pytest.mark.parametrize("case", sorted(HASHING_CASES))
def test_the_password_hash_fixes_meet_the_guidance(case: str) -> None:
    language, introduced = HASHING_CASES[case]
    path = CASES / case
    result = suggest_fix(path.read_text(encoding="utf-8"), filename=path.name, accept_review=True)
    assert result.fixed_code is not None and introduced in result.fixed_code
    hashed = [f for f in result.fixes if "password" in f.rule_id]
    assert any(f.status in (FixStatus.VERIFIED, FixStatus.NEEDS_REVIEW) for f in hashed)
    assert password_hash_problems(result.fixed_code, language) == []


# --- random tokens in JavaScript: 128 bits, or the rewrite says how many it keeps

TOKEN_JS = (
    "function newToken() {\n"
    "  const resetToken = Math.random().toString(36).slice(2);\n"
    "  return resetToken;\n}\n"
)


def test_a_javascript_token_becomes_128_bits() -> None:
    result = suggest_fix(TOKEN_JS, language="javascript")
    (fix,) = result.fixes
    assert fix.status is FixStatus.VERIFIED
    assert result.fixed_code is not None
    assert "const resetToken = Array.from(crypto.getRandomValues(new Uint8Array(16))," in result.fixed_code
    assert ".toString(36)" not in result.fixed_code and "Math.random" not in result.fixed_code


def test_a_javascript_random_number_keeps_its_range_but_needs_review() -> None:
    code = "const otp = Math.floor(Math.random() * 1000000);\n"
    (fix,) = suggest_fix(code, language="javascript").fixes
    assert fix.status is FixStatus.NEEDS_REVIEW and fix.todo is not None and "32 random bits" in fix.todo


def test_weak_javascript_tokens_are_refused_by_the_verifier() -> None:
    start = TOKEN_JS.index("Math.random()")
    end = TOKEN_JS.index(";", start)
    for text, ok in (
        ('require("crypto").randomBytes(16).toString("hex")', True),
        ('require("crypto").randomBytes(8).toString("hex")', False),
        ('Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16)).join("")', True),
        ('Array.from(crypto.getRandomValues(new Uint32Array(2)), (b) => b.toString(16)).join("")', False),
    ):
        outcome = check(TOKEN_JS, "javascript", [Edit(start, end, text)], [], [])
        assert outcome.ok is ok, (text, outcome.semantic)
        assert ok or any("fewer than 128" in s for s in outcome.semantic)
