use axum::extract::{Json, Query};
use ldap3::{ldap_escape, LdapConn, Scope};
use mongodb::bson::doc;
use rhai::Engine;
use serde::Deserialize;
use sxd_xpath::{evaluate_xpath, Factory};

const ACTIVE_ONLY: &str = "this.active == true";
const RULES: &str = "40 + 2";

fn mongo(name: &str, min_age: u32) {
    let _ = doc! { "$where": format!("this.name == '{}'", name) }; // expect: rust-mongo-where-injection
    let js = format!("this.age > {}", min_age);
    let _ = doc! { "$where": js, "deleted": false }; // expect: rust-mongo-where-injection
    let _ = doc! { "$where": name.to_string() }; // expect: rust-mongo-where-injection
    let _ = doc! { "$where": "this.total > 100" }; // ok: rust-mongo-where-injection
    let _ = doc! { "$where": ACTIVE_ONLY }; // ok: rust-mongo-where-injection
    let _ = doc! { "name": name, "age": { "$gt": min_age } }; // ok: rust-mongo-where-injection
}

fn scripts(src: String, engine: &Engine) {
    let _ = engine.eval::<i64>(&src); // expect: rust-script-eval
    let _ = engine.run(&format!("let x = {};", src)); // expect: rust-script-eval
    let _ = engine.compile(src.as_str()); // expect: rust-script-eval
    let _ = engine.eval::<i64>("40 + 2"); // ok: rust-script-eval
    let _ = engine.eval::<i64>(RULES); // ok: rust-script-eval
    let _ = engine.run(include_str!("rules.rhai")); // ok: rust-script-eval
}

fn directory(ldap: &mut LdapConn, user: &str) {
    let _ = ldap.search("dc=example,dc=org", Scope::Subtree, &format!("(uid={})", user), vec!["cn"]); // expect: rust-ldap-filter-injection
    let filter = format!("(&(objectClass=person)(mail={}))", user);
    let _ = ldap.search("dc=example,dc=org", Scope::Subtree, &filter, vec!["cn"]); // expect: rust-ldap-filter-injection
    let _ = ldap.search("dc=example,dc=org", Scope::Subtree, &format!("(cn={user})"), vec!["cn"]); // expect: rust-ldap-filter-injection
    let _ = ldap.search("dc=example,dc=org", Scope::Subtree, &format!("(uid={})", ldap_escape(user)), vec!["cn"]); // ok: rust-ldap-filter-injection
    let _ = ldap.search("dc=example,dc=org", Scope::Subtree, "(objectClass=group)", vec!["cn"]); // ok: rust-ldap-filter-injection
    let escaped = format!("(uid={})", ldap_escape(user));
    let _ = ldap.search("dc=example,dc=org", Scope::Subtree, &escaped, vec!["cn"]); // ok: rust-ldap-filter-injection
}

fn xml(doc: &sxd_document::dom::Document, sku: &str) {
    let _ = evaluate_xpath(doc, &format!("//product[@sku='{}']", sku)); // expect: rust-xpath-injection
    let expr = format!("//user[name='{}']", sku);
    let _ = evaluate_xpath(doc, &expr); // expect: rust-xpath-injection
    let factory = Factory::new();
    let _ = factory.build(&format!("//item[@id='{sku}']")); // expect: rust-xpath-injection
    let _ = evaluate_xpath(doc, "//product/@sku"); // ok: rust-xpath-injection
    let _ = factory.build("//item[@id=$id]"); // ok: rust-xpath-injection
    let _ = evaluate_xpath(doc, &format!("//item[position() < {}]", 10)); // ok: rust-xpath-injection
}

#[derive(Deserialize)]
struct Profile {
    name: String,
    is_admin: bool, // expect: rust-mass-assignment-privileged-field
    role: String, // expect: rust-mass-assignment-privileged-field
    #[serde(skip_deserializing)]
    owner_id: u64, // ok: rust-mass-assignment-privileged-field
}

#[derive(Deserialize)]
struct Signup {
    email: String,
    email_verified: bool, // expect: rust-mass-assignment-privileged-field
}

#[derive(Deserialize)]
struct Filter {
    role: String, // ok: rust-mass-assignment-privileged-field
}

#[derive(serde::Serialize)]
struct Account {
    is_admin: bool, // ok: rust-mass-assignment-privileged-field
}

async fn update(Json(p): Json<Profile>) {}
async fn signup(axum::extract::Form(s): axum::extract::Form<Signup>) {}
async fn list(Query(f): Query<Filter>) -> Json<Account> { todo!() }
