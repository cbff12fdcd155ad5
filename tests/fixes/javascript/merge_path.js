const express = require("express");
const _ = require("lodash");

const app = express();
app.use(express.json());
const settings = {};

// The property path itself comes from the request and can name __proto__: guidance only.
app.post("/settings/one", (req, res) => {
  _.set(settings, req.body.path, req.body.value);
  res.json(settings);
});
