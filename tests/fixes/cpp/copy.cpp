#include <cstdio>
#include <cstring>
#include <string>

void handle(const std::string &host, const char *name)
{
    char buf[32];
    std::strcpy(buf, name);
    std::printf(host.c_str());
}
