import psycopg2


def orders_for(conn, customer_id, status):
    with conn.cursor() as cur:
        cur.execute(f"SELECT id FROM orders WHERE customer_id = {customer_id} AND status = '{status}' AND note LIKE '10%'")
        return cur.fetchall()
