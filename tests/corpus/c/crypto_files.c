#include <stdio.h>
#include <stdlib.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <openssl/md5.h>
#include <openssl/hmac.h>
#include <openssl/rsa.h>
#include <mysql/mysql.h>
#include <libxml/parser.h>
#include <expat.h>

void digests(const unsigned char *data, size_t n, unsigned char *out, const unsigned char *key)
{
    MD5(data, n, out); /* expect: c-weak-hash */
    EVP_DigestInit_ex(ctx, EVP_sha1(), NULL); /* expect: c-weak-hash */
    const EVP_MD *md = EVP_get_digestbyname("md5"); /* expect: c-weak-hash */
    SHA1_Init(&sha); /* expect: c-weak-hash */
    SHA1_Update(&sha, data, n); /* ok: c-weak-hash */
    EVP_DigestInit_ex(ctx, EVP_sha256(), NULL); /* ok: c-weak-hash */
    HMAC(EVP_sha1(), key, 32, data, n, out, NULL); /* ok: c-weak-hash */
    EVP_MD_fetch(NULL, "SHA2-256", NULL); /* ok: c-weak-hash */
}

void ciphers(EVP_CIPHER_CTX *ctx, const unsigned char *key, const unsigned char *iv)
{
    EVP_EncryptInit_ex(ctx, EVP_des_ede3_cbc(), NULL, key, iv); /* expect: c-weak-cipher */
    EVP_EncryptInit_ex(ctx, EVP_aes_128_ecb(), NULL, key, NULL); /* expect: c-weak-cipher */
    EVP_EncryptInit_ex(ctx, EVP_rc4(), NULL, key, NULL); /* expect: c-weak-cipher */
    const EVP_CIPHER *c = EVP_CIPHER_fetch(NULL, "DES-EDE3-CBC", NULL); /* expect: c-weak-cipher */
    EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), NULL, key, iv); /* ok: c-weak-cipher */
    EVP_EncryptInit_ex(ctx, EVP_chacha20_poly1305(), NULL, key, iv); /* ok: c-weak-cipher */
    const EVP_CIPHER *g = EVP_CIPHER_fetch(NULL, "AES-256-GCM", NULL); /* ok: c-weak-cipher */
}

void keys(RSA *rsa, BIGNUM *e, EVP_PKEY_CTX *kctx, int bits)
{
    RSA_generate_key_ex(rsa, 1024, e, NULL); /* expect: c-weak-rsa-key */
    EVP_PKEY_CTX_set_rsa_keygen_bits(kctx, 512); /* expect: c-weak-rsa-key */
    EVP_PKEY *k = EVP_RSA_gen(1024); /* expect: c-weak-rsa-key */
    RSA_generate_key_ex(rsa, 3072, e, NULL); /* ok: c-weak-rsa-key */
    EVP_PKEY_CTX_set_rsa_keygen_bits(kctx, bits); /* ok: c-weak-rsa-key */
    EVP_PKEY *k2 = EVP_RSA_gen(2048); /* ok: c-weak-rsa-key */
}

void connect_all(MYSQL *conn, LDAP *ld, CURL *curl)
{
    mysql_real_connect(conn, "db.internal", "app", "S3cr3tPass!", "shop", 3306, NULL, 0); /* expect: c-hardcoded-password */
    PGconn *pg = PQconnectdb("host=db user=app password=pgS3cret dbname=shop"); /* expect: c-hardcoded-password */
    ldap_simple_bind_s(ld, "cn=admin,dc=example,dc=com", "ldapAdm1n"); /* expect: c-hardcoded-password */
    curl_easy_setopt(curl, CURLOPT_USERPWD, "deploy:hunter22"); /* expect: c-hardcoded-password */
    mysql_real_connect(conn, "db.internal", "app", getenv("DB_PASSWORD"), "shop", 3306, NULL, 0); /* ok: c-hardcoded-password */
    mysql_real_connect(conn, "localhost", "root", "", "test", 0, NULL, 0); /* ok: c-hardcoded-password */
    PGconn *pg2 = PQconnectdb("host=db user=app dbname=shop"); /* ok: c-hardcoded-password */
    ldap_simple_bind_s(ld, NULL, NULL); /* ok: c-hardcoded-password */
    curl_easy_setopt(curl, CURLOPT_USERAGENT, "client/1.0"); /* ok: c-hardcoded-password */
}

void parse_xml(const char *buf, int len, XML_Parser p)
{
    xmlDocPtr a = xmlReadMemory(buf, len, NULL, NULL, XML_PARSE_NOENT | XML_PARSE_NONET); /* expect: c-xxe */
    xmlDocPtr b = xmlReadFile("in.xml", NULL, XML_PARSE_DTDLOAD); /* expect: c-xxe */
    xmlSubstituteEntitiesDefault(1); /* expect: c-xxe */
    XML_SetParamEntityParsing(p, XML_PARAM_ENTITY_PARSING_ALWAYS); /* expect: c-xxe */
    xmlDocPtr c = xmlReadMemory(buf, len, NULL, NULL, XML_PARSE_NONET | XML_PARSE_NOBLANKS); /* ok: c-xxe */
    xmlSubstituteEntitiesDefault(0); /* ok: c-xxe */
    XML_SetParamEntityParsing(p, XML_PARAM_ENTITY_PARSING_NEVER); /* ok: c-xxe */
    xmlDocPtr d = xmlReadFile("in.xml", NULL, 0); /* ok: c-xxe */
    xmlLoadExtDtdDefaultValue = XML_DETECT_IDS | XML_COMPLETE_ATTRS; /* expect: c-xxe */
    xmlLoadExtDtdDefaultValue = 0; /* ok: c-xxe */
}

void temp_files(void)
{
    char name[L_tmpnam];
    tmpnam(name); /* expect: c-insecure-temp-file */
    char *t = tempnam("/tmp", "app"); /* expect: c-insecure-temp-file */
    char tmpl[] = "/tmp/app-XXXXXX";
    mktemp(tmpl); /* expect: c-insecure-temp-file */
    FILE *f = fopen("/tmp/app.pid", "w"); /* expect: c-insecure-temp-file */
    int fd = open("/tmp/app.lock", O_WRONLY | O_CREAT, 0600); /* expect: c-insecure-temp-file */
    char tmpl2[] = "/tmp/app-XXXXXX";
    int safe = mkstemp(tmpl2); /* ok: c-insecure-temp-file */
    FILE *anon = tmpfile(); /* ok: c-insecure-temp-file */
    FILE *r = fopen("/tmp/app.pid", "r"); /* ok: c-insecure-temp-file */
    int excl = open("/tmp/app.lock", O_WRONLY | O_CREAT | O_EXCL, 0600); /* ok: c-insecure-temp-file */
}
