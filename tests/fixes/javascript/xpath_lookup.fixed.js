const express = require("express");
const xpath = require("xpath");
const doc = require("./users-doc");

const app = express();

app.get("/users", (req, res) => {
  const name = req.query.name;
  const found = xpath.parse("//user[name=$name]").evaluate({ node: doc, variables: { name: name } });
  const admin = xpath.parse(`//user[@role="admin" and email=$email]`).select1({ node: doc, variables: { email: req.query.email } });
  res.json({ found, admin });
});
