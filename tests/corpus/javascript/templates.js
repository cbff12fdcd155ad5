// Server-side template injection: request data inside the template source, not its data.
const express = require("express");
const ejs = require("ejs");
const pug = require("pug");
const Handlebars = require("handlebars");
const nunjucks = require("nunjucks");
const Mustache = require("mustache");
const _ = require("lodash");
const fs = require("fs");

const app = express();
const env = new nunjucks.Environment();
const GREETING = "<p>Hello <%= name %></p>";
const PAGES = { home: "<h1>{{ title }}</h1>", about: "<h1>About {{ title }}</h1>" };

app.post("/preview", async (req, res) => {
  const body = req.body;
  const html = ejs.render("<p>Hello " + req.query.name + "</p>"); // expect: js-ssti
  const card = ejs.render(`<div class="card">${body.title}</div>`, { user: req.user }); // expect: js-ssti
  const page = pug.render(body.template); // expect: js-ssti
  const compiled = Handlebars.compile(req.body.layout); // expect: js-ssti
  const note = env.renderString(req.query.note, {}); // expect: js-ssti
  const mail = nunjucks.renderString("Dear " + body.name + ",", {}); // expect: js-ssti
  const legacy = _.template(req.query.tpl); // expect: js-ssti
  const text = Mustache.render(body.text, { user: req.user }); // expect: js-ssti
  await mailer.send({ html, card, page, compiled, note, mail, legacy, text });
  res.sendStatus(204);
});

app.post("/safe-preview", async (req, res) => {
  const name = req.query.name;
  const html = ejs.render("<p>Hello <%= name %></p>", { name }); // ok: js-ssti
  const greeting = ejs.render(GREETING, { name: req.body.name }); // ok: js-ssti
  const page = pug.render("p Hello #{name}", { name: req.body.name }); // ok: js-ssti
  const compiled = Handlebars.compile("<p>{{name}}</p>")({ name: req.body.name }); // ok: js-ssti
  const note = env.renderString("{{ note }}", { note: req.query.note }); // ok: js-ssti
  const fromFile = ejs.render(fs.readFileSync("views/mail.ejs", "utf8"), req.body); // ok: js-ssti
  const legacy = _.template("<b><%- who %></b>")({ who: req.query.who }); // ok: js-ssti
  const text = Mustache.render("Hi {{user}}", { user: req.body.user }); // ok: js-ssti
  const chosen = PAGES[req.query.page === "about" ? "about" : "home"];
  const layout = nunjucks.renderString(chosen, { title: req.body.title }); // ok: js-ssti
  await mailer.send({ html, greeting, page, compiled, note, fromFile, legacy, text, layout });
  res.sendStatus(204);
});
