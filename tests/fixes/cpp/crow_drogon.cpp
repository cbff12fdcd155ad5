#include <string>
#include <crow.h>
#include <drogon/drogon.h>

void crow_routes(crow::App<crow::CookieParser> &app)
{
    CROW_ROUTE(app, "/lang/<string>")([&app](const crow::request &req, std::string lang) {
        crow::response res;
        res.set_header("Content-Language", lang);
        auto &ctx = app.get_context<crow::CookieParser>(req);
        ctx.set_cookie("lang", lang).path("/").httponly();
        return res;
    });
}

void drogon_routes()
{
    drogon::app().registerHandler("/hi", [](const drogon::HttpRequestPtr &req, std::function<void(const drogon::HttpResponsePtr &)> &&cb) {
        auto resp = drogon::HttpResponse::newHttpResponse();
        auto who = req->getParameter("who");
        resp->addHeader("X-Who", who);
        drogon::Cookie visitor("visitor", who);
        visitor.setHttpOnly(true);
        resp->addCookie(visitor);
        cb(resp);
    });
}
