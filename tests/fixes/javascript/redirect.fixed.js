const express = require("express");

const app = express();

app.get("/login/done", (req, res) => {
  const next = req.query.next || "/";
  res.redirect(`/${String(next).replace(/^[\s/\\]+/, "")}`);
});

app.get("/search", (req, res) => {
  const pattern = new RegExp(escapeRegExp(req.query.q), "i");
  res.json({ match: pattern.test("Alice Example") });
});

// Escapes the characters that are special in a regular expression, so text matches as itself.
function escapeRegExp(value) {
  return String(value).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
