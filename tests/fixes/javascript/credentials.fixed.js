const mysql = require("mysql2");

const db = mysql.createConnection({
  host: "db.internal",
  user: "shop",
  password: process.env.MYSQL_PASSWORD,
});

function orders(customer, done) {
  db.query("SELECT id FROM orders WHERE customer = ?", [customer], done);
}

module.exports = { orders };
