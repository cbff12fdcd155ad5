const express = require("express");
const xpath = require("xpath");
const doc = require("./users-doc");

const app = express();

app.get("/users", (req, res) => {
  const name = req.query.name;
  const found = xpath.select("//user[name='" + name + "']", doc);
  const admin = xpath.select1(`//user[@role="admin" and email="${req.query.email}"]`, doc);
  res.json({ found, admin });
});
