#include <string>
#include <pqxx/pqxx>

int count_orders(pqxx::connection &conn, const std::string &customer, const std::string &status)
{
    pqxx::work tx(conn);
    auto rows = tx.exec("SELECT id FROM orders WHERE customer = '" + customer + "' AND status = '" + status + "'");
    tx.commit();
    return static_cast<int>(rows.size());
}
