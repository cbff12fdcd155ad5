const https = require("https");

function show(el, message) {
  el.innerHTML = message;
  el.innerHTML += "<br>" + message;
  el.insertAdjacentHTML("afterbegin", message);
}

function login(res, sid) {
  res.cookie("sid", sid);
  res.cookie("prefs", sid, { maxAge: 3600, secure: false });
}

function agent() {
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0";
  return new https.Agent({ keepAlive: true, rejectUnauthorized: false });
}

function parse(body) {
  return eval(body);
}
