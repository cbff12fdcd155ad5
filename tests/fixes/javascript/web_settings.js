const libxmljs = require("libxmljs");
const jwt = require("jsonwebtoken");
const cors = require("cors");
const express = require("express");

const app = express();
app.use(cors({ origin: true, credentials: true }));

function parse(body) {
  return libxmljs.parseXml(body, { noent: true, nonet: true });
}

function check(token, key) {
  return jwt.verify(token, key, {
    algorithms: ["RS256", "none"],
    ignoreExpiration: true,
  });
}
