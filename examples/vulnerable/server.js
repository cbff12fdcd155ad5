// A deliberately vulnerable Express app: every `planted:` line is a flaw vsguard must report.
const express = require("express");
const { exec } = require("child_process");
const crypto = require("crypto");
const https = require("https");

const app = express();
app.use(express.json());

app.get("/user", async (req, res) => {
  const rows = await db.query(`SELECT * FROM users WHERE id = ${req.query.id}`); // planted: CWE-89
  res.json(rows);
});

app.post("/convert", (req, res) => {
  exec("convert " + req.body.file + " out.png", () => res.sendStatus(204)); // planted: CWE-78
});

app.post("/signup", (req, res) => {
  const hash = crypto.createHash("sha1").update(req.body.password).digest("hex"); // planted: CWE-916
  const resetToken = Math.random().toString(36).slice(2); // planted: CWE-330
  res.cookie("sid", resetToken); // planted: CWE-614, CWE-1004, CWE-1275, CWE-338
  res.json({ hash });
});

app.post("/rule", (req, res) => {
  res.json({ result: eval(req.body.rule) }); // planted: CWE-95
});

const agent = new https.Agent({ rejectUnauthorized: false }); // planted: CWE-295

function showName(el, name) {
  el.innerHTML = "<b>" + name + "</b>"; // planted: CWE-79
}

module.exports = { app, agent, showName };
