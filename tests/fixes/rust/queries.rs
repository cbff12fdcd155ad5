use std::process::{Command, Output};

use sqlx::PgPool;

pub struct User {
    pub id: i64,
    pub name: String,
}

pub async fn find_user(pool: &PgPool, name: &str, id: i64) -> sqlx::Result<Vec<User>> {
    sqlx::query_as(&format!("SELECT id, name FROM users WHERE name = '{}' AND id = {id}", name))
        .fetch_all(pool)
        .await
}

pub fn search(pool: &PgPool, term: &str) -> sqlx::Result<Vec<User>> {
    let rows = sqlx::query_as(&format!("SELECT id, name FROM users WHERE name LIKE '%{}%'", term));
    futures::executor::block_on(rows.fetch_all(pool))
}

pub fn list(dir: &str) -> std::io::Result<Output> {
    Command::new("sh").arg("-c").arg(format!("ls -l --color=never {}", dir)).output()
}

pub fn archive(name: &str, dir: &str) -> std::io::Result<Output> {
    Command::new("sh")
        .arg("-c")
        .arg(format!("tar -czf '{name}.tar.gz' {}", dir))
        .output()
}

pub fn head(path: &str, lines: usize) -> std::io::Result<Output> {
    Command::new("sh").arg("-c").arg(format!("head -n {} {}", lines, path)).output()
}
