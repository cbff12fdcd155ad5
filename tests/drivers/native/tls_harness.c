/* Runs insecure() from tests/fixes/c/tls.c (copied as case.c) on a real OpenSSL client context,
 * then handshakes it in memory with a server whose certificate is self-signed: once with that
 * certificate unknown to the client (an impostor) and once with it trusted (the real server).
 * Prints: verify_mode curl_verifypeer curl_verifyhost impostor_accepted trusted_accepted */
#include <stdio.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include "case.c"

static X509 *self_signed(EVP_PKEY *key)
{
    X509 *cert = X509_new();
    X509_set_version(cert, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
    X509_gmtime_adj(X509_getm_notBefore(cert), -60);
    X509_gmtime_adj(X509_getm_notAfter(cert), 3600);
    X509_set_pubkey(cert, key);
    X509_NAME *name = X509_get_subject_name(cert);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, (const unsigned char *)"localhost", -1, -1, 0);
    X509_set_issuer_name(cert, name);
    X509_sign(cert, key, EVP_sha256());
    return cert;
}

static int handshake(SSL_CTX *client_ctx, SSL_CTX *server_ctx)
{
    SSL *client = SSL_new(client_ctx);
    SSL *server = SSL_new(server_ctx);
    BIO *client_end, *server_end;
    BIO_new_bio_pair(&client_end, 0, &server_end, 0);
    SSL_set_bio(client, client_end, client_end);
    SSL_set_bio(server, server_end, server_end);
    SSL_set_connect_state(client);
    SSL_set_accept_state(server);
    int ok = 0;
    for (int round = 0; round < 50; round++) {
        int c = SSL_do_handshake(client);
        int s = SSL_do_handshake(server);
        if (c == 1 && s == 1) {
            ok = 1;
            break;
        }
        int ce = c == 1 ? SSL_ERROR_NONE : SSL_get_error(client, c);
        int se = s == 1 ? SSL_ERROR_NONE : SSL_get_error(server, s);
        if ((ce != SSL_ERROR_NONE && ce != SSL_ERROR_WANT_READ && ce != SSL_ERROR_WANT_WRITE)
            || (se != SSL_ERROR_NONE && se != SSL_ERROR_WANT_READ && se != SSL_ERROR_WANT_WRITE)) {
            break;
        }
    }
    ERR_clear_error();
    SSL_free(client);
    SSL_free(server);
    return ok;
}

int main(void)
{
    EVP_PKEY *key = EVP_EC_gen("P-256");
    X509 *cert = self_signed(key);
    SSL_CTX *server_ctx = SSL_CTX_new(TLS_server_method());
    SSL_CTX_use_certificate(server_ctx, cert);
    SSL_CTX_use_PrivateKey(server_ctx, key);

    SSL_CTX *impostor_ctx = SSL_CTX_new(TLS_client_method());
    CURL curl = {-1, -1};
    insecure(impostor_ctx, &curl);
    int impostor = handshake(impostor_ctx, server_ctx);

    SSL_CTX *trusting_ctx = SSL_CTX_new(TLS_client_method());
    CURL unused = {-1, -1};
    insecure(trusting_ctx, &unused);
    X509_STORE_add_cert(SSL_CTX_get_cert_store(trusting_ctx), cert);
    int trusted = handshake(trusting_ctx, server_ctx);

    printf("%d %ld %ld %d %d\n", SSL_CTX_get_verify_mode(impostor_ctx), curl.ssl_verifypeer,
           curl.ssl_verifyhost, impostor, trusted);
    return 0;
}
