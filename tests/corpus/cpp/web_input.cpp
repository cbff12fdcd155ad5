#include <filesystem>
#include <fstream>
#include <string>
#include <cpr/cpr.h>
#include <httplib.h>
#include <crow.h>
#include <drogon/drogon.h>
#include <inja/inja.hpp>

namespace fs = std::filesystem;
const std::string kRoot = "/srv/files";

void httplib_routes(httplib::Server &svr, inja::Environment &env)
{
    svr.Get("/file", [&](const httplib::Request &req, httplib::Response &res) {
        auto name = req.get_param_value("name");
        std::ifstream in(kRoot + "/" + name); // expect: cpp-path-traversal
        std::string path = kRoot + "/" + name;
        std::ofstream out(path); // expect: cpp-path-traversal
        fs::remove(req.get_param_value("old")); // expect: cpp-path-traversal
        std::ifstream logo(kRoot + "/logo.png"); // ok: cpp-path-traversal
        res.set_content("<p>Hello " + name + "</p>", "text/html"); // expect: cpp-xss-html-response
        res.set_content("Hello " + name, "text/plain"); // ok: cpp-xss-html-response
        res.set_content("<p>Hello " + html_escape(name) + "</p>", "text/html"); // ok: cpp-xss-html-response
        res.set_content("<p>ready</p>", "text/html"); // ok: cpp-xss-html-response
        res.set_redirect(req.get_param_value("next")); // expect: cpp-open-redirect
        res.set_redirect("/files/" + name); // ok: cpp-open-redirect
        res.set_header("X-Name", name); // ok: cpp-header-injection
        res.set_header("Access-Control-Allow-Origin", req.get_header_value("Origin")); // expect: cpp-cors-reflect-origin
        res.set_header("Access-Control-Allow-Origin", "https://app.example.com"); // ok: cpp-cors-reflect-origin
        auto page = env.render(req.body, {{"user", name}}); // expect: cpp-template-injection
        auto fixed = env.render("Hello {{ user }}", {{"user", name}}); // ok: cpp-template-injection
        auto rendered = inja::render(req.get_param_value("tpl"), {}); // expect: cpp-template-injection
    });

    svr.Get("/safe", [&](const httplib::Request &req, httplib::Response &res) {
        auto name = req.get_param_value("name");
        auto p = fs::weakly_canonical(fs::path(kRoot) / name);
        if (p.string().rfind(kRoot + "/", 0) != 0) return;
        std::ifstream in(p); // ok: cpp-path-traversal
        auto origin = req.get_header_value("Origin");
        if (origin == "https://app.example.com") {
            res.set_header("Access-Control-Allow-Origin", origin); // ok: cpp-cors-reflect-origin
        }
    });

    svr.Get("/proxy", [&](const httplib::Request &req, httplib::Response &res) {
        auto target = req.get_param_value("url");
        auto r = cpr::Get(cpr::Url{target}); // expect: cpp-ssrf
        httplib::Client cli(req.get_param_value("host")); // expect: cpp-ssrf
        auto item = cpr::Get(cpr::Url{"https://api.example.com/items/" + target}); // ok: cpp-ssrf
        auto health = cpr::Get(cpr::Url{"https://status.example.com/health"}); // ok: cpp-ssrf
        auto origin = req.get_header_value("Origin");
        res.set_header("Access-Control-Allow-Origin", origin); // expect: cpp-cors-reflect-origin
    });
}

void crow_routes(crow::SimpleApp &app)
{
    CROW_ROUTE(app, "/doc/<string>")([](const crow::request &req, std::string name) {
        crow::response res;
        std::ifstream in(kRoot + "/" + name); // expect: cpp-path-traversal
        res.add_header("X-Echo", req.url_params.get("v")); // expect: cpp-header-injection
        res.set_header("Content-Language", name); // expect: cpp-header-injection
        res.add_header("Cache-Control", "no-store"); // ok: cpp-header-injection
        res.redirect(req.url_params.get("next")); // expect: cpp-open-redirect
        res.set_static_file_info(name); // expect: cpp-path-traversal
        auto tpl = crow::mustache::compile(req.body); // expect: cpp-template-injection
        return res;
    });
}

void drogon_routes()
{
    drogon::app().registerHandler("/hi", [](const drogon::HttpRequestPtr &req, std::function<void(const drogon::HttpResponsePtr &)> &&cb) {
        auto resp = drogon::HttpResponse::newHttpResponse();
        auto who = req->getParameter("who");
        resp->setBody("<h1>Hi " + who + "</h1>"); // expect: cpp-xss-html-response
        resp->addHeader("X-Who", who); // expect: cpp-header-injection
        auto go = drogon::HttpResponse::newRedirectionResponse(req->getParameter("to")); // expect: cpp-open-redirect
        auto home = drogon::HttpResponse::newRedirectionResponse("https://www.example.com/"); // ok: cpp-open-redirect
        cb(resp);
    });
    drogon::app().registerHandler("/api", [](const drogon::HttpRequestPtr &req, std::function<void(const drogon::HttpResponsePtr &)> &&cb) {
        auto resp = drogon::HttpResponse::newHttpResponse();
        resp->setContentTypeCode(drogon::CT_APPLICATION_JSON);
        resp->setBody("{\"who\": \"" + req->getParameter("who") + "\"}"); // ok: cpp-xss-html-response
        resp->addHeader("X-Who", req->getParameter("who")); // expect: cpp-header-injection
        cb(resp);
    });
}

void clean_header(const drogon::HttpRequestPtr &req, const drogon::HttpResponsePtr &resp)
{
    auto v = req->getParameter("v");
    v.erase(std::remove_if(v.begin(), v.end(), [](char c) { return c == '\r' || c == '\n'; }), v.end());
    resp->addHeader("X-V", v); // ok: cpp-header-injection
}

std::string load(const std::string &name)
{
    std::ifstream in(kRoot + "/" + name); // ok: cpp-path-traversal
    return std::string(std::istreambuf_iterator<char>(in), {});
}

void more_routes(httplib::Server &svr, inja::Environment &env, CURL *curl)
{
    svr.Get("/more", [&](const httplib::Request &req, httplib::Response &res) {
        auto host = req.get_header_value("X-Forwarded-Host");
        std::string url = "http://" + host + "/callback";
        curl_easy_setopt(curl, CURLOPT_URL, url.c_str()); // expect: cpp-ssrf
        curl_easy_setopt(curl, CURLOPT_URL, "https://api.example.com/ping"); // ok: cpp-ssrf
        auto back = req.get_param_value("back");
        if (back.rfind("/", 0) == 0 && back.rfind("//", 0) != 0) {
            res.set_redirect(back); // ok: cpp-open-redirect
        }
        res.set_redirect("https://www.example.com/login"); // ok: cpp-open-redirect
        res.set_content("<pre>" + req.body + "</pre>", "text/html; charset=utf-8"); // expect: cpp-xss-html-response
        res.set_header("Access-Control-Allow-Origin", req.get_header_value("origin")); // expect: cpp-cors-reflect-origin
        res.set_header("Access-Control-Allow-Credentials", "true"); // ok: cpp-cors-reflect-origin
        auto page = env.render_file("page.html", {{"q", req.get_param_value("q")}}); // ok: cpp-template-injection
        auto parsed = env.parse("<p>{{ q }}</p>"); // ok: cpp-template-injection
    });
}
