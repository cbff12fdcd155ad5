use md5::Md5;
use openssl::hash::{hash, MessageDigest};
use sha1::{Digest, Sha1};

fn sign(data: &[u8], password: &str) {
    let _ = md5::compute(data); // expect: rust-weak-hash
    let mut h = Sha1::new(); // expect: rust-weak-hash
    h.update(data);
    let _ = hash(MessageDigest::md5(), data); // expect: rust-weak-hash
    let _ = Sha1::digest(data); // expect: rust-weak-hash
    let etag = md5::compute(data); // ok: rust-weak-hash
    let cache_key = Md5::digest(data); // ok: rust-weak-hash
    let _ = hash(MessageDigest::sha256(), data); // ok: rust-weak-hash
    let _ = md5::compute(password); // expect: rust-weak-password-hash
    println!("{:?}{:?}", etag, cache_key);
}
