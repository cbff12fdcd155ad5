/* Runs greet() from tests/fixes/c/memory.c (copied as case.c): argv[1] is src, stdin the line.
 * syslog is redirected to stderr so the message it would log can be compared, and gets() is
 * compiled here (same contract: no bound) so AddressSanitizer sees where it writes. */
#include <stdarg.h>
#include <stdio.h>

static int n; /* the case reads into a global it does not declare */

static char *sanitized_gets(char *s)
{
    int c;
    char *p = s;
    while ((c = getchar()) != EOF && c != '\n') {
        *p++ = (char)c;
    }
    if (c == EOF && p == s) {
        return NULL;
    }
    *p = '\0';
    return s;
}

#define gets sanitized_gets
#define syslog fake_syslog
#include "case.c"
#undef syslog
#undef gets

void fake_syslog(int priority, const char *format, ...)
{
    va_list args;
    (void)priority;
    va_start(args, format);
    fputs("syslog: ", stderr);
    vfprintf(stderr, format, args);
    fputc('\n', stderr);
    va_end(args);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        return 2;
    }
    greet(argv[1], stdout);
    printf("|n=%d", n);
    return 0;
}
