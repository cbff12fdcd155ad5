const jwt = require("jsonwebtoken");
const tmp = require("tmp");

function claims(token) {
  return jwt.verify(token, "", { algorithms: ["none"] });
}

function allowAnyOrigin(req, res, next) {
  res.setHeader("Access-Control-Allow-Origin", req.headers.origin);
  next();
}

const scratch = tmp.tmpNameSync();
