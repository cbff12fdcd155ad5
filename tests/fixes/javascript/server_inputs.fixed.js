const http = require("http");
const express = require("express");
const ejs = require("ejs");
const ldap = require("ldapjs");
const multer = require("multer");
const mailer = require("./mailer");
const crypto = require("crypto");
const ldapEscape = require("ldap-escape");
const path = require("path");

const app = express();
const server = http.createServer(app);
const client = ldap.createClient({ url: "ldaps://ldap.example.com" });

const storage = multer.diskStorage({
  destination: "/srv/uploads",
  filename: (req, file, cb) => cb(null, crypto.randomUUID() + path.extname(file.originalname)),
});

app.post("/login", (req, res) => {
  console.warn("failed login for " + JSON.stringify(req.body.user));
  res.sendStatus(401);
});

app.get("/who", (req, res) => {
  client.search("ou=people,dc=example,dc=com", { filter: `(uid=${ldapEscape.filter`${req.query.uid}`})` }, (err, found) => {
    res.json(found);
  });
});

app.post("/mail", async (req, res) => {
  await mailer.send({ to: "team@example.com", html: ejs.render("<p>Hello <%= name %></p>", { name: req.body.name }) });
  res.sendStatus(204);
});

server.on("upgrade", (req) => {
  req.socket.write("HTTP/1.1 101 Switching Protocols\r\nSec-WebSocket-Protocol: " + encodeURIComponent(req.headers["sec-websocket-protocol"]) + "\r\n\r\n");
});
