#include <stdio.h>
#include <lua.h>
#include <lauxlib.h>

static void str_escape_lua(const char *in, char *out, size_t size)
{
    size_t n = 0;
    for (; *in != '\0'; in++) {
        char c = *in;
        int special = c == '\\' || c == '\'' || c == '"' || c == '\n' || c == '\r';
        if (n + (special ? 2 : 1) >= size)
            break;
        if (special) {
            out[n++] = '\\';
            out[n++] = c == '\n' ? 'n' : c == '\r' ? 'r' : c;
        } else {
            out[n++] = c;
        }
    }
    if (size > 0)
        out[n] = '\0';
}

int greet_visitor(lua_State *L, const char *visitor)
{
    char chunk[256];
    char visitor_escaped[sizeof chunk];
    str_escape_lua(visitor, visitor_escaped, sizeof visitor_escaped);
    snprintf(chunk, sizeof chunk, "return greeting('%s', \"en\")", visitor_escaped);
    return luaL_dostring(L, chunk);
}
