#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#define BANNER "service v1.2"
#define LOG_FMT "%s: %d\n"

struct header { unsigned short len; char body[512]; };

static const char *greeting = "hello";

void read_name(void)
{
    char name[64];
    char line[128];
    gets(name); /* expect: c-gets */
    if (gets(line) == NULL) { /* expect: c-gets */
        return;
    }
    fgets(name, sizeof name, stdin); /* ok: c-gets */
    gets_s(line, sizeof line); /* ok: c-gets */
    reader->gets(reader, line, sizeof line); /* ok: c-gets */
    puts("never call gets() here"); /* ok: c-gets */
    scanf("%s", name); /* expect: c-scanf-unbounded */
    sscanf(line, "%d %s", &n, name); /* expect: c-scanf-unbounded */
    fscanf(stdin, "%[^\n]", line); /* expect: c-scanf-unbounded */
    scanf("%63s", name); /* ok: c-scanf-unbounded */
    sscanf(line, "%d %*s %d", &a, &b); /* ok: c-scanf-unbounded */
    scanf("%d%%s", &n); /* ok: c-scanf-unbounded */
}

void copy_things(const char *src, int argc, char **argv)
{
    char dst[32];
    char msg[256];
    strcpy(dst, src); /* expect: c-unbounded-copy */
    strcat(msg, argv[1]); /* expect: c-unbounded-copy */
    strcpy(dst, getenv("HOME")); /* expect: c-unbounded-copy */
    strcpy(dst, "fixed"); /* ok: c-unbounded-copy */
    strcpy(msg, BANNER); /* ok: c-unbounded-copy */
    strcat(msg, greeting); /* ok: c-unbounded-copy */
    strncpy(dst, src, sizeof dst - 1); /* ok: c-unbounded-copy */
    sprintf(msg, "user=%s", src); /* expect: c-sprintf-unbounded */
    sprintf(msg, "%s/%s", argv[1], argv[2]); /* expect: c-sprintf-unbounded */
    vsprintf(msg, "%-20s|", ap); /* expect: c-sprintf-unbounded */
    sprintf(msg, "%d items", argc); /* ok: c-sprintf-unbounded */
    sprintf(msg, "user=%.20s", src); /* ok: c-sprintf-unbounded */
    snprintf(msg, sizeof msg, "user=%s", src); /* ok: c-sprintf-unbounded */
}

void checked_copy(const char *src)
{
    char dst[32];
    if (strlen(src) >= sizeof dst) {
        return;
    }
    strcpy(dst, src); /* ok: c-unbounded-copy */
}

void log_it(const char *user_msg, FILE *out)
{
    static const char fmt[] = "%s\n";
    printf(user_msg); /* expect: c-format-string */
    fprintf(out, user_msg); /* expect: c-format-string */
    syslog(LOG_INFO, user_msg); /* expect: c-format-string */
    snprintf(buf, sizeof buf, user_msg, 1); /* expect: c-format-string */
    printf("%s", user_msg); /* ok: c-format-string */
    fprintf(out, LOG_FMT, user_msg, 1); /* ok: c-format-string */
    printf(fmt, user_msg); /* ok: c-format-string */
    printf(_("Welcome\n")); /* ok: c-format-string */
}

int run(const char *host, char **argv)
{
    char cmd[256];
    const char *fixed = "uptime";
    snprintf(cmd, sizeof cmd, "ping -c 1 %s", host);
    system(cmd); /* expect: c-command-injection */
    FILE *p = popen(argv[1], "r"); /* expect: c-command-injection */
    execl("/bin/sh", "sh", "-c", argv[2], (char *)NULL); /* expect: c-command-injection */
    system("ls -l /tmp"); /* ok: c-command-injection */
    system(fixed); /* ok: c-command-injection */
    execl("/bin/ping", "ping", "-c", "1", host, (char *)NULL); /* ok: c-command-injection */
    return pclose(p);
}

void parse_packet(const unsigned char *pkt, struct header *hdr, const char *s)
{
    char buf[64];
    char name[16];
    memcpy(buf, pkt + 4, ntohs(hdr->len)); /* expect: c-copy-input-length */
    unsigned short n = ntohs(*(unsigned short *)pkt);
    memcpy(buf, pkt + 2, n); /* expect: c-copy-input-length */
    memcpy(name, s, strlen(s)); /* expect: c-copy-input-length */
    memcpy(buf, hdr->body, sizeof buf); /* ok: c-copy-input-length */
    memcpy(buf, pkt, 16); /* ok: c-copy-input-length */
    char *heap = malloc(hdr->len);
    memcpy(heap, hdr->body, hdr->len); /* ok: c-copy-input-length */
}

void parse_checked(const unsigned char *pkt, struct header *hdr)
{
    char buf[64];
    size_t len = hdr->len;
    if (len > sizeof buf) {
        return;
    }
    memcpy(buf, hdr->body, len); /* ok: c-copy-input-length */
}

void die(const char *format, ...)
{
    va_list args;
    va_start(args, format);
    vfprintf(stderr, format, args); /* ok: c-format-string */
    fprintf(stderr, format); /* ok: c-format-string */
    va_end(args);
}

char *duplicate(const char *path)
{
    char *dest = malloc(strlen(path) + 1);
    strcpy(dest, path); /* ok: c-unbounded-copy */
    return dest;
}
