#include <cstdio>
#include <cstring>
#include <string>

void handle(const std::string &host, const char *name)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%s", name);
    std::printf("%s", host.c_str());
}
