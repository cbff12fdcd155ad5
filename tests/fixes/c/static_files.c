#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <microhttpd.h>

#define ROOT "/srv/www"

long serve(int client)
{
    char req[1024];
    char path[512];
    ssize_t n = recv(client, req, sizeof req - 1, 0);
    if (n <= 4)
        return -1;
    req[n] = '\0';
    snprintf(path, sizeof path, "%s/%s", ROOT, req + 4);
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return -1;
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fclose(f);
    return size;
}

void cgi_delete(void)
{
    unlink(getenv("PATH_INFO"));
}

enum MHD_Result store_part(void *cls, enum MHD_ValueKind kind, const char *key, const char *filename,
                           const char *content_type, const char *encoding, const char *data, uint64_t off,
                           size_t size)
{
    char path[512];
    if (filename == NULL)
        return MHD_YES;
    snprintf(path, sizeof path, "/srv/uploads/%s", filename);
    FILE *out = fopen(path, off == 0 ? "wb" : "ab");
    if (out == NULL)
        return MHD_NO;
    fwrite(data, 1, size, out);
    fclose(out);
    return MHD_YES;
}
