const http = require("http");
const express = require("express");
const ejs = require("ejs");
const ldap = require("ldapjs");
const multer = require("multer");
const mailer = require("./mailer");

const app = express();
const server = http.createServer(app);
const client = ldap.createClient({ url: "ldaps://ldap.example.com" });

const storage = multer.diskStorage({
  destination: "/srv/uploads",
  filename: (req, file, cb) => cb(null, file.originalname),
});

app.post("/login", (req, res) => {
  console.warn("failed login for " + req.body.user);
  res.sendStatus(401);
});

app.get("/who", (req, res) => {
  client.search("ou=people,dc=example,dc=com", { filter: `(uid=${req.query.uid})` }, (err, found) => {
    res.json(found);
  });
});

app.post("/mail", async (req, res) => {
  await mailer.send({ to: "team@example.com", html: ejs.render("<p>Hello " + req.body.name + "</p>") });
  res.sendStatus(204);
});

server.on("upgrade", (req) => {
  req.socket.write("HTTP/1.1 101 Switching Protocols\r\nSec-WebSocket-Protocol: " + req.headers["sec-websocket-protocol"] + "\r\n\r\n");
});
