const https = require("https");

function show(el, message) {
  el.innerHTML = message;
  el.insertAdjacentText("beforeend", "<br>" + message);
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
