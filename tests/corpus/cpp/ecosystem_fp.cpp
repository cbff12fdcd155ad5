// Shapes of a real single-header HTTP library that the format, TLS and redirect rules misread.
#include <array>
#include <cstdio>
#include <string>
#include <openssl/ssl.h>
#include "httplib.h"

// A variadic template forwards the format its caller wrote, like a `...` C wrapper.
template <typename... Args>
inline ssize_t write_format(const char *fmt, const Args &...args) {
  std::array<char, 2048> buf{};
  return snprintf(buf.data(), buf.size() - 1, fmt, args...); // ok: c-format-string
}

inline int log_line(const char *fmt, int code) {
  return printf(fmt, code); // expect: c-format-string
}

// The handshake runs with SSL_VERIFY_NONE and the chain is checked by hand afterwards.
inline bool connect_checked(SSL *ssl) {
  SSL_set_verify(ssl, SSL_VERIFY_NONE, nullptr); // ok: c-tls-verify-disabled
  if (SSL_connect(ssl) != 1) return false;
  return SSL_get_verify_result(ssl) == X509_V_OK;
}

inline bool connect_blind(SSL *ssl) {
  SSL_set_verify(ssl, SSL_VERIFY_NONE, nullptr); // expect: c-tls-verify-disabled
  return SSL_connect(ssl) == 1;
}

void routes(httplib::Server &svr) {
  // the request decides a number; the target stays a path of this server
  svr.Get(R"(/redirect/(\d+))", [&](const httplib::Request &req, httplib::Response &res) {
    auto num = std::stoi(req.matches[1]) + 1;
    std::string url = "/redirect/" + std::to_string(num);
    res.set_redirect(url); // ok: cpp-open-redirect
  });
  svr.Get("/go", [&](const httplib::Request &req, httplib::Response &res) {
    std::string next = req.get_param_value("next");
    std::string url = next + "/done";
    res.set_redirect(url); // expect: cpp-open-redirect
  });
}
