const express = require("express");
const fs = require("fs");
const escapeHtml = require("escape-html");
const User = require("./models/user");

const app = express();

app.get("/hello", (req, res) => {
  const name = req.query.name;
  res.send("<h1>Hello " + name + "</h1>");
});

app.get("/file", (req, res) => {
  fs.readFile("/srv/files/" + req.query.file, (err, data) => res.send(escapeHtml(String(data))));
});

app.post("/login", async (req, res) => {
  const user = await User.findOne({ email: req.body.email });
  res.json({ ok: Boolean(user) });
});
