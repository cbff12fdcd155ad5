/* Runs tests/fixes/c/accounts.c (copied as case.c) on an in-memory SQLite database.
 * argv[1] is a user name: find_user(name) prints the ids it matched, rename_user(name, "zed")
 * prints the table afterwards, and a request line received over a socket pair is logged to stdout.
 * Prints: find=<ids> table=<id:name,...> log=<logged text, \n shown as |> */
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "case.c"

static int collect(void *out, int n, char **values, char **names)
{
    (void)n;
    (void)names;
    strcat((char *)out, values[0]);
    strcat((char *)out, ",");
    return 0;
}

static int dump(void *out, int n, char **values, char **names)
{
    (void)n;
    (void)names;
    strcat((char *)out, values[0]);
    strcat((char *)out, ":");
    strcat((char *)out, values[1]);
    strcat((char *)out, ",");
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 3)
        return 2;
    sqlite3 *db;
    sqlite3_open(":memory:", &db);
    sqlite3_exec(db,
                 "CREATE TABLE users (id INTEGER, name TEXT, email TEXT, active INTEGER);"
                 "INSERT INTO users VALUES (1, 'ann', 'ann@example.com', 1), (2, 'bob', 'bob@example.com', 1),"
                 " (3, 'o''neil', 'o@example.com', 1);",
                 NULL, NULL, NULL);
    char found[256] = "";
    find_user(db, argv[1], collect, found);
    rename_user(db, argv[1], "zed");
    char table[256] = "";
    sqlite3_exec(db, "SELECT id, name FROM users ORDER BY id", dump, table, NULL);

    int fds[2];
    socketpair(AF_UNIX, SOCK_STREAM, 0, fds);
    write(fds[1], argv[2], strlen(argv[2]));
    close(fds[1]);
    char logged[1024] = "";
    FILE *log = fmemopen(logged, sizeof logged, "w");
    log_request(fds[0], log);
    fclose(log);
    for (char *p = logged; *p; p++)
        if (*p == '\n')
            *p = '|';
    printf("find=%s table=%s log=%s\n", found, table, logged);
    sqlite3_close(db);
    return 0;
}
