#include <stdio.h>
#include <libpq-fe.h>
#include <stdlib.h>

PGconn *open_reports(const char *host)
{
    PGconn *conn = PQsetdbLogin(host, "5432", NULL, NULL, "reports", "report_reader", getenv("PGPASSWORD"));
    if (PQstatus(conn) != CONNECTION_OK) {
        fprintf(stderr, "reports: %s", PQerrorMessage(conn));
        PQfinish(conn);
        return NULL;
    }
    return conn;
}
