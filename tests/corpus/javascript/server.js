const express = require("express");
const { exec, execFile, spawn } = require("child_process");
const fs = require("fs");
const path = require("path");
const axios = require("axios");
const _ = require("lodash");
const escapeHtml = require("escape-html");
const mysql = require("mysql2");
const { Pool } = require("pg");

const app = express();
const pool = new Pool();
const conn = mysql.createConnection({ host: "db" });
const UPLOADS = "/srv/uploads";

app.get("/users", async (req, res) => {
  const { id, sort } = req.query;
  const rows = await pool.query("SELECT * FROM users WHERE id = " + id); // expect: js-sql-injection
  conn.query(`SELECT * FROM users ORDER BY ${sort}`, (err, r) => res.json(r)); // expect: js-sql-injection
  const where = "name = '" + req.body.name + "'";
  const q = "SELECT * FROM users WHERE " + where;
  await pool.query(q); // expect: js-sql-injection
  await pool.query("SELECT * FROM users WHERE id = $1", [id]); // ok: js-sql-injection
  conn.query("SELECT * FROM users WHERE id = ?", [req.params.id]); // ok: js-sql-injection
  const limit = parseInt(req.query.limit, 10);
  await pool.query(`SELECT * FROM users LIMIT ${limit}`); // ok: js-sql-injection
  await pool.query(`SELECT * FROM users WHERE name = ${conn.escape(req.query.name)}`); // ok: js-sql-injection
  res.json(rows);
});

app.post("/tools", (req, res) => {
  const host = req.body.host;
  exec(`ping -c 1 ${host}`, () => {}); // expect: js-command-injection
  spawn("tar " + req.body.args, { shell: true }); // expect: js-command-injection
  execFile("ping", ["-c", "1", host], () => {}); // ok: js-command-injection
  spawn("ls", ["-la", req.body.dir]); // ok: js-command-injection
  exec("uptime", () => {}); // ok: js-command-injection
  res.sendStatus(204);
});

app.get("/page", (req, res) => {
  const name = req.query.name;
  res.send("<h1>Hello " + name + "</h1>"); // expect: js-xss-response
  res.send(`<p>You searched for ${req.query.q}</p>`); // expect: js-xss-response
  res.write("<li>" + req.params.item + "</li>"); // expect: js-xss-response
  res.send("<h1>Hello " + escapeHtml(name) + "</h1>"); // ok: js-xss-response
  res.json({ greeting: `Hello ${name}` }); // ok: js-xss-response
  res.send(`<p>${Number(req.query.count)} results</p>`); // ok: js-xss-response
});

app.get("/go", (req, res) => {
  res.redirect(req.query.next); // expect: js-open-redirect
  res.redirect(302, req.body.url); // expect: js-open-redirect
  const target = req.query.to;
  res.redirect(target); // expect: js-open-redirect
  res.redirect("/dashboard"); // ok: js-open-redirect
  res.redirect("/users/" + req.query.id); // ok: js-open-redirect
  res.redirect(`https://example.com/search?q=${encodeURIComponent(req.query.q)}`); // ok: js-open-redirect
});

app.get("/files", (req, res) => {
  fs.readFile(path.join(UPLOADS, req.query.name), () => {}); // expect: js-path-traversal
  res.sendFile(req.params.file, { root: UPLOADS }); // expect: js-path-traversal
  fs.unlinkSync(UPLOADS + "/" + req.body.file); // expect: js-path-traversal
  fs.readFile(path.join(UPLOADS, path.basename(req.query.name)), () => {}); // ok: js-path-traversal
  fs.readFile(path.join(UPLOADS, "index.html"), () => {}); // ok: js-path-traversal
  fs.writeFileSync("/tmp/log.txt", req.body.text); // ok: js-path-traversal // expect: js-insecure-temp-file
});

app.get("/proxy", async (req, res) => {
  const a = await fetch(req.query.url); // expect: js-ssrf
  const b = await axios.get(req.body.target); // expect: js-ssrf
  const c = await axios({ url: req.query.u, method: "get" }); // expect: js-ssrf
  const d = await fetch(`https://api.example.com/items/${req.query.id}`); // ok: js-ssrf
  const e = await axios.get("https://api.example.com/status"); // ok: js-ssrf
  const f = await fetch("https://api.example.com/search?q=" + req.query.q); // ok: js-ssrf
  res.json([a, b, c, d, e, f]);
});

app.post("/login", async (req, res) => {
  const user = await User.findOne({ name: req.body.name, password: req.body.password }); // expect: js-nosql-injection
  const other = await db.collection("users").find({ email: req.query.email }); // expect: js-nosql-injection
  await Users.deleteMany({ owner: req.body.owner }); // expect: js-nosql-injection
  const safe = await User.findOne({ name: String(req.body.name) }); // ok: js-nosql-injection
  const fixed = await User.find({ active: true }); // ok: js-nosql-injection
  const counted = await User.countDocuments({ age: Number(req.query.age) }); // ok: js-nosql-injection
  res.json({ user, other, safe, fixed, counted });
});

app.post("/settings", (req, res) => {
  const settings = {};
  _.merge(settings, req.body); // expect: js-prototype-pollution
  _.defaultsDeep(config, req.body.options); // expect: js-prototype-pollution
  $.extend(true, prefs, req.body); // expect: js-prototype-pollution
  _.merge(settings, { theme: "dark" }); // ok: js-prototype-pollution
  Object.assign(settings, { lang: req.body.lang }); // ok: js-prototype-pollution
  _.merge(settings, _.pick(defaults, ["a"])); // ok: js-prototype-pollution
  res.json(settings);
});

app.get("/search", (req, res) => {
  const re = new RegExp(req.query.pattern); // expect: js-regex-injection
  const re2 = RegExp("^" + req.query.prefix); // expect: js-regex-injection
  const re3 = new RegExp(`(${req.body.word})+`, "i"); // expect: js-regex-injection
  const ok1 = new RegExp(_.escapeRegExp(req.query.pattern)); // ok: js-regex-injection
  const ok2 = new RegExp("^[a-z]+$"); // ok: js-regex-injection
  const ok3 = req.query.pattern.includes("x"); // ok: js-regex-injection
  res.json([re, re2, re3, ok1, ok2, ok3]);
});
