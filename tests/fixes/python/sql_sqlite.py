import sqlite3


def find_user(conn: sqlite3.Connection, name: str):
    cur = conn.cursor()
    cur.execute(f"SELECT id, name FROM users WHERE name = '{name}'")
    return cur.fetchall()


def find_by_id(conn: sqlite3.Connection, user_id: str):
    query = "SELECT id, name FROM users WHERE id = %s" % user_id
    return conn.execute(query).fetchall()


def search(conn: sqlite3.Connection, term: str, limit: int):
    sql = "SELECT id, name FROM users WHERE name LIKE '%" + term + "%' LIMIT {}".format(limit)
    return conn.execute(sql).fetchall()


def by_email(conn: sqlite3.Connection, email: str, active: int):
    return conn.execute(
        "SELECT id FROM users WHERE email = '{}' AND active = {}".format(email, active)
    ).fetchall()
