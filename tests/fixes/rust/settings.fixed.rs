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
    #[serde(skip_deserializing)]
    is_admin: bool,
}

async fn update_profile(Json(update): Json<ProfileUpdate>) -> String {
    format!("{} {}", update.display_name, update.is_admin)
}

fn signing_key() -> EncodingKey {
    EncodingKey::from_secret(std::env::var("JWT_SECRET").expect("JWT_SECRET must be set").as_bytes())
}

async fn pool() -> Result<sqlx::PgPool, sqlx::Error> {
    sqlx::PgPool::connect(std::env::var("DATABASE_URL").expect("DATABASE_URL must be set").as_str()).await
}

fn cors() -> CorsLayer {
    CorsLayer::permissive()
}

fn claims(tok: &str, key: &DecodingKey) -> jsonwebtoken::errors::Result<serde_json::Value> {
    let mut v = Validation::new(Algorithm::HS256);
    v.validate_exp = true;
    Ok(decode::<serde_json::Value>(tok, key, &v)?.claims)
}

fn scratch() -> std::io::Result<std::fs::File> {
    tempfile::tempfile_in("/tmp")
}

fn fingerprints(data: &[u8]) -> (Vec<u8>, String) {
    let mut h = sha2::Sha256::new();
    h.update(data);
    let digest = hash(MessageDigest::sha256(), data).unwrap();
    (digest.to_vec(), format!("{:x}", h.finalize()))
}

fn member(ldap: &mut LdapConn, user: &str) -> ldap3::result::Result<ldap3::SearchResult> {
    ldap.search("dc=example,dc=org", Scope::Subtree, &format!("(&(objectClass=person)(uid={}))", ldap3::ldap_escape(user)), vec!["cn"])
}

fn by_owner(owner: &str) -> Document {
    doc! { "owner": owner, "archived": false }
}

fn price(catalog: &sxd_document::dom::Document, sku: &str) -> String {
    evaluate_xpath(catalog, &format!("//product[@sku=concat('{}', '')]/price", sku.replace('\'', "', \"'\", '")))
        .map(|v| v.string())
        .unwrap_or_default()
}
