const express = require("express");
const _ = require("lodash");

const app = express();
app.use(express.json());
const settings = { theme: "light", notifications: { email: true } };

app.post("/settings", (req, res) => {
  _.merge(settings, withoutPrototypeKeys(req.body));
  res.json(settings);
});

// A copy of request data without the keys that reach Object.prototype when it is merged.
function withoutPrototypeKeys(value) {
  return JSON.parse(JSON.stringify(value), (key, item) =>
    key === "__proto__" || key === "constructor" || key === "prototype" ? undefined : item);
}
