#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <httplib.h>
#include <jwt-cpp/jwt.h>
#include <cstdlib>

namespace fs = std::filesystem;
static std::string html_escape(const std::string &text)
{
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default: out += c;
        }
    }
    return out;
}

const std::string kRoot = "/srv/files";

std::string claims_of(const std::string &token, const std::string &secret)
{
    auto decoded = jwt::decode(token);
    auto verifier = jwt::verify()
                        .allow_algorithm(jwt::algorithm::hs256{secret});
    verifier.verify(decoded);
    return decoded.get_payload();
}

void routes(httplib::Server &svr)
{
    svr.Get("/file", [](const httplib::Request &req, httplib::Response &res) {
        auto name = req.get_param_value("name");
        std::ifstream in(kRoot + "/" + fs::path(name).filename().string());
        std::stringstream body;
        body << in.rdbuf();
        res.set_content(body.str(), "application/octet-stream");
    });

    svr.Get("/hello", [](const httplib::Request &req, httplib::Response &res) {
        auto name = req.get_param_value("name");
        res.set_content("<p>Hello " + html_escape(name) + "</p>", "text/html");
    });

    svr.Post("/login", [](const httplib::Request &req, httplib::Response &res) {
        auto next = req.get_param_value("next");
        auto session = req.get_param_value("session");
        res.set_header("Set-Cookie", "sid=" + session + "; HttpOnly; Secure");
        if (next.rfind("/", 0) == 0 && next.rfind("//", 0) != 0 && next.rfind("/\\", 0) != 0) {
            res.set_redirect(next);
        } else {
            res.set_redirect("/");
        }
    });

    svr.Get("/api/items", [](const httplib::Request &req, httplib::Response &res) {
        auto origin = req.get_header_value("Origin");
        if (const char *allowed = std::getenv("CORS_ALLOWED_ORIGIN"); allowed && origin == allowed) {
            res.set_header("Access-Control-Allow-Origin", origin);
        }
        res.set_content("[]", "application/json");
    });

    svr.Post("/upload", [](const httplib::Request &req, httplib::Response &res) {
        auto file = req.get_file_value("file");
        std::ofstream out(kRoot + "/" + fs::path(file.filename).filename().string(), std::ios::binary);
        out << file.content;
        res.status = 201;
    });
}
