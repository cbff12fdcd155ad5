#include <stdio.h>
#include <string.h>
#include <ldap.h>
#include <mongoc/mongoc.h>

int find_member(LDAP *ld, const char *group, const char *user, LDAPMessage **res)
{
    char filter[256];
    snprintf(filter, sizeof filter, "(&(objectClass=groupOfNames)(cn=%s)(member=uid=%s))", group, user);
    return ldap_search_ext_s(ld, "ou=groups,dc=example,dc=com", LDAP_SCOPE_SUBTREE, filter, NULL, 0, NULL, NULL,
                             NULL, 0, res);
}

bson_t *owner_query(const char *owner, bson_error_t *err)
{
    char json[256];
    snprintf(json, sizeof json, "{\"owner\": \"%s\", \"archived\": false}", owner);
    return bson_new_from_json((const uint8_t *)json, -1, err);
}
