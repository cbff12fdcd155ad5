#include <string>
#include <pqxx/pqxx>

int count_orders(pqxx::connection &conn, const std::string &customer, const std::string &status)
{
    pqxx::work tx(conn);
    auto rows = tx.exec_params("SELECT id FROM orders WHERE customer = $1 AND status = $2", customer, status);
    tx.commit();
    return static_cast<int>(rows.size());
}
