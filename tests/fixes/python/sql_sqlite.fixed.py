import sqlite3


def find_user(conn: sqlite3.Connection, name: str):
    cur = conn.cursor()
    cur.execute("SELECT id, name FROM users WHERE name = ?", (name,))
    return cur.fetchall()


def find_by_id(conn: sqlite3.Connection, user_id: str):
    query = "SELECT id, name FROM users WHERE id = ?"
    return conn.execute(query, (user_id,)).fetchall()


def search(conn: sqlite3.Connection, term: str, limit: int):
    sql = "SELECT id, name FROM users WHERE name LIKE ? LIMIT ?"
    return conn.execute(sql, (f"%{term}%", limit)).fetchall()


def by_email(conn: sqlite3.Connection, email: str, active: int):
    return conn.execute(
        "SELECT id FROM users WHERE email = ? AND active = ?", (email, active)
    ).fetchall()
