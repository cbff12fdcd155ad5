// Math.random() found by where its value goes, not by what the variable is called.
const express = require("express");
const jwt = require("jsonwebtoken");
const crypto = require("crypto");

const app = express();
const FLAGS = { httpOnly: true, secure: true, sameSite: "lax" };

function makeId() {
  return Math.random().toString(36).slice(2);
}

app.post("/login", (req, res) => {
  res.cookie("sid", Math.random().toString(36).slice(2), FLAGS); // expect: js-weak-random-secret
  req.session.csrf = makeId(); // expect: js-weak-random-secret
  const n = Math.floor(Math.random() * 1e9);
  res.cookie("remember", String(n), FLAGS); // expect: js-weak-random-secret
  const tok = jwt.sign({ u: 1 }, "k" + Math.random()); // expect: js-weak-random-secret
  const iv = Buffer.from(String(Math.random()));
  const c = crypto.createCipheriv("aes-256-gcm", key, iv); // expect: js-weak-random-secret
  res.json({ tok, c: String(c) });
});

app.post("/safe", (req, res) => {
  res.cookie("sid", crypto.randomBytes(32).toString("hex"), FLAGS); // ok: js-weak-random-secret
  req.session.csrf = crypto.randomUUID(); // ok: js-weak-random-secret
  req.session.variant = Math.random() < 0.5; // ok: js-weak-random-secret
  res.cookie("theme", "dark", FLAGS); // ok: js-weak-random-secret
  res.json({ ok: true });
});

function ui(items) {
  const idx = Math.floor(Math.random() * items.length);
  const delay = 100 + Math.random() * 50;
  const el = document.createElement("div");
  el.id = "tip-" + Math.random().toString(36).slice(2); // ok: js-weak-random-secret
  document.cookie = "theme=dark"; // ok: js-weak-random-secret
  setTimeout(() => el.remove(), delay);
  return items[idx];
}

function browserSession() {
  document.cookie = "sid=" + Math.random().toString(36); // expect: js-weak-random-secret
}
