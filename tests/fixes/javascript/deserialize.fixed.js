const serialize = require("node-serialize");

function readProfile(req) {
  return JSON.parse(req.cookies.profile);
}
