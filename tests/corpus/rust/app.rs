use std::process::Command;

const USERS_TABLE: &str = "users";

async fn find_user(pool: &PgPool, conn: &rusqlite::Connection, id: &str, name: String) -> Result<()> {
    let rows = sqlx::query(&format!("SELECT * FROM users WHERE id = {}", id)) // expect: rust-sql-format
        .fetch_all(pool)
        .await?;
    conn.execute(&format!("DELETE FROM sessions WHERE user = '{name}'"), [])?; // expect: rust-sql-format
    let sql = format!("UPDATE users SET name = '{}' WHERE id = 1", name);
    conn.execute(&sql, [])?; // expect: rust-sql-format
    client.query(format!("SELECT * FROM t WHERE n = '{}'", name).as_str(), &[]).await?; // expect: rust-sql-format
    let ok = sqlx::query("SELECT * FROM users WHERE id = $1").bind(id).fetch_all(pool).await?; // ok: rust-sql-format
    conn.execute("DELETE FROM sessions WHERE user = ?1", params![name])?; // ok: rust-sql-format
    let count = sqlx::query(&format!("SELECT count(*) FROM {}", USERS_TABLE)).fetch_one(pool).await?; // ok: rust-sql-format
    let label = format!("user {}", id);
    log.query(&label); // ok: rust-sql-format
    let fixed = "SELECT 1";
    conn.execute(fixed, [])?; // ok: rust-sql-format
    Ok(())
}

fn run(host: &str, cmd: String) -> std::io::Result<()> {
    Command::new("sh").arg("-c").arg(format!("ping -c 1 {}", host)).status()?; // expect: rust-command-shell
    Command::new("bash").arg("-c").arg(&cmd).output()?; // expect: rust-command-shell
    Command::new("sh").args(["-c", &cmd]).spawn()?; // expect: rust-command-shell
    Command::new("cmd").args(&["/C", cmd.as_str()]).spawn()?; // expect: rust-command-shell
    Command::new("ping").args(["-c", "1", host]).status()?; // ok: rust-command-shell
    Command::new("sh").arg("-c").arg("ls -la /tmp").status()?; // ok: rust-command-shell
    Command::new("git").arg("-c").arg(host).status()?; // ok: rust-command-shell
    Command::new("sh").arg("script.sh").arg(host).status()?; // ok: rust-command-shell
    Ok(())
}

fn parse(bytes: [u8; 8], data: &[u8], hdr: &Header, v: &Vec<u8>, n: usize) -> Packet {
    let h: Header = unsafe { std::mem::transmute(bytes) }; // expect: rust-transmute-bytes
    let p: Packet = unsafe { mem::transmute::<[u8; 16], Packet>(raw) }; // expect: rust-transmute-bytes
    let f: fn() = unsafe { transmute(payload_ptr) }; // expect: rust-transmute-bytes
    let x: u32 = unsafe { std::mem::transmute(1.0f32) }; // ok: rust-transmute-bytes
    let e: Ordering = unsafe { mem::transmute::<i8, Ordering>(-1) }; // ok: rust-transmute-bytes
    let u = u32::from_le_bytes(bytes[0..4].try_into().unwrap()); // ok: rust-transmute-bytes
    let s = unsafe { std::slice::from_raw_parts(data.as_ptr(), hdr.len as usize) }; // expect: rust-from-raw-parts-length
    let t = unsafe { slice::from_raw_parts_mut(ptr, n) }; // expect: rust-from-raw-parts-length
    let w = unsafe { from_raw_parts(ptr, count) }; // expect: rust-from-raw-parts-length
    let a = unsafe { slice::from_raw_parts(v.as_ptr(), v.len()) }; // ok: rust-from-raw-parts-length
    let b = unsafe { slice::from_raw_parts(ptr as *const u8, std::mem::size_of::<Header>()) }; // ok: rust-from-raw-parts-length
    let c = unsafe { slice::from_raw_parts(ptr, 16) }; // ok: rust-from-raw-parts-length
    todo!()
}

fn view(ptr: *const u8, len: usize, buf: &[u8]) -> &[u8] {
    if len > buf.len() {
        return &[];
    }
    unsafe { std::slice::from_raw_parts(ptr, len) } // ok: rust-from-raw-parts-length
}
