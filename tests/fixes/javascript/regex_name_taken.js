const express = require("express");

const app = express();
// The name the fix would give its helper is already taken here, so the finding stays guidance.
const escapeRegExp = /[.*+?^${}()|[\]\\]/g;

app.get("/search", (req, res) => {
  const pattern = new RegExp(req.query.q, "i");
  res.json({ match: pattern.test("Alice Example"), special: escapeRegExp.source });
});
