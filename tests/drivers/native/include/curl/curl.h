/* A stand-in for libcurl's easy handle that keeps the two TLS options tests/fixes/c/tls.c sets,
 * so the harness can read them back (libcurl has no getter for options). */
#ifndef FAKE_CURL_H
#define FAKE_CURL_H

#include <stdarg.h>

typedef struct {
    long ssl_verifypeer;
    long ssl_verifyhost;
} CURL;

typedef enum { CURLOPT_SSL_VERIFYPEER = 64, CURLOPT_SSL_VERIFYHOST = 81 } CURLoption;

static int curl_easy_setopt(CURL *curl, CURLoption option, ...)
{
    va_list args;
    va_start(args, option);
    long value = va_arg(args, long);
    va_end(args);
    if (option == CURLOPT_SSL_VERIFYPEER) {
        curl->ssl_verifypeer = value;
    } else if (option == CURLOPT_SSL_VERIFYHOST) {
        curl->ssl_verifyhost = value;
    }
    return 0;
}

#endif
