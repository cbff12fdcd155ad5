// Response splitting: request data written past Node's header checks, onto the socket itself.
const http = require("http");

const server = http.createServer((req, res) => {
  res.setHeader("X-Request-Id", req.headers["x-request-id"] || "none"); // ok: js-http-response-splitting
  res.writeHead(200, { "Content-Language": req.query.lang }); // ok: js-http-response-splitting
  res.end("ok");
});

server.on("upgrade", (req, socket) => {
  const protocol = req.headers["sec-websocket-protocol"];
  req.socket.write("HTTP/1.1 101 Switching Protocols\r\nSec-WebSocket-Protocol: " + protocol + "\r\n\r\n"); // expect: js-http-response-splitting
  req.socket.write(`HTTP/1.1 400 Bad Request\r\nX-Reason: ${req.headers["x-reason"]}\r\n\r\n`); // expect: js-http-response-splitting
  req.socket.end("HTTP/1.1 403 Forbidden\r\nX-User: " + req.headers["x-user"] + "\r\n\r\n"); // expect: js-http-response-splitting
  req.socket.write("HTTP/1.1 101 Switching Protocols\r\nSec-WebSocket-Protocol: " + encodeURIComponent(protocol) + "\r\n\r\n"); // ok: js-http-response-splitting
  const accepted = ["chat", "json"].includes(protocol) ? protocol : "chat";
  req.socket.write("HTTP/1.1 101 Switching Protocols\r\nSec-WebSocket-Protocol: " + accepted + "\r\n\r\n"); // ok: js-http-response-splitting
  req.socket.write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n"); // ok: js-http-response-splitting
  socket.write(JSON.stringify({ hello: req.headers.host })); // ok: js-http-response-splitting
});
