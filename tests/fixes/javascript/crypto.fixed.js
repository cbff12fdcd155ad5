const crypto = require("crypto");
const bcrypt = require("bcrypt");

function hashPassword(password) {
  return bcrypt.hashSync(password, 12);
}

function fingerprint(body) {
  const sig = crypto.createHash('sha256').update(body).digest("hex");
  return sig;
}

function newToken() {
  const token = Math.floor((crypto.getRandomValues(new Uint32Array(1))[0] / 4294967296) * 1e16).toString(36);
  return token;
}
