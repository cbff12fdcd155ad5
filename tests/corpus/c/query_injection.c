#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include <mysql/mysql.h>
#include <ldap.h>
#include <libxml/xpath.h>
#include <lua.h>
#include <mongoc/mongoc.h>

#define TABLE "users"

int find_user(sqlite3 *db, MYSQL *conn, const char *name, int id)
{
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT * FROM users WHERE name = '%s'", name);
    sqlite3_exec(db, sql, NULL, NULL, NULL); /* expect: c-sql-injection */
    char *q = sqlite3_mprintf("DELETE FROM sessions WHERE user = '%s'", name);
    sqlite3_exec(db, q, NULL, NULL, NULL); /* expect: c-sql-injection */
    char *safe = sqlite3_mprintf("DELETE FROM sessions WHERE user = %Q", name);
    sqlite3_exec(db, safe, NULL, NULL, NULL); /* ok: c-sql-injection */
    char byid[128];
    snprintf(byid, sizeof byid, "SELECT * FROM users WHERE id = %d", id);
    mysql_query(conn, byid); /* ok: c-sql-injection */
    sqlite3_exec(db, "SELECT COUNT(*) FROM " TABLE, NULL, NULL, NULL); /* ok: c-sql-injection */
    char like[300] = "SELECT * FROM users WHERE name LIKE '";
    strcat(like, name); /* expect: c-unbounded-copy */
    strcat(like, "%'");
    mysql_query(conn, like); /* expect: c-sql-injection */
    sqlite3_stmt *st;
    sqlite3_prepare_v2(db, "SELECT * FROM users WHERE name = ?", -1, &st, NULL); /* ok: c-sql-injection */
    sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
    return 0;
}

int pg_lookup(PGconn *pg, const char *email)
{
    char *query = NULL;
    asprintf(&query, "SELECT id FROM accounts WHERE email = '%s'", email);
    PQexec(pg, query); /* expect: c-sql-injection */
    char fixed[64];
    snprintf(fixed, sizeof fixed, "SELECT %s FROM accounts", "id");
    PQexec(pg, query_text()); /* ok: c-sql-injection */
    return 0;
}

int mysql_escaped(MYSQL *conn, const char *name)
{
    char esc[256], sql[600];
    mysql_real_escape_string(conn, esc, name, strlen(name));
    snprintf(sql, sizeof sql, "SELECT * FROM users WHERE name = '%s'", esc);
    return mysql_query(conn, sql); /* ok: c-sql-injection */
}

int ldap_find(LDAP *ld, const char *user, LDAPMessage **res)
{
    char filter[256];
    snprintf(filter, sizeof filter, "(&(objectClass=person)(uid=%s))", user);
    ldap_search_ext_s(ld, "dc=example,dc=com", LDAP_SCOPE_SUBTREE, filter, NULL, 0, NULL, NULL, NULL, 0, res); /* expect: c-ldap-injection */
    char byid[64];
    sprintf(byid, "(uidNumber=%d)", 1000);
    ldap_search_s(ld, "dc=example,dc=com", LDAP_SCOPE_SUBTREE, byid, NULL, 0, res); /* ok: c-ldap-injection */
    ldap_search_s(ld, "dc=example,dc=com", LDAP_SCOPE_SUBTREE, "(objectClass=group)", NULL, 0, res); /* ok: c-ldap-injection */
    char member[256] = "(member=";
    strcat(member, user); /* expect: c-unbounded-copy */
    ldap_search_s(ld, "ou=groups,dc=example,dc=com", LDAP_SCOPE_ONELEVEL, member, NULL, 0, res); /* expect: c-ldap-injection */
    char uidonly[256];
    sprintf(uidonly, "(uid=%s)", user); /* expect: c-sprintf-unbounded */
    return ldap_search_s(ld, "dc=example,dc=com", LDAP_SCOPE_SUBTREE, uidonly, NULL, 0, res); /* expect: c-ldap-injection */
}

int ldap_escaped(LDAP *ld, struct berval *value, LDAPMessage **res)
{
    struct berval esc;
    char filter[256];
    ldap_bv2escaped_filter_value(value, &esc);
    snprintf(filter, sizeof filter, "(uid=%s)", esc.bv_val);
    return ldap_search_s(ld, "dc=example,dc=com", LDAP_SCOPE_SUBTREE, filter, NULL, 0, res); /* ok: c-ldap-injection */
}

void xpath_lookup(xmlXPathContextPtr ctx, const char *user, int n)
{
    char expr[256];
    snprintf(expr, sizeof expr, "//user[name='%s']", user);
    xmlXPathEvalExpression((const xmlChar *)expr, ctx); /* expect: c-xpath-injection */
    char *e2 = g_strdup_printf("//order[@owner='%s']", user);
    xmlXPathEval((xmlChar *)e2, ctx); /* expect: c-xpath-injection */
    xmlXPathCompile((const xmlChar *)expr); /* expect: c-xpath-injection */
    char nth[64];
    snprintf(nth, sizeof nth, "//item[%d]", n);
    xmlXPathEvalExpression((const xmlChar *)nth, ctx); /* ok: c-xpath-injection */
    xmlXPathEvalExpression((const xmlChar *)"//user[name=$name]", ctx); /* ok: c-xpath-injection */
    xmlXPathEval((const xmlChar *)"count(//user)", ctx); /* ok: c-xpath-injection */
}

void mongo_lookup(mongoc_collection_t *coll, const char *name, int age)
{
    char json[256];
    bson_error_t err;
    snprintf(json, sizeof json, "{\"name\": \"%s\"}", name);
    bson_t *q = bson_new_from_json((const uint8_t *)json, -1, &err); /* expect: c-nosql-injection */
    char *j2 = NULL;
    asprintf(&j2, "{\"owner\": \"%s\", \"active\": true}", name);
    bson_t b;
    bson_init_from_json(&b, j2, -1, &err); /* expect: c-nosql-injection */
    char j3[128];
    sprintf(j3, "{\"$where\": \"this.name == '%s'\"}", name); /* expect: c-sprintf-unbounded */
    bson_new_from_json((const uint8_t *)j3, -1, &err); /* expect: c-nosql-injection */
    char byage[64];
    snprintf(byage, sizeof byage, "{\"age\": {\"$gt\": %d}}", age);
    bson_new_from_json((const uint8_t *)byage, -1, &err); /* ok: c-nosql-injection */
    bson_new_from_json((const uint8_t *)"{\"active\": true}", -1, &err); /* ok: c-nosql-injection */
    bson_t *typed = BCON_NEW("name", BCON_UTF8(name));
    bson_init_from_json(&b, "{}", -1, &err); /* ok: c-nosql-injection */
}

void run_scripts(lua_State *L, const char *name, int level)
{
    char code[256];
    snprintf(code, sizeof code, "greet('%s')", name);
    luaL_dostring(L, code); /* expect: c-script-code-injection */
    char py[256];
    sprintf(py, "print('hello %s')", name); /* expect: c-sprintf-unbounded */
    PyRun_SimpleString(py); /* expect: c-script-code-injection */
    char js[128];
    snprintf(js, sizeof js, "render(\"%s\")", name);
    duk_eval_string(ctx, js); /* expect: c-script-code-injection */
    char lvl[64];
    snprintf(lvl, sizeof lvl, "set_level(%d)", level);
    luaL_dostring(L, lvl); /* ok: c-script-code-injection */
    luaL_dostring(L, "init()"); /* ok: c-script-code-injection */
    PyRun_SimpleString("import sys"); /* ok: c-script-code-injection */
}
