#include <stdio.h>
#include <string.h>
#include <jwt.h>
#include <microhttpd.h>

#define UPLOAD_DIR "/srv/uploads"

int check_token(const char *token, const unsigned char *key, int key_len)
{
    jwt_t *jwt = NULL;
    jwt_decode(&jwt, token, NULL, 0); /* expect: c-jwt-decode-without-key */
    jwt_decode(&jwt, token, (const unsigned char *)NULL, 0); /* expect: c-jwt-decode-without-key */
    jwt_decode(&jwt, token, key, 0); /* expect: c-jwt-decode-without-key */
    jwt_decode(&jwt, token, key, key_len); /* ok: c-jwt-decode-without-key */
    jwt_decode(&jwt, token, (const unsigned char *)"k", 1); /* ok: c-jwt-decode-without-key */
    jwt_decode_2(&jwt, token, key_provider); /* ok: c-jwt-decode-without-key */
    return jwt != NULL;
}

static enum MHD_Result save_part(void *cls, enum MHD_ValueKind kind, const char *key, const char *filename,
                                 const char *content_type, const char *encoding, const char *data,
                                 uint64_t off, size_t size)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", UPLOAD_DIR, filename); /* expect: c-upload-filename-path */
    FILE *f = fopen(filename, "ab"); /* expect: c-upload-filename-path */
    FILE *g = fopen(path, "ab"); /* ok: c-upload-filename-path */
    snprintf(path, sizeof path, "%s/%s", UPLOAD_DIR, key); /* ok: c-upload-filename-path */
    fwrite(data, 1, size, f);
    return MHD_YES;
}

static enum MHD_Result save_checked(void *cls, enum MHD_ValueKind kind, const char *key, const char *filename,
                                    const char *content_type, const char *encoding, const char *data,
                                    uint64_t off, size_t size)
{
    char path[512];
    if (strstr(filename, "..") != NULL || strchr(filename, '/') != NULL) {
        return MHD_NO;
    }
    snprintf(path, sizeof path, "%s/%s", UPLOAD_DIR, filename); /* ok: c-upload-filename-path */
    return MHD_YES;
}

static void store(const char *filename, const char *data)
{
    FILE *f = fopen(filename, "w"); /* ok: c-upload-filename-path */
    fputs(data, f);
}

static enum MHD_Result save_plain(void *cls, enum MHD_ValueKind kind, const char *key, const char *filename,
                                  const char *content_type, const char *encoding, const char *data,
                                  uint64_t off, size_t size)
{
    char path[512];
    strcpy(path, UPLOAD_DIR "/"); /* ok: c-unbounded-copy */
    strcat(path, filename); /* expect: c-upload-filename-path, c-unbounded-copy */
    return MHD_YES;
}
