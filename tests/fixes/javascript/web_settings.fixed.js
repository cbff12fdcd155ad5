const libxmljs = require("libxmljs");
const jwt = require("jsonwebtoken");
const cors = require("cors");
const express = require("express");

const app = express();
app.use(cors({ origin: (process.env.CORS_ORIGINS || "").split(","), credentials: true }));

function parse(body) {
  return libxmljs.parseXml(body, { nonet: true });
}

function check(token, key) {
  return jwt.verify(token, key, {
    algorithms: ["RS256"],
  });
}
