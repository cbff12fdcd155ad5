// Log injection: request text in plain-text log lines.
const express = require("express");
const log4js = require("log4js");
const pino = require("pino")();
const winston = require("winston");

const app = express();
const audit = log4js.getLogger("audit");
const logger = winston.createLogger({ format: winston.format.json(), transports: [new winston.transports.Console()] });

app.post("/login", (req, res) => {
  const { user } = req.body;
  console.warn("failed login for " + user); // expect: js-log-injection
  console.log(`search: ${req.query.q}`); // expect: js-log-injection
  console.error("bad token from %s", req.headers["x-forwarded-for"]); // expect: js-log-injection
  audit.info("password reset requested by " + req.body.email); // expect: js-log-injection
  process.stdout.write("agent " + req.get("user-agent") + "\n"); // expect: js-log-injection
  console.warn("failed login for " + JSON.stringify(user)); // ok: js-log-injection
  console.log("search: " + encodeURIComponent(req.query.q)); // ok: js-log-injection
  console.info("attempt", Number(req.body.attempt)); // ok: js-log-injection
  console.log({ user: req.body.user, ip: req.ip }); // ok: js-log-injection
  pino.info({ user: req.body.user }, "failed login"); // ok: js-log-injection
  logger.warn("failed login", { user: req.body.user }); // ok: js-log-injection
  console.log("login handler done"); // ok: js-log-injection
  res.sendStatus(401);
});
