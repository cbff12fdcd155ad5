const { Pool } = require("pg");
const pool = new Pool();

async function findUser(name) {
  const { rows } = await pool.query(`SELECT id, name FROM users WHERE name = '${name}'`);
  return rows;
}

async function byIds(a, b) {
  const sql = "SELECT id FROM users WHERE id = " + a + " OR id = " + b;
  return pool.query(sql);
}
