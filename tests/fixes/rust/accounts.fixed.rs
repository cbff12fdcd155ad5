use rusqlite::Connection;

pub fn rename(conn: &Connection, id: i64, name: &str) -> rusqlite::Result<usize> {
    conn.execute("UPDATE accounts SET name = ?1 WHERE id = ?2", rusqlite::params![name, id])
}

pub fn store_password(conn: &Connection, id: i64, password: &str) -> rusqlite::Result<usize> {
    let hashed = argon2::PasswordHasher::hash_password(
        &argon2::Argon2::default(),
        password.as_bytes(),
        &argon2::password_hash::SaltString::generate(&mut argon2::password_hash::rand_core::OsRng),
    )
    .expect("argon2 hashes with its default parameters")
    .to_string();
    conn.execute("UPDATE accounts SET password = ?1 WHERE id = ?2", (hashed, id))
}
