/* Shapes of a real HTTP server library's tests and examples that the format rule misread. */
#include <stdio.h>
#include <string.h>

void report_rate(int oneone, const char *name, double rate)
{
    /* the format is one of two literals, whichever branch is taken */
    fprintf(stderr, oneone ? "%s: POSTs (http/1.1) %f/s\n" : "%s: POSTs (http/1.0) %f/s\n", name, rate); /* ok: c-format-string */
    printf(oneone ? "HTTP/1.1 " "ready\n" : "HTTP/1.0 ready\n"); /* ok: c-format-string */
}

void report_user(int verbose, const char *user_msg)
{
    /* one branch is the caller's text: still a variable format */
    printf(verbose ? user_msg : "quiet\n"); /* expect: c-format-string */
}
