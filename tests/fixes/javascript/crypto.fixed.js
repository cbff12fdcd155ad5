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
  const token = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
  return token;
}
