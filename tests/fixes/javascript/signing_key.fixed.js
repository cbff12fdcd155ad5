// Dashboard sessions are JWTs; outgoing webhooks carry an HMAC of their body.
const crypto = require("crypto");
const jwt = require("jsonwebtoken");

function issueSession(userId) {
  return jwt.sign({ sub: userId, scope: "dashboard" }, process.env.JWT_SECRET, { algorithm: "HS256" });
}

function readSession(token) {
  return jwt.verify(token, process.env.JWT_SECRET, { algorithms: ["HS256"] });
}

function signWebhook(body) {
  return crypto.createHmac("sha256", process.env.HMAC_KEY).update(body).digest("hex");
}

module.exports = { issueSession, readSession, signWebhook };
