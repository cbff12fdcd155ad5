use md5;
use rand::{rngs::SmallRng, SeedableRng, Rng};
use sha2::{Digest, Sha256};

fn clients() -> reqwest::Result<()> {
    let c = reqwest::Client::builder().danger_accept_invalid_certs(true).build()?; // expect: rust-tls-verify-disabled
    let d = reqwest::Client::builder().danger_accept_invalid_hostnames(true).build()?; // expect: rust-tls-verify-disabled
    builder.set_verify(SslVerifyMode::NONE); // expect: rust-tls-verify-disabled
    let ok = reqwest::Client::builder().danger_accept_invalid_certs(false).build()?; // ok: rust-tls-verify-disabled
    builder.set_verify(SslVerifyMode::PEER); // ok: rust-tls-verify-disabled
    let fine = reqwest::Client::builder().https_only(true).build()?; // ok: rust-tls-verify-disabled
    Ok(())
}

fn store(password: &str, body: &[u8]) -> String {
    let a = md5::compute(password); // expect: rust-weak-password-hash
    let b = Sha256::digest(password.as_bytes()); // expect: rust-weak-password-hash
    let mut h = Sha256::new();
    h.update(user_password.as_bytes()); // expect: rust-weak-password-hash
    let etag = md5::compute(body); // ok: rust-weak-password-hash
    let sum = Sha256::digest(body); // ok: rust-weak-password-hash
    let good = argon2::Argon2::default().hash_password(password.as_bytes(), &salt); // ok: rust-weak-password-hash
    format!("{:x}{:x}{:?}{:x}{:x}{:?}", a, b, h.finalize(), etag, sum, good)
}

fn tokens() {
    let session_token: u64 = SmallRng::from_entropy().gen(); // expect: rust-insecure-random
    let api_key = fastrand::u64(..); // expect: rust-insecure-random
    let nonce = StdRng::seed_from_u64(42).gen::<u128>(); // expect: rust-insecure-random
    let secure_token: u64 = rand::rngs::OsRng.gen(); // ok: rust-insecure-random
    let jitter = fastrand::u64(0..100); // ok: rust-insecure-random
    let mut sim = StdRng::seed_from_u64(7); // ok: rust-insecure-random
    let csrf_token = StdRng::from_entropy().gen::<u128>(); // ok: rust-insecure-random
}

fn cookies() {
    let c = Cookie::build("session", id).secure(false).finish(); // expect: rust-cookie-insecure
    let d = Cookie::build("session", id).http_only(false).finish(); // expect: rust-cookie-insecure
    cookie.set_secure(Some(false)); // expect: rust-cookie-insecure
    let e = Cookie::build("session", id).secure(true).http_only(true).finish(); // ok: rust-cookie-insecure
    let conn = TcpStream::connect(addr).secure(false_positive_name); // ok: rust-cookie-insecure
    cookie.set_secure(true); // ok: rust-cookie-insecure
}
