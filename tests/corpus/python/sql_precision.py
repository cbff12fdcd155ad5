"""SQL precision: query-builder objects versus SQL text, found by scanning real ORMs."""

import sqlalchemy as sa


def bump_labels(connection, items, suffix):
    # `items.c.label + suffix` is a SQL expression; the builder binds `suffix` as a parameter.
    stmt = items.update().where(items.c.id > 4).values(label=items.c.label + " " + suffix)
    connection.execute(stmt)  # ok: py-sql-injection
    connection.execute(items.insert().values(label="x" + suffix))  # ok: py-sql-injection
    connection.execute(sa.text("SELECT * FROM items WHERE label = '" + suffix + "'"))  # expect: py-sql-injection


class SchemaEditor:
    sql_rename = "ALTER TABLE %(old)s RENAME TO %(new)s"

    def rename(self, cursor, old, new):
        # a template attribute formatted with a mapping is SQL text built at run time (policy: medium)
        cursor.execute(self.sql_rename % {"old": old, "new": new})  # expect: py-sql-injection
        cursor.execute(self.sql_drop % (old,))  # expect: py-sql-injection
        cursor.execute(self.sql_count, (old,))  # ok: py-sql-injection
