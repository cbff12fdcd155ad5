#include <cstdio>
#include <cstdlib>
#include <string>

unsigned int new_session_id()
{
    unsigned int session_id = arc4random_uniform(1000000000u);
    return session_id;
}

std::string spill(const std::string &data)
{
    char tmpl[] = "/tmp/spill-XXXXXX";
    std::FILE *out = fdopen(mkstemp(tmpl), "wb");
    if (out == nullptr)
        return "";
    std::fwrite(data.data(), 1, data.size(), out);
    std::fclose(out);
    return tmpl;
}
