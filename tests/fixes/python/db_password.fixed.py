"""Order storage: one PostgreSQL connection per worker."""

import os
import psycopg2


def connect(host: str = "db.internal"):
    return psycopg2.connect(host=host, dbname="orders", user="orders_app", password=os.environ["PSYCOPG2_PASSWORD"])


def order_count(conn) -> int:
    with conn.cursor() as cur:
        cur.execute("SELECT count(*) FROM orders")
        return cur.fetchone()[0]
