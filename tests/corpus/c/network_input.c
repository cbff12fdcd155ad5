#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/socket.h>
#include <curl/curl.h>

#define ROOT "/srv/www"

void serve(int client)
{
    char req[1024];
    char path[512];
    recv(client, req, sizeof req - 1, 0);
    snprintf(path, sizeof path, "%s/%s", ROOT, req + 4);
    FILE *f = fopen(path, "rb"); /* expect: c-path-traversal */
    int fd = open(req + 4, O_RDONLY); /* expect: c-path-traversal */
    FILE *idx = fopen(ROOT "/index.html", "rb"); /* ok: c-path-traversal */
    char logname[64];
    snprintf(logname, sizeof logname, "/var/log/app/%d.log", client);
    FILE *lg = fopen(logname, "a"); /* ok: c-path-traversal */
}

void cgi_download(void)
{
    const char *name = getenv("QUERY_STRING");
    char full[512];
    strcpy(full, ROOT "/files/"); /* ok: c-unbounded-copy */
    strcat(full, name); /* expect: c-unbounded-copy */
    FILE *f = fopen(full, "r"); /* expect: c-path-traversal */
    unlink(getenv("PATH_INFO")); /* expect: c-path-traversal */
    FILE *cfg = fopen(getenv("HOME"), "r"); /* ok: c-path-traversal */
}

void cgi_checked(void)
{
    const char *name = getenv("QUERY_STRING");
    char full[512], resolved[PATH_MAX];
    snprintf(full, sizeof full, "%s/%s", ROOT, name);
    if (realpath(full, resolved) == NULL || strncmp(resolved, ROOT "/", strlen(ROOT) + 1) != 0) {
        return;
    }
    FILE *f = fopen(resolved, "r"); /* ok: c-path-traversal */
}

void cgi_basename(void)
{
    char *name = getenv("PATH_INFO");
    char full[512];
    snprintf(full, sizeof full, "%s/%s", ROOT, basename(name));
    FILE *f = fopen(full, "r"); /* ok: c-path-traversal */
}

int main(int argc, char **argv)
{
    FILE *in = fopen(argv[1], "r"); /* ok: c-path-traversal */
    return in == NULL;
}

void proxy(int client, CURL *curl)
{
    char req[2048];
    char url[1024];
    recv(client, req, sizeof req - 1, 0);
    curl_easy_setopt(curl, CURLOPT_URL, req); /* expect: c-ssrf */
    snprintf(url, sizeof url, "http://%s/status", req + 5);
    curl_easy_setopt(curl, CURLOPT_URL, url); /* expect: c-ssrf */
    curl_easy_setopt(curl, CURLOPT_URL, "https://api.example.com/health"); /* ok: c-ssrf */
    char item[1024];
    snprintf(item, sizeof item, "https://api.example.com/items/%s", req + 5);
    curl_easy_setopt(curl, CURLOPT_URL, item); /* ok: c-ssrf */
}

void fetch_cgi(CURL *curl, CURLU *h, const char *configured)
{
    const char *target = getenv("QUERY_STRING");
    curl_url_set(h, CURLUPART_URL, target, 0); /* expect: c-ssrf */
    curl_easy_setopt(curl, CURLOPT_URL, configured); /* ok: c-ssrf */
    curl_easy_setopt(curl, CURLOPT_USERAGENT, target); /* ok: c-ssrf */
}

void audit(int client, FILE *logfile)
{
    char user[128];
    SSL_read(ssl, user, sizeof user - 1);
    fprintf(logfile, "login user=%s\n", user); /* expect: c-log-injection */
    fputs(user, logfile); /* expect: c-log-injection */
    fprintf(stderr, "login user=%s\n", user); /* ok: c-log-injection */
    fprintf(logfile, "login from fd %d\n", client); /* ok: c-log-injection */
}

void audit_cgi(FILE *access_log)
{
    const char *agent = getenv("HTTP_USER_AGENT");
    fprintf(access_log, "agent=%s\n", agent); /* expect: c-log-injection */
}

void audit_clean(int client, FILE *logfile)
{
    char user[128];
    recv(client, user, sizeof user - 1, 0);
    user[strcspn(user, "\r\n")] = '\0';
    fprintf(logfile, "login user=%s\n", user); /* ok: c-log-injection */
}
