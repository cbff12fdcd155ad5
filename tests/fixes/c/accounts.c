#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sqlite3.h>

int find_user(sqlite3 *db, const char *name, sqlite3_callback cb, void *arg)
{
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT id, email FROM users WHERE name = '%s' AND active = %d", name, 1);
    return sqlite3_exec(db, sql, cb, arg, NULL);
}

int rename_user(sqlite3 *db, const char *old_name, const char *new_name)
{
    char *sql = sqlite3_mprintf("UPDATE users SET name = '%s' WHERE name = '%s'", new_name, old_name);
    int rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
    sqlite3_free(sql);
    return rc;
}

void log_request(int fd, FILE *logfile)
{
    char line[512];
    ssize_t n = recv(fd, line, sizeof line - 1, 0);
    if (n <= 0)
        return;
    line[n] = '\0';
    fprintf(logfile, "request from fd %d: %s\n", fd, line);
}
