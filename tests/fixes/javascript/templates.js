const nunjucks = require("nunjucks");
const Eta = require("eta");
const env = new nunjucks.Environment();
const eta = new Eta.Eta();
app.post("/a", (req, res) => {
  mailer.send(env.renderString("Dear " + req.body.name + ",", {}));
  mailer.send(nunjucks.renderString(`Hi ${req.body.name}`, { team: "ops" }));
  mailer.send(eta.renderString("Hi " + req.body.name, {}));
});
