// CORS policies and CSRF protection switches.
const express = require("express");
const cors = require("cors");
const lusca = require("lusca");
const csurf = require("csurf");
const { Server } = require("socket.io");

const app = express();
const ALLOWED = ["https://app.example.com"];
app.use(cors({ origin: true, credentials: true })); // expect: js-cors-permissive
app.use(cors({ credentials: true, origin: "*" })); // expect: js-cors-permissive
const io = new Server(server, { cors: { origin: "*", credentials: true } }); // expect: js-cors-permissive
app.use(cors()); // ok: js-cors-permissive
app.use(cors({ origin: "*" })); // ok: js-cors-permissive
app.use(cors({ origin: ALLOWED, credentials: true })); // ok: js-cors-permissive
app.use(cors({ origin: "https://app.example.com", credentials: true })); // ok: js-cors-permissive
app.use(cors({ origin: true, credentials: false })); // ok: js-cors-permissive

app.use((req, res, next) => {
  res.setHeader("Access-Control-Allow-Origin", req.headers.origin); // expect: js-cors-permissive
  res.header("access-control-allow-origin", req.get("origin")); // expect: js-cors-permissive
  const origin = req.headers.origin;
  if (ALLOWED.includes(origin)) {
    res.setHeader("Access-Control-Allow-Origin", origin); // ok: js-cors-permissive
  }
  res.setHeader("Access-Control-Allow-Origin", "https://app.example.com"); // ok: js-cors-permissive
  res.setHeader("Vary", req.headers.origin ? "Origin" : "Accept"); // ok: js-cors-permissive
  next();
});

app.use(lusca({ csrf: false, xframe: "SAMEORIGIN" })); // expect: js-csrf-disabled
app.use(lusca({ csrf: true, xframe: "SAMEORIGIN" })); // ok: js-csrf-disabled
app.use(csurf({ ignoreMethods: ["GET", "HEAD", "OPTIONS", "POST"] })); // expect: js-csrf-disabled
app.use(csurf({ ignoreMethods: ["GET", "HEAD", "OPTIONS"] })); // ok: js-csrf-disabled
app.use(helmet({ frameguard: false, csrf: false })); // ok: js-csrf-disabled
