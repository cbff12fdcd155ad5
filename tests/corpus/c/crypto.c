#include <stdlib.h>
#include <openssl/ssl.h>
#include <curl/curl.h>

void make_secrets(unsigned char *out, size_t n)
{
    int session_id = rand(); /* expect: c-insecure-random */
    unsigned int nonce = (unsigned int)random(); /* expect: c-insecure-random */
    for (size_t i = 0; i < n; i++) {
        key[i] = rand() & 0xff; /* expect: c-insecure-random */
    }
    int dice = rand() % 6 + 1; /* ok: c-insecure-random */
    int jitter_ms = random() % 100; /* ok: c-insecure-random */
    getrandom(out, n, 0); /* ok: c-insecure-random */
}

unsigned long generate_token(void)
{
    return ((unsigned long)rand() << 16) ^ rand(); /* expect: c-insecure-random */
}

void shuffle_deck(int *cards, int n)
{
    int j = rand() % n; /* ok: c-insecure-random */
    cards[0] = j;
}

void connect_tls(SSL_CTX *ctx, CURL *curl)
{
    SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, NULL); /* expect: c-tls-verify-disabled */
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 0L); /* expect: c-tls-verify-disabled */
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 0); /* expect: c-tls-verify-disabled */
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL); /* ok: c-tls-verify-disabled */
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L); /* ok: c-tls-verify-disabled */
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L); /* ok: c-tls-verify-disabled */
    curl_easy_setopt(curl, CURLOPT_VERBOSE, 0L); /* ok: c-tls-verify-disabled */
}
