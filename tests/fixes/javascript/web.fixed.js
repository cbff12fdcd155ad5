const https = require("https");

function show(el, message) {
  el.innerHTML = message;
  el.insertAdjacentHTML("beforeend", "<br>" + escapeHtml(message));
  el.insertAdjacentHTML("afterbegin", message);
}

function login(res, sid) {
  res.cookie("sid", sid, { secure: true, httpOnly: true, sameSite: "lax" });
  res.cookie("prefs", sid, { maxAge: 3600, secure: true, httpOnly: true, sameSite: "lax" });
}

function agent() {
  return new https.Agent({ keepAlive: true, rejectUnauthorized: true });
}

function parse(body) {
  return JSON.parse(body);
}

// Escapes the characters HTML gives a meaning to, so the value is shown as text inside markup.
function escapeHtml(value) {
  return String(value)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}
