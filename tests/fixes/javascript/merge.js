const express = require("express");
const _ = require("lodash");

const app = express();
app.use(express.json());
const settings = { theme: "light", notifications: { email: true } };

app.post("/settings", (req, res) => {
  _.merge(settings, req.body);
  res.json(settings);
});
