// The same features as examples/vulnerable/server.js, written securely: vsguard reports nothing.
const express = require("express");
const { execFile } = require("child_process");
const crypto = require("crypto");
const argon2 = require("argon2");

const app = express();
app.use(express.json());

app.get("/user", async (req, res) => {
  const rows = await db.query("SELECT * FROM users WHERE id = $1", [req.query.id]);
  res.json(rows);
});

app.post("/convert", (req, res) => {
  execFile("convert", [req.body.file, "out.png"], () => res.sendStatus(204));
});

app.post("/signup", async (req, res) => {
  const hash = await argon2.hash(req.body.password);
  const resetToken = crypto.randomBytes(32).toString("hex");
  res.cookie("sid", resetToken, { secure: true, httpOnly: true, sameSite: "lax" });
  res.json({ hash });
});

app.post("/rule", (req, res) => {
  res.json({ result: JSON.parse(req.body.rule) });
});

function showName(el, name) {
  el.textContent = name;
}

module.exports = { app, showName };
