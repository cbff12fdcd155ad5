const serialize = require("node-serialize");

function readProfile(req) {
  return serialize.unserialize(req.cookies.profile);
}
