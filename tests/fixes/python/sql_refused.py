import sqlite3


def sorted_users(conn: sqlite3.Connection, column: str):
    return conn.execute(f"SELECT id FROM users ORDER BY {column}").fetchall()
