#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>
#include <openssl/evp.h>
#include <openssl/md5.h>
#include <openssl/rsa.h>
#include <openssl/sha.h>

int fingerprint(const unsigned char *data, size_t len, char *hex, size_t hexlen)
{
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256(data, len, digest);
    if (hexlen < 2 * SHA256_DIGEST_LENGTH + 1)
        return -1;
    for (int i = 0; i < SHA256_DIGEST_LENGTH; i++)
        sprintf(hex + 2 * i, "%02x", digest[i]);
    return 0;
}

int checksum(const unsigned char *data, size_t len, unsigned char *out, unsigned int *outlen)
{
    unsigned char md[EVP_MAX_MD_SIZE];
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    if (ctx == NULL)
        return -1;
    EVP_DigestInit_ex(ctx, EVP_sha256(), NULL);
    EVP_DigestUpdate(ctx, data, len);
    EVP_DigestFinal_ex(ctx, md, outlen);
    EVP_MD_CTX_free(ctx);
    memcpy(out, md, *outlen);
    return 0;
}

RSA *make_key(void)
{
    RSA *rsa = RSA_new();
    BIGNUM *e = BN_new();
    BN_set_word(e, RSA_F4);
    if (RSA_generate_key_ex(rsa, 2048, e, NULL) != 1) {
        RSA_free(rsa);
        rsa = NULL;
    }
    BN_free(e);
    return rsa;
}

xmlDocPtr load_config(const char *path)
{
    return xmlReadFile(path, NULL, XML_PARSE_NOBLANKS | XML_PARSE_NONET);
}

unsigned int new_session_token(void)
{
    unsigned int session_token = (int)arc4random_uniform(1000000);
    return session_token;
}
