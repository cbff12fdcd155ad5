#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int export_report(const char *report, char *path_out, size_t path_len)
{
    char tmpl[] = "/tmp/report-XXXXXX";
    FILE *out = fdopen(mkstemp(tmpl), "w");
    if (out == NULL)
        return -1;
    fputs(report, out);
    fclose(out);
    if (strlen(tmpl) >= path_len)
        return -1;
    memcpy(path_out, tmpl, strlen(tmpl) + 1);
    return 0;
}
