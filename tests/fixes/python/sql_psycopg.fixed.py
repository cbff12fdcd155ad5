import psycopg2


def orders_for(conn, customer_id, status):
    with conn.cursor() as cur:
        cur.execute("SELECT id FROM orders WHERE customer_id = %s AND status = %s AND note LIKE '10%%'", (customer_id, status))
        return cur.fetchall()
