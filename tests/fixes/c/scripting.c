#include <stdio.h>
#include <lua.h>
#include <lauxlib.h>

int greet_visitor(lua_State *L, const char *visitor)
{
    char chunk[256];
    snprintf(chunk, sizeof chunk, "return greeting('%s', \"en\")", visitor);
    return luaL_dostring(L, chunk);
}
