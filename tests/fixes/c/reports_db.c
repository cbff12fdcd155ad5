#include <stdio.h>
#include <libpq-fe.h>

PGconn *open_reports(const char *host)
{
    PGconn *conn = PQsetdbLogin(host, "5432", NULL, NULL, "reports", "report_reader", "R3ports-2024!");
    if (PQstatus(conn) != CONNECTION_OK) {
        fprintf(stderr, "reports: %s", PQerrorMessage(conn));
        PQfinish(conn);
        return NULL;
    }
    return conn;
}
