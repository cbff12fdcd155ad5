use axum::extract::{Multipart, Path, Query};
use axum::response::{Html, Redirect};
use serde::Deserialize;
use std::path::Path as FsPath;
use tracing::{info, warn};

#[derive(Deserialize)]
struct Visit {
    next: String,
    name: String,
    page: u32,
}

const BASE: &str = "/srv/files";

async fn login(Query(v): Query<Visit>) -> Redirect {
    info!("login from {} on page {}", v.name, v.page);
    Redirect::to(&v.next)
}

async fn greet(Query(v): Query<Visit>) -> Html<String> {
    warn!(visitor = %v.name, "greeting");
    Html(format!("<h1>Hello {}</h1><p>page {}</p>", v.name, v.page))
}

async fn download(Path(file): Path<String>) -> std::io::Result<Vec<u8>> {
    let text = std::fs::read_to_string(format!("{}/docs/{}", BASE, file))?;
    let full = FsPath::new(BASE).join(&file);
    let raw = std::fs::read(&full)?;
    Ok([text.into_bytes(), raw].concat())
}

async fn upload(mut multipart: Multipart) {
    while let Some(field) = multipart.next_field().await.unwrap() {
        let name = field.file_name().unwrap().to_string();
        let data = field.bytes().await.unwrap();
        let _ = std::fs::write(format!("uploads/{}", name), &data);
    }
}
