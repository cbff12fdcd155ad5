const nunjucks = require("nunjucks");
const Eta = require("eta");
const env = new nunjucks.Environment();
const eta = new Eta.Eta();
app.post("/a", (req, res) => {
  mailer.send(env.renderString("Dear {{ name }},", { name: req.body.name }));
  mailer.send(nunjucks.renderString(`Hi {{ name }}`, { team: "ops", name: req.body.name }));
  mailer.send(eta.renderString("Hi " + req.body.name, {}));
});
