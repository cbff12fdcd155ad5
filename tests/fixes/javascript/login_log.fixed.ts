const express = require("express");

const app = express();

app.post("/login", (req: any, res: any) => {
  const user: string = req.body.user;
  console.warn("failed login for " + JSON.stringify(user));
  res.sendStatus(401);
});
