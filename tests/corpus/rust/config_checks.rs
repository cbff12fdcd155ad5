use actix_cors::Cors;
use jsonwebtoken::{decode, Algorithm, DecodingKey, EncodingKey, Validation};
use openssl::symm::Cipher;
use tower_http::cors::{AllowOrigin, Any, CorsLayer};

fn keys() {
    let _ = EncodingKey::from_secret(b"super-secret-signing-key"); // expect: rust-hardcoded-credential
    let _ = DecodingKey::from_secret("another-literal-key".as_ref()); // expect: rust-hardcoded-credential
    let secret = std::env::var("JWT_SECRET").expect("JWT_SECRET");
    let _ = EncodingKey::from_secret(secret.as_bytes()); // ok: rust-hardcoded-credential
    let _ = EncodingKey::from_secret(b"secret"); // ok: rust-hardcoded-credential
}

async fn pools() {
    let _ = sqlx::PgPool::connect("postgres://app:Sup3rS3cret@db:5432/app").await; // expect: hardcoded-secret
    let _ = sqlx::PgPool::connect(&std::env::var("DATABASE_URL").unwrap()).await; // ok: rust-hardcoded-credential
    let _ = sqlx::PgPool::connect("postgres://app:${DB_PASSWORD}@db/app").await; // ok: rust-hardcoded-credential
    let _ = tokio_postgres::connect("host=db user=app password=hunter22", tokio_postgres::NoTls).await; // expect: rust-hardcoded-credential
}

fn cors() {
    let _ = CorsLayer::very_permissive(); // expect: rust-cors-any-origin-credentials
    let _ = Cors::permissive(); // expect: rust-cors-any-origin-credentials
    let _ = Cors::default().allow_any_origin().supports_credentials(); // expect: rust-cors-any-origin-credentials
    let _ = CorsLayer::new().allow_origin(AllowOrigin::mirror_request()).allow_credentials(true); // expect: rust-cors-any-origin-credentials
    let _ = Cors::default().allowed_origin("https://app.example.com").supports_credentials(); // ok: rust-cors-any-origin-credentials
    let _ = CorsLayer::new().allow_origin(Any); // ok: rust-cors-any-origin-credentials
    let _ = CorsLayer::new().allow_origin(AllowOrigin::mirror_request()).allow_credentials(false); // ok: rust-cors-any-origin-credentials
}

fn tokens(tok: &str, key: &DecodingKey) {
    let mut v = Validation::new(Algorithm::HS256);
    v.insecure_disable_signature_validation(); // expect: rust-jwt-validation-disabled
    v.validate_exp = false; // expect: rust-jwt-validation-disabled
    let _ = Validation { validate_exp: false, ..Validation::default() }; // expect: rust-jwt-validation-disabled
    let mut strict = Validation::new(Algorithm::RS256);
    strict.validate_nbf = true; // ok: rust-jwt-validation-disabled
    strict.validate_exp = true; // ok: rust-jwt-validation-disabled
    let _ = decode::<serde_json::Value>(tok, key, &strict); // ok: rust-jwt-validation-disabled
}

fn scratch(user: &str) -> std::io::Result<()> {
    std::fs::write("/tmp/report.csv", b"x")?; // expect: rust-predictable-temp-file
    let _ = std::fs::File::create("/tmp/app.lock")?; // expect: rust-predictable-temp-file
    let _ = std::env::temp_dir().join("session-cache.json"); // expect: rust-predictable-temp-file
    let _ = tempfile::NamedTempFile::new()?; // ok: rust-predictable-temp-file
    let dir = tempfile::tempdir()?;
    std::fs::write(dir.path().join("out.json"), b"{}")?; // ok: rust-predictable-temp-file
    std::fs::write("/tmpl/cache.txt", user)?; // ok: rust-predictable-temp-file
    Ok(())
}

fn ciphers(key: &[u8]) {
    let _ = des::TdesEde3::new_from_slice(key); // expect: rust-weak-cipher
    let _ = Cipher::des_ede3_cbc(); // expect: rust-weak-cipher
    let _ = Cipher::aes_128_ecb(); // expect: rust-weak-cipher
    let _ = Cipher::aes_256_gcm(); // ok: rust-weak-cipher
    let _ = aes_gcm::Aes256Gcm::new_from_slice(key); // ok: rust-weak-cipher
    let _ = Cipher::aes_256_cbc(); // ok: rust-weak-cipher
}
