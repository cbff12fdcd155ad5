use std::process::{Command, Output};

use sqlx::PgPool;

pub struct User {
    pub id: i64,
    pub name: String,
}

pub async fn find_user(pool: &PgPool, name: &str, id: i64) -> sqlx::Result<Vec<User>> {
    sqlx::query_as("SELECT id, name FROM users WHERE name = $1 AND id = $2")
        .bind(name)
        .bind(id)
        .fetch_all(pool)
        .await
}

pub fn search(pool: &PgPool, term: &str) -> sqlx::Result<Vec<User>> {
    let rows = sqlx::query_as("SELECT id, name FROM users WHERE name LIKE $1").bind(format!("%{}%", term));
    futures::executor::block_on(rows.fetch_all(pool))
}

pub fn list(dir: &str) -> std::io::Result<Output> {
    Command::new("ls").arg("-l").arg("--color=never").arg(&dir).output()
}

pub fn archive(name: &str, dir: &str) -> std::io::Result<Output> {
    Command::new("tar")
        .arg("-czf")
        .arg(format!("{}.tar.gz", name))
        .arg(&dir)
        .output()
}

pub fn head(path: &str, lines: usize) -> std::io::Result<Output> {
    Command::new("head").arg("-n").arg(lines.to_string()).arg(&path).output()
}
