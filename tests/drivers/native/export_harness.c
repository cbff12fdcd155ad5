/* Runs export_report() from tests/fixes/c/export.c (copied as case.c). mktemp is wrapped to play
 * the local attacker who wins the race: right after the name is picked, a symlink with that name
 * is made to argv[1] (a victim file). Prints the exported file's mode and text, then the victim's. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *victim;

static char *racing_mktemp(char *tmpl)
{
    char *name = mktemp(tmpl);
    if (name != NULL && name[0] != '\0')
        symlink(victim, name);
    return name;
}

#define mktemp racing_mktemp
#include "case.c"
#undef mktemp

static void print_file(const char *label, const char *path)
{
    char text[64] = "";
    FILE *f = fopen(path, "r");
    if (f != NULL) {
        size_t n = fread(text, 1, sizeof text - 1, f);
        text[n] = '\0';
        fclose(f);
    }
    printf("%s=%s\n", label, text);
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return 2;
    victim = argv[1];
    umask(022);
    char path[64];
    if (export_report("report-data", path, sizeof path) != 0)
        return 1;
    struct stat st;
    lstat(path, &st);
    printf("symlink=%d mode=%o\n", S_ISLNK(st.st_mode) ? 1 : 0, (unsigned)(st.st_mode & 0777));
    print_file("export", path);
    print_file("victim", victim);
    unlink(path);
    return 0;
}
