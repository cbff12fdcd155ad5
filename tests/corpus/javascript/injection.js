const express = require("express");
const { exec, execFile, execSync } = require("child_process");
const serialize = require("node-serialize");
const app = express();
const TABLE = "users";

app.get("/user", async (req, res) => {
  const id = req.query.id;
  const rows = await db.query(`SELECT * FROM users WHERE id = ${id}`); // expect: js-sql-injection
  const sql = "SELECT * FROM users WHERE name = '" + req.query.name + "'";
  await pool.query(sql); // expect: js-sql-injection
  await knex.raw(`DELETE FROM sessions WHERE user = '${id}'`); // expect: js-sql-injection
  await db.query("SELECT * FROM users WHERE id = $1", [id]); // ok: js-sql-injection
  await db.query("SELECT * FROM " + TABLE); // ok: js-sql-injection
  await db.query(`SELECT count(*) FROM ${TABLE}`); // ok: js-sql-injection
  const m = /(\d+)/.exec(id); // ok: js-sql-injection, js-command-injection
  res.json({ rows, m });
});

app.post("/ping", (req, res) => {
  exec("ping -c 1 " + req.body.host); // expect: js-command-injection
  execSync(`nslookup ${req.body.domain}`); // expect: js-command-injection
  const line = "tar czf backup.tgz " + req.body.dir;
  child_process.exec(line, () => {}); // expect: js-command-injection
  execFile("ping", ["-c", "1", req.body.host]); // ok: js-command-injection
  exec("ls -la"); // ok: js-command-injection
  const fixedCmd = "uptime";
  execSync(fixedCmd); // ok: js-command-injection
  res.sendStatus(204);
});

app.post("/calc", (req, res) => {
  const value = eval(req.body.expr); // expect: js-eval
  const fn = new Function("a", req.body.code); // expect: js-eval
  setTimeout("run(" + req.body.arg + ")", 10); // expect: js-eval
  const two = eval("1 + 1"); // ok: js-eval
  const cfg = JSON.parse(req.body.cfg); // ok: js-eval
  setTimeout(() => tick(), 100); // ok: js-eval
  res.json({ value, fn, two, cfg });
});

app.post("/profile", (req, res) => {
  const profile = serialize.unserialize(req.cookies.profile); // expect: js-unsafe-deserialization
  const other = unserialize(req.body.data); // expect: js-unsafe-deserialization
  const third = serialize.unserialize(Buffer.from(req.query.p, "base64").toString()); // expect: js-unsafe-deserialization
  const plain = JSON.parse(req.cookies.profile); // ok: js-unsafe-deserialization
  const fixture = serialize.unserialize('{"a":1}'); // ok: js-unsafe-deserialization
  const out = serialize.serialize(plain); // ok: js-unsafe-deserialization
  res.json({ profile, other, third, fixture, out });
});
