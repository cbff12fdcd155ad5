const express = require("express");
const app = express();

app.get("/next", (req, res) => {
  const target = String(req.query.next || "");
  if (target.startsWith("/app/")) {
    return res.redirect(target); // ok: js-open-redirect
  }
  if (target.startsWith("/")) {
    return res.redirect(target); // expect: js-open-redirect
  }
  res.redirect("/" + target); // expect: js-open-redirect
});

app.get("/back", (req, res) => {
  const back = String(req.query.back || "");
  res.redirect(`/${back.replace(/^[\s/\\]+/, "")}`); // ok: js-open-redirect
  res.redirect("/" + back.replace(/^\/+/, "")); // expect: js-open-redirect
  res.redirect("/" + back.replace(/^[/\\]+/g, "")); // ok: js-open-redirect
});
