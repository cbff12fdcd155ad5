const mysql = require("mysql2");

const db = mysql.createConnection({
  host: "db.internal",
  user: "shop",
  password: "Tr0ub4dor-horse-77",
});

function orders(customer, done) {
  db.query("SELECT id FROM orders WHERE customer = ?", [customer], done);
}

module.exports = { orders };
