use sha2::{Digest, Sha256};

// The digest is fed in steps, so there is no single call to swap for argon2: guidance only.
pub fn password_digest(salt: &[u8], password: &str) -> Vec<u8> {
    let mut hasher = Sha256::new();
    hasher.update(salt);
    hasher.update(password.as_bytes());
    hasher.finalize().to_vec()
}
