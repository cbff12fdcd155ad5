const nunjucks = require("nunjucks");
const mailer = require("./mailer");

const env = new nunjucks.Environment();

function greet(req) {
  mailer.send(env.renderString("Dear " + req.body.name + ",", {}));
  mailer.send(nunjucks.renderString(`Hi ${req.body.name}`, { team: "ops" }));
}
