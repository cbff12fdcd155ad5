#include <stdio.h>
#include <string.h>
#include <syslog.h>

void greet(const char *src, FILE *out)
{
    char name[64];
    char line[128];
    char msg[256];
    if (fgets(line, sizeof line, stdin) == NULL) {
        return;
    }
    sscanf(line, "%d %63s", &n, name);
    snprintf(msg, sizeof msg, "%s", src);
    strncat(msg, name, sizeof msg - strlen(msg) - 1);
    snprintf(line, sizeof line, "user=%s", name);
    printf("%s", msg);
    fprintf(out, "%s", line);
    syslog(LOG_INFO, "%s", msg);
}
