const { Pool } = require("pg");
const pool = new Pool();

async function findUser(name) {
  const { rows } = await pool.query(`SELECT id, name FROM users WHERE name = $1`, [name]);
  return rows;
}

async function byIds(a, b) {
  const sql = "SELECT id FROM users WHERE id = $1 OR id = $2";
  return pool.query(sql, [a, b]);
}
