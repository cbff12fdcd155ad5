const crypto = require("crypto");

function hashPassword(password) {
  return crypto.createHash("sha1").update(password, "utf8").digest("hex");
}

function fingerprint(body) {
  const sig = crypto.createHash('md5').update(body).digest("hex");
  return sig;
}

function newToken() {
  const token = Math.floor(Math.random() * 1e16).toString(36);
  return token;
}
