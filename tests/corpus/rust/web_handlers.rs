use actix_web::{http::header, web, HttpResponse};
use axum::extract::{Multipart, Path, Query};
use axum::response::{Html, Redirect};
use serde::Deserialize;
use std::path::Path as FsPath;
use tracing::info;

#[derive(Deserialize)]
struct Fetch {
    url: String,
    id: u32,
    next: String,
    name: String,
}

const BASE: &str = "/srv/files";

async fn fetch(Query(p): Query<Fetch>, client: reqwest::Client) {
    let _ = reqwest::get(&p.url).await; // expect: rust-ssrf-request-url
    let target = p.url.clone();
    let _ = client.get(&target).send().await; // expect: rust-ssrf-request-url
    let _ = client.post(format!("{}/hook", p.name)).send().await; // expect: rust-ssrf-request-url
    let _ = client.get(format!("https://api.example.com/items/{}", p.id)).send().await; // ok: rust-ssrf-request-url
    let _ = reqwest::get("https://status.example.com/health").await; // ok: rust-ssrf-request-url
    let cache = std::collections::HashMap::<String, String>::new();
    let _ = cache.get(&p.name); // ok: rust-ssrf-request-url
}

async fn login(q: web::Query<Fetch>) -> Redirect {
    if q.id == 0 {
        return Redirect::to(&q.next); // expect: rust-open-redirect
    }
    Redirect::to(&format!("/items/{}", q.id)) // ok: rust-open-redirect
}

async fn back(Query(p): Query<Fetch>) -> HttpResponse {
    let _ = Redirect::temporary(&p.url); // expect: rust-open-redirect
    let _ = Redirect::to("/login"); // ok: rust-open-redirect
    HttpResponse::Found().append_header((header::LOCATION, p.next.as_str())).finish() // expect: rust-open-redirect
}

async fn checked(Query(p): Query<Fetch>) -> Redirect {
    if !p.next.starts_with("/") || p.next.starts_with("//") {
        return Redirect::to("/");
    }
    Redirect::to(&p.next) // ok: rust-open-redirect
}

async fn download(Path(name): Path<String>, Query(p): Query<Fetch>) -> std::io::Result<Vec<u8>> {
    let _ = std::fs::read_to_string(format!("{}/{}", BASE, name)); // expect: rust-path-traversal
    let full = FsPath::new(BASE).join(&p.name);
    let _ = std::fs::File::open(&full); // expect: rust-path-traversal
    let _ = tokio::fs::read(FsPath::new(BASE).join(&name)).await; // expect: rust-path-traversal
    let only = FsPath::new(&name).file_name().unwrap_or_default().to_owned();
    let _ = std::fs::read(FsPath::new(BASE).join(only)); // ok: rust-path-traversal
    std::fs::read(FsPath::new(BASE).join("index.html")) // ok: rust-path-traversal
}

async fn contained(Path(name): Path<String>) -> std::io::Result<Vec<u8>> {
    let full = FsPath::new(BASE).join(&name).canonicalize()?;
    if !full.starts_with(BASE) {
        return Err(std::io::ErrorKind::PermissionDenied.into());
    }
    std::fs::read(&full) // ok: rust-path-traversal
}

async fn hello(Query(p): Query<Fetch>) -> Html<String> {
    info!("greeting {}", p.name); // expect: rust-log-injection
    info!(user = %p.name, "greeting"); // expect: rust-log-injection
    info!("greeting {:?}", p.name); // ok: rust-log-injection
    info!(user = ?p.name, "greeting"); // ok: rust-log-injection
    info!("greeting served"); // ok: rust-log-injection
    tracing::warn!("bad next {}", p.next); // expect: rust-log-injection
    if p.id == 1 {
        return Html(format!("<h1>Hello {}</h1>", html_escape::encode_text(&p.name))); // ok: rust-html-format-xss
    }
    if p.id == 2 {
        return Html(format!("<h1>Hello {}</h1>", "guest".to_string())); // ok: rust-html-format-xss
    }
    Html(format!("<h1>Hello {}</h1>", p.name)) // expect: rust-html-format-xss
}

async fn page(q: web::Query<Fetch>) -> HttpResponse {
    let body = format!("<p>{}</p>", q.next);
    if q.id == 3 {
        return HttpResponse::Ok().content_type("text/html").body(body); // expect: rust-html-format-xss
    }
    if q.id == 4 {
        return HttpResponse::Ok().content_type("text/plain").body(format!("{}", q.next)); // ok: rust-html-format-xss
    }
    HttpResponse::Ok().content_type("text/html; charset=utf-8").body(format!("<b>{}</b>", q.name)) // expect: rust-html-format-xss
}

async fn preview(Query(p): Query<Fetch>, tera: web::Data<tera::Tera>) -> String {
    let ctx = tera::Context::new();
    let _ = tera::Tera::one_off(&p.name, &ctx, true); // expect: rust-template-injection
    let mut hb = handlebars::Handlebars::new();
    let _ = hb.render_template(&p.next, &ctx); // expect: rust-template-injection
    let _ = hb.register_template_string("user", format!("<p>{}</p>", p.url)); // expect: rust-template-injection
    let _ = tera::Tera::one_off("<p>{{ name }}</p>", &ctx, true); // ok: rust-template-injection
    let _ = hb.render_template(include_str!("mail.hbs"), &ctx); // ok: rust-template-injection
    tera.render("page.html", &ctx).unwrap() // ok: rust-template-injection
}

async fn upload(mut multipart: Multipart) {
    while let Some(field) = multipart.next_field().await.unwrap() {
        let name = field.file_name().unwrap().to_string();
        let data = field.bytes().await.unwrap();
        let _ = std::fs::write(format!("uploads/{}", name), &data); // expect: rust-upload-filename-path
        let dest = FsPath::new("uploads").join(&name); // expect: rust-upload-filename-path
        let _ = tokio::fs::File::create(&dest).await;
        let clean = sanitize_filename::sanitize(&name);
        let _ = std::fs::write(FsPath::new("uploads").join(&clean), &data); // ok: rust-upload-filename-path
        let stored = FsPath::new("uploads").join(uuid::Uuid::new_v4().to_string()); // ok: rust-upload-filename-path
        let _ = std::fs::write(&stored, &data); // ok: rust-upload-filename-path
    }
}

async fn upload_actix(mut payload: actix_multipart::Multipart) {
    while let Some(Ok(field)) = futures::StreamExt::next(&mut payload).await {
        let cd = field.content_disposition();
        let _ = std::fs::File::create(format!("./tmp/{}", cd.get_filename().unwrap())); // expect: rust-upload-filename-path
    }
}
