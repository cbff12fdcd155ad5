#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <httplib.h>
#include <jwt-cpp/jwt.h>

namespace fs = std::filesystem;
const std::string kRoot = "/srv/files";

std::string claims_of(const std::string &token, const std::string &secret)
{
    auto decoded = jwt::decode(token);
    auto verifier = jwt::verify()
                        .allow_algorithm(jwt::algorithm::hs256{secret})
                        .allow_algorithm(jwt::algorithm::none{});
    verifier.verify(decoded);
    return decoded.get_payload();
}

void routes(httplib::Server &svr)
{
    svr.Get("/file", [](const httplib::Request &req, httplib::Response &res) {
        auto name = req.get_param_value("name");
        std::ifstream in(kRoot + "/" + name);
        std::stringstream body;
        body << in.rdbuf();
        res.set_content(body.str(), "application/octet-stream");
    });

    svr.Get("/hello", [](const httplib::Request &req, httplib::Response &res) {
        auto name = req.get_param_value("name");
        res.set_content("<p>Hello " + name + "</p>", "text/html");
    });

    svr.Post("/login", [](const httplib::Request &req, httplib::Response &res) {
        auto next = req.get_param_value("next");
        auto session = req.get_param_value("session");
        res.set_header("Set-Cookie", "sid=" + session + "; HttpOnly");
        res.set_redirect(next);
    });

    svr.Get("/api/items", [](const httplib::Request &req, httplib::Response &res) {
        auto origin = req.get_header_value("Origin");
        res.set_header("Access-Control-Allow-Origin", origin);
        res.set_content("[]", "application/json");
    });

    svr.Post("/upload", [](const httplib::Request &req, httplib::Response &res) {
        auto file = req.get_file_value("file");
        std::ofstream out(kRoot + "/" + file.filename, std::ios::binary);
        out << file.content;
        res.status = 201;
    });
}
