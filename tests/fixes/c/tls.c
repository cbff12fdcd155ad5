#include <curl/curl.h>
#include <openssl/ssl.h>

void insecure(SSL_CTX *ctx, CURL *curl)
{
    SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, NULL);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 0);
}
