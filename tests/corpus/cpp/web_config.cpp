#include <filesystem>
#include <fstream>
#include <string>
#include <pqxx/pqxx>
#include <SQLiteCpp/SQLiteCpp.h>
#include <httplib.h>
#include <crow.h>
#include <drogon/drogon.h>
#include <jwt-cpp/jwt.h>

const std::string kTable = "users";
const std::string kUploads = "/srv/uploads";

void queries(pqxx::work &tx, SQLite::Database &db, sqlite3 *raw, const std::string &name, int id)
{
    tx.exec("SELECT * FROM users WHERE name = '" + name + "'"); // expect: cpp-sql-injection
    std::string q = "DELETE FROM sessions WHERE owner = '" + name + "'";
    db.exec(q); // expect: cpp-sql-injection
    sqlite3_exec(raw, q.c_str(), nullptr, nullptr, nullptr); // expect: cpp-sql-injection
    SQLite::Statement st(db, std::format("SELECT * FROM users WHERE name = '{}'", name)); // expect: cpp-sql-injection
    tx.exec_params("SELECT * FROM users WHERE name = $1", name); // ok: cpp-sql-injection
    tx.exec("SELECT COUNT(*) FROM " + kTable); // ok: cpp-sql-injection
    SQLite::Statement byName(db, "SELECT * FROM users WHERE name = ?"); // ok: cpp-sql-injection
    byName.bind(1, name);
    std::string fixed = "SELECT 1";
    db.exec(fixed); // ok: cpp-sql-injection
    sqlite3_exec(raw, "VACUUM", nullptr, nullptr, nullptr); // ok: cpp-sql-injection
}

void uploads(httplib::Server &svr)
{
    svr.Post("/upload", [](const httplib::Request &req, httplib::Response &res) {
        const auto &file = req.get_file_value("file");
        std::ofstream out(kUploads + "/" + file.filename, std::ios::binary); // expect: cpp-upload-filename-path
        auto target = std::filesystem::path(kUploads) / file.filename; // expect: cpp-upload-filename-path
        auto safe = std::filesystem::path(kUploads) / std::filesystem::path(file.filename).filename(); // ok: cpp-upload-filename-path
        std::ofstream random(kUploads + "/" + random_hex(16) + ".bin"); // ok: cpp-upload-filename-path
        res.set_content("stored " + file.filename, "text/plain"); // ok: cpp-upload-filename-path
    });
}

void drogon_upload(const drogon::HttpRequestPtr &req)
{
    drogon::MultiPartParser parser;
    parser.parse(req);
    for (auto &file : parser.getFiles()) {
        file.saveAs(file.getFileName()); // expect: cpp-upload-filename-path
        file.saveAs(drogon::utils::getUuid() + "." + std::string(file.getFileExtension())); // ok: cpp-upload-filename-path
        LOG_INFO << "received " << file.getFileName(); // ok: cpp-upload-filename-path
    }
}

bool check(const std::string &token, const std::string &secret)
{
    auto decoded = jwt::decode(token); // ok: cpp-jwt-unverified
    jwt::verify().allow_algorithm(jwt::algorithm::hs256{secret}).with_issuer("auth.example.com").verify(decoded); // ok: cpp-jwt-unverified
    return true;
}

std::string user_of(const std::string &token)
{
    auto decoded = jwt::decode(token); // expect: cpp-jwt-unverified
    return decoded.get_payload_claim("sub").as_string();
}

void lenient(const std::string &token)
{
    auto verifier = jwt::verify().allow_algorithm(jwt::algorithm::none{}); // expect: cpp-jwt-unverified
    verifier.verify(jwt::decode(token)); // ok: cpp-jwt-unverified
}

void admin_of(const std::string &token)
{
    auto claims = jwt::decode<jwt::traits::nlohmann_json>(token).get_payload_json(); // expect: cpp-jwt-unverified
}

void cookies(crow::App<crow::CookieParser> &app, const crow::request &req, const drogon::HttpResponsePtr &resp, httplib::Response &res)
{
    auto &ctx = app.get_context<crow::CookieParser>(req);
    ctx.set_cookie("session", "abc").path("/").httponly(); // expect: cpp-cookie-insecure
    ctx.set_cookie("session", "abc").path("/").httponly().secure(); // ok: cpp-cookie-insecure
    drogon::Cookie c("session", "abc"); // expect: cpp-cookie-insecure
    c.setHttpOnly(true);
    resp->addCookie(c);
    drogon::Cookie s("session", "abc"); // ok: cpp-cookie-insecure
    s.setSecure(true);
    s.setSecure(false); // expect: cpp-cookie-insecure
    res.set_header("Set-Cookie", "session=abc; HttpOnly"); // expect: cpp-cookie-insecure
    res.set_header("Set-Cookie", "session=abc; Secure; HttpOnly; SameSite=Lax"); // ok: cpp-cookie-insecure
    res.set_header("Cache-Control", "no-store"); // ok: cpp-cookie-insecure
}

void orm(const drogon::HttpRequestPtr &req, drogon::orm::Mapper<drogon_model::app::Users> &mapper)
{
    drogon_model::app::Users user(*req->getJsonObject()); // expect: cpp-mass-assignment
    auto json = req->getJsonObject();
    drogon_model::app::Users other(*json); // expect: cpp-mass-assignment
    user.updateByJson(*req->getJsonObject()); // expect: cpp-mass-assignment
    drogon_model::app::Users limited(*req->getJsonObject(), {"name", "email"}); // ok: cpp-mass-assignment
    user.updateByMasqueradedJson(*req->getJsonObject(), {"name"}); // ok: cpp-mass-assignment
    Json::Value body(*req->getJsonObject()); // ok: cpp-mass-assignment
    mapper.insert(user);
}
