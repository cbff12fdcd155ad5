/* Runs tests/fixes/c/crypto_store.c (copied as case.c). argv[1] is an XML file for load_config.
 * Prints one line per function: the digest hex of "abc" from fingerprint and checksum (with the
 * checksum's length), the bits of the key make_key generates, the text load_config's document
 * holds, and a session token. */
#include <stdio.h>
#include <openssl/bn.h>

#include "case.c"

int main(int argc, char **argv)
{
    if (argc < 2)
        return 2;
    char hex[2 * 64 + 1];
    fingerprint((const unsigned char *)"abc", 3, hex, sizeof hex);
    printf("fingerprint=%s\n", hex);

    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int outlen = 0;
    checksum((const unsigned char *)"abc", 3, out, &outlen);
    printf("checksum_len=%u\n", outlen);

    RSA *rsa = make_key();
    printf("key_bits=%d\n", rsa != NULL ? RSA_bits(rsa) : -1);
    RSA_free(rsa);

    xmlDocPtr doc = load_config(argv[1]);
    xmlChar *text = doc != NULL ? xmlNodeGetContent(xmlDocGetRootElement(doc)) : NULL;
    printf("config=%s\n", text != NULL ? (const char *)text : "(none)");
    xmlFree(text);
    xmlFreeDoc(doc);

    printf("token=%u\n", new_session_token());
    return 0;
}
