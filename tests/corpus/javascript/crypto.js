const crypto = require("crypto");
const https = require("https");

function hashPassword(password) {
  return crypto.createHash("md5").update(password).digest("hex"); // expect: js-weak-password-hash
}
function hashPw(user) {
  return crypto.createHash("sha256").update(user.pwd).digest("hex"); // expect: js-weak-password-hash
}
function legacyHash(newPassword, salt) {
  return crypto.createHash("sha1").update(salt + newPassword).digest("hex"); // expect: js-weak-password-hash
}
async function goodHash(password) {
  const bcrypt = require("bcrypt");
  const a = await bcrypt.hash(password, 12); // ok: js-weak-password-hash
  const b = crypto.scryptSync(password, crypto.randomBytes(16), 64); // ok: js-weak-password-hash
  const c = crypto.createHash("sha256").update(fileBuffer).digest("hex"); // ok: js-weak-password-hash, js-weak-hash
  return [a, b, c];
}

function sign(body) {
  const signature = crypto.createHash("md5").update(body).digest("hex"); // expect: js-weak-hash
  const mac = crypto.createHash("sha1"); // expect: js-weak-hash
  const integrity = crypto.createHash("MD5").update(body).digest("base64"); // expect: js-weak-hash
  const etag = crypto.createHash("sha1").update(body).digest("hex"); // ok: js-weak-hash
  const checksum = crypto.createHash("md5").update(body).digest("hex"); // ok: js-weak-hash
  const strong = crypto.createHash("sha256").update(body).digest("hex"); // ok: js-weak-hash
  return [signature, mac, integrity, etag, checksum, strong];
}

function tokens() {
  const resetToken = Math.random().toString(36).slice(2); // expect: js-insecure-random
  let sessionId;
  sessionId = Math.random().toString(16); // expect: js-insecure-random
  const user = { apiKey: Math.random().toString(36) }; // expect: js-insecure-random
  const jitter = Math.random() * 100; // ok: js-insecure-random
  const idx = Math.floor(Math.random() * items.length); // ok: js-insecure-random
  const goodToken = crypto.randomBytes(32).toString("hex"); // ok: js-insecure-random
  return [resetToken, sessionId, user, jitter, idx, goodToken];
}

function tls() {
  const agent = new https.Agent({ rejectUnauthorized: false }); // expect: js-tls-verify-disabled
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0"; // expect: js-tls-verify-disabled
  request({ url, strictSSL: false }); // expect: js-tls-verify-disabled
  const ok1 = new https.Agent({ rejectUnauthorized: true }); // ok: js-tls-verify-disabled
  const ok2 = new https.Agent({ ca: fs.readFileSync("ca.pem") }); // ok: js-tls-verify-disabled
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = "1"; // ok: js-tls-verify-disabled
  return [agent, ok1, ok2];
}

function cookies(res) {
  res.cookie("sid", token); // expect: js-cookie-missing-secure, js-cookie-missing-httponly, js-cookie-missing-samesite
  res.cookie("sid", token, { httpOnly: true, sameSite: "lax" }); // expect: js-cookie-missing-secure
  res.cookie("sid", token, { secure: true, sameSite: "strict" }); // expect: js-cookie-missing-httponly
  res.cookie("sid", token, { secure: true, httpOnly: true }); // expect: js-cookie-missing-samesite
  res.cookie("pref", "1", { secure: true, httpOnly: true, maxAge: 60 }); // expect: js-cookie-missing-samesite
  res.cookie("sid", token, { secure: false, httpOnly: false, sameSite: "none" }); // expect: js-cookie-missing-secure, js-cookie-missing-httponly
  res.cookie("sid", token, { secure: true, httpOnly: true, sameSite: "lax" }); // ok: js-cookie-missing-secure, js-cookie-missing-httponly, js-cookie-missing-samesite
  res.cookie("theme", "dark", { secure: true, httpOnly: true, sameSite: "strict", maxAge: 3600 }); // ok: js-cookie-missing-secure, js-cookie-missing-httponly, js-cookie-missing-samesite
  res.clearCookie("sid"); // ok: js-cookie-missing-secure, js-cookie-missing-httponly, js-cookie-missing-samesite
}
