#include <stdio.h>
#include <string.h>
#include <ldap.h>
#include <mongoc/mongoc.h>

static void ldap_escape_filter_value(const char *in, char *out, size_t size)
{
    size_t n = 0;
    for (; *in != '\0'; in++) {
        int special = *in == '*' || *in == '(' || *in == ')' || *in == '\\';
        if (n + (special ? 3 : 1) >= size)
            break;
        if (special)
            n += (size_t)snprintf(out + n, size - n, "\\%02x", (unsigned char)*in);
        else
            out[n++] = *in;
    }
    if (size > 0)
        out[n] = '\0';
}

static void str_escape_json(const char *in, char *out, size_t size)
{
    size_t n = 0;
    for (; *in != '\0'; in++) {
        unsigned char c = (unsigned char)*in;
        size_t need = (c == '"' || c == '\\') ? 2 : c < 0x20 ? 6 : 1;
        if (n + need >= size)
            break;
        if (c == '"' || c == '\\') {
            out[n++] = '\\';
            out[n++] = (char)c;
        } else if (c < 0x20) {
            n += (size_t)snprintf(out + n, size - n, "\\u%04x", c);
        } else {
            out[n++] = (char)c;
        }
    }
    if (size > 0)
        out[n] = '\0';
}

int find_member(LDAP *ld, const char *group, const char *user, LDAPMessage **res)
{
    char filter[256];
    char group_escaped[sizeof filter];
    ldap_escape_filter_value(group, group_escaped, sizeof group_escaped);
    char user_escaped[sizeof filter];
    ldap_escape_filter_value(user, user_escaped, sizeof user_escaped);
    snprintf(filter, sizeof filter, "(&(objectClass=groupOfNames)(cn=%s)(member=uid=%s))", group_escaped, user_escaped);
    return ldap_search_ext_s(ld, "ou=groups,dc=example,dc=com", LDAP_SCOPE_SUBTREE, filter, NULL, 0, NULL, NULL,
                             NULL, 0, res);
}

bson_t *owner_query(const char *owner, bson_error_t *err)
{
    char json[256];
    char owner_escaped[sizeof json];
    str_escape_json(owner, owner_escaped, sizeof owner_escaped);
    snprintf(json, sizeof json, "{\"owner\": \"%s\", \"archived\": false}", owner_escaped);
    return bson_new_from_json((const uint8_t *)json, -1, err);
}
