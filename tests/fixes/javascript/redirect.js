const express = require("express");

const app = express();

app.get("/login/done", (req, res) => {
  const next = req.query.next || "/";
  res.redirect(next);
});

app.get("/search", (req, res) => {
  const pattern = new RegExp(req.query.q, "i");
  res.json({ match: pattern.test("Alice Example") });
});
