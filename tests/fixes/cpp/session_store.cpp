#include <cstdio>
#include <cstdlib>
#include <string>

unsigned int new_session_id()
{
    unsigned int session_id = std::rand() % 1000000000u;
    return session_id;
}

std::string spill(const std::string &data)
{
    char tmpl[] = "/tmp/spill-XXXXXX";
    mktemp(tmpl);
    std::FILE *out = std::fopen(tmpl, "wb");
    if (out == nullptr)
        return "";
    std::fwrite(data.data(), 1, data.size(), out);
    std::fclose(out);
    return tmpl;
}
