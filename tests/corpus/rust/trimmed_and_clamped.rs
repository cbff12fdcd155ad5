use actix_web::{http::header, HttpResponse};
use axum::extract::Query;
use axum::response::Redirect;
use serde::Deserialize;

#[derive(Deserialize)]
struct Back {
    next: String,
}

async fn back(Query(b): Query<Back>) -> Redirect {
    if b.next.is_empty() {
        // the leading slashes and backslashes are dropped behind one `/`: a path on this site
        return Redirect::to(&format!("/{}", b.next.trim_start_matches(['/', '\\', ' ', '\t', '\r', '\n']))); // ok: rust-open-redirect
    }
    // a backslash left in front is read as `//host` by browsers
    Redirect::to(&format!("/{}", b.next.trim_start_matches('/'))) // expect: rust-open-redirect
}

async fn header_back(Query(b): Query<Back>) -> HttpResponse {
    if b.next.len() > 200 {
        return HttpResponse::Found().append_header((header::LOCATION, format!("/{}", b.next.trim_start_matches(['/', '\\', ' ', '\t', '\r', '\n'])))).finish(); // ok: rust-open-redirect
    }
    HttpResponse::Found().append_header((header::LOCATION, b.next.trim_start_matches(['/', '\\']))).finish() // expect: rust-open-redirect
}

fn frames(data: &[u8], hdr_len: u32, other: &[u8]) {
    let _ = unsafe { std::slice::from_raw_parts(data.as_ptr(), (hdr_len as usize).min(data.len())) }; // ok: rust-from-raw-parts-length
    let _ = unsafe { std::slice::from_raw_parts(data.as_ptr(), (hdr_len as usize).max(data.len())) }; // expect: rust-from-raw-parts-length
    let _ = unsafe { std::slice::from_raw_parts(data.as_ptr(), (hdr_len as usize).min(other.len() * 2)) }; // expect: rust-from-raw-parts-length
}
