// Dashboard sessions are JWTs; outgoing webhooks carry an HMAC of their body.
const crypto = require("crypto");
const jwt = require("jsonwebtoken");

function issueSession(userId) {
  return jwt.sign({ sub: userId, scope: "dashboard" }, "dashboard-signing-key-2021", { algorithm: "HS256" });
}

function readSession(token) {
  return jwt.verify(token, "dashboard-signing-key-2021", { algorithms: ["HS256"] });
}

function signWebhook(body) {
  return crypto.createHmac("sha256", "hooks-shared-secret").update(body).digest("hex");
}

module.exports = { issueSession, readSession, signWebhook };
