const express = require("express");
const fs = require("fs");
const path = require("path");
const axios = require("axios");
const { exec } = require("child_process");
const shellQuote = require("shell-quote");
const escapeHtml = require("escape-html");

const app = express();
const UPLOADS = "/srv/uploads";
const API = "https://api.example.com";

// ---- helpers whose parameter reaches a sink

function runQuery(db, sql) {
  return db.query(sql); // ok: js-sql-injection
}

function findByName(db, name) {
  const sql = "SELECT * FROM users WHERE name = '" + name + "'";
  return db.query(sql);
}

function listDir(dir) {
  exec("ls -la " + dir);
}

const readUpload = (name) => {
  const file = path.join(UPLOADS, name);
  return fs.readFileSync(file, "utf8"); // ok: js-path-traversal
};

async function fetchJson(url, timeout) {
  const res = await axios.get(url, { timeout }); // ok: js-ssrf
  return res.data;
}

function sendPage(res, body) {
  res.send("<main>" + body + "</main>"); // ok: js-xss-response
}

// ---- helpers calling helpers

function lookup(db, name) {
  return findByName(db, name.trim());
}

const archive = function (dir) {
  listDir(dir);
};

function reportFile(folder, name) {
  return readUpload(`${folder}/${name}`);
}

// ---- helpers that make their parameter safe, or do not pass it on

function listQuoted(dir) {
  listDir(shellQuote.quote([dir]));
}

function readPlain(name) {
  return readUpload(path.basename(name));
}

function sendEscaped(res, body) {
  sendPage(res, escapeHtml(body));
}

function countEvents(db, note) {
  console.log(note);
  return runQuery(db, "SELECT count(*) FROM events");
}

class Reports {
  constructor(db) {
    this.db = db;
  }

  byOwner(owner) {
    return this.db.query("SELECT * FROM reports WHERE owner = '" + owner + "'");
  }

  handle(req) {
    return this.byOwner(req.query.owner); // expect: js-sql-injection
  }

  handleFixed() {
    return this.byOwner("system"); // ok: js-sql-injection
  }
}

// ---- callers

app.get("/users", async (req, res) => {
  const name = req.query.name;
  await runQuery(db, "SELECT * FROM users WHERE name = '" + name + "'"); // expect: js-sql-injection
  await runQuery(db, "SELECT * FROM users"); // ok: js-sql-injection
  await runQuery(db, "SELECT * FROM users LIMIT " + parseInt(name, 10)); // ok: js-sql-injection
  await findByName(db, name); // expect: js-sql-injection
  await lookup(db, name); // expect: js-sql-injection
  await countEvents(db, name); // ok: js-sql-injection // expect: js-log-injection (the helper logs it)
  res.json({ ok: true });
});

app.post("/archive", (req, res) => {
  const dir = req.body.dir;
  listDir(dir); // expect: js-command-injection
  archive(dir); // expect: js-command-injection
  listQuoted(dir); // ok: js-command-injection
  listDir("/tmp"); // ok: js-command-injection
  res.sendStatus(204);
});

app.get("/files", (req, res) => {
  const name = req.query.name;
  const first = readUpload(name); // expect: js-path-traversal
  const second = reportFile("reports", name); // expect: js-path-traversal
  const third = readPlain(name); // ok: js-path-traversal
  const fourth = readUpload("index.txt"); // ok: js-path-traversal
  res.json({ first, second, third, fourth });
});

app.get("/proxy", async (req, res) => {
  const url = req.query.url;
  const first = await fetchJson(url, 1000); // expect: js-ssrf
  const second = await fetchJson(API + "/health", url); // ok: js-ssrf
  const third = await fetchJson(`${API}/items?q=${url}`, 1000); // ok: js-ssrf
  res.json({ first, second, third });
});

app.get("/page", (req, res) => {
  const who = req.query.who;
  if (req.query.raw) {
    sendPage(res, who); // expect: js-xss-response
    return;
  }
  if (req.query.escaped) {
    sendEscaped(res, who); // ok: js-xss-response
    return;
  }
  sendPage(res, "welcome"); // ok: js-xss-response
});
