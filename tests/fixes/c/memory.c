#include <stdio.h>
#include <string.h>
#include <syslog.h>

void greet(const char *src, FILE *out)
{
    char name[64];
    char line[128];
    char msg[256];
    if (gets(line) == NULL) {
        return;
    }
    sscanf(line, "%d %s", &n, name);
    strcpy(msg, src);
    strcat(msg, name);
    sprintf(line, "user=%s", name);
    printf(msg);
    fprintf(out, line);
    syslog(LOG_INFO, msg);
}
