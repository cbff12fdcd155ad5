const mysql = require("mysql2");
const connection = mysql.createConnection({ host: "localhost" });

function search(term, cb) {
  connection.query("SELECT id FROM items WHERE title LIKE ?", [`%${term}%`], cb);
}
