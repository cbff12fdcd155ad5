use axum::extract::Json;
use jsonwebtoken::{decode, Algorithm, DecodingKey, EncodingKey, Validation};
use ldap3::{LdapConn, Scope};
use mongodb::bson::{doc, Document};
use openssl::hash::{hash, MessageDigest};
use serde::Deserialize;
use sha1::{Digest, Sha1};
use sxd_xpath::evaluate_xpath;
use tower_http::cors::CorsLayer;

#[derive(Deserialize)]
struct ProfileUpdate {
    display_name: String,
    is_admin: bool,
}

async fn update_profile(Json(update): Json<ProfileUpdate>) -> String {
    format!("{} {}", update.display_name, update.is_admin)
}

fn signing_key() -> EncodingKey {
    EncodingKey::from_secret(b"super-secret-signing-key")
}

async fn pool() -> Result<sqlx::PgPool, sqlx::Error> {
    sqlx::PgPool::connect("postgres://app:Sup3rS3cret@db:5432/app").await
}

fn cors() -> CorsLayer {
    CorsLayer::very_permissive()
}

fn claims(tok: &str, key: &DecodingKey) -> jsonwebtoken::errors::Result<serde_json::Value> {
    let mut v = Validation::new(Algorithm::HS256);
    v.insecure_disable_signature_validation();
    v.validate_exp = false;
    Ok(decode::<serde_json::Value>(tok, key, &v)?.claims)
}

fn scratch() -> std::io::Result<std::fs::File> {
    std::fs::File::create("/tmp/export.csv")
}

fn fingerprints(data: &[u8]) -> (Vec<u8>, String) {
    let mut h = Sha1::new();
    h.update(data);
    let digest = hash(MessageDigest::md5(), data).unwrap();
    (digest.to_vec(), format!("{:x}", h.finalize()))
}

fn member(ldap: &mut LdapConn, user: &str) -> ldap3::result::Result<ldap3::SearchResult> {
    ldap.search("dc=example,dc=org", Scope::Subtree, &format!("(&(objectClass=person)(uid={}))", user), vec!["cn"])
}

fn by_owner(owner: &str) -> Document {
    doc! { "$where": format!("this.owner == '{}'", owner), "archived": false }
}

fn price(catalog: &sxd_document::dom::Document, sku: &str) -> String {
    evaluate_xpath(catalog, &format!("//product[@sku='{}']/price", sku))
        .map(|v| v.string())
        .unwrap_or_default()
}
