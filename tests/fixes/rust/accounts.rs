use rusqlite::Connection;
use sha2::{Digest, Sha256};

pub fn rename(conn: &Connection, id: i64, name: &str) -> rusqlite::Result<usize> {
    conn.execute(&format!("UPDATE accounts SET name = '{}' WHERE id = {}", name, id), [])
}

pub fn store_password(conn: &Connection, id: i64, password: &str) -> rusqlite::Result<usize> {
    let hashed = hex::encode(Sha256::digest(password.as_bytes()));
    conn.execute("UPDATE accounts SET password = ?1 WHERE id = ?2", (hashed, id))
}
