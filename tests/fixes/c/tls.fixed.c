#include <curl/curl.h>
#include <openssl/ssl.h>

void insecure(SSL_CTX *ctx, CURL *curl)
{
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
}
