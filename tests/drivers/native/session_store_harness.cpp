/* Runs tests/fixes/cpp/session_store.cpp (copied as case.cpp). mktemp is wrapped to play the local
 * attacker who wins the race (a symlink to argv[1] right after the name is picked). Prints a
 * session id, the spill file's mode and the victim file's text after spill("spilled"). */
#include <cstdio>
#include <cstdlib>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

static const char *victim;

static char *racing_mktemp(char *tmpl)
{
    char *name = mktemp(tmpl);
    if (name != nullptr && name[0] != '\0')
        symlink(victim, name);
    return name;
}

#define mktemp racing_mktemp
#include "case.cpp"
#undef mktemp

int main(int argc, char **argv)
{
    if (argc < 2)
        return 2;
    victim = argv[1];
    umask(022);
    std::printf("session=%u\n", new_session_id());
    std::string path = spill("spilled");
    struct stat st;
    lstat(path.c_str(), &st);
    char text[32] = "";
    if (std::FILE *f = std::fopen(victim, "r")) {
        text[std::fread(text, 1, sizeof text - 1, f)] = '\0';
        std::fclose(f);
    }
    std::printf("symlink=%d mode=%o victim=%s\n", S_ISLNK(st.st_mode) ? 1 : 0, (unsigned)(st.st_mode & 0777), text);
    unlink(path.c_str());
    return 0;
}
