const nunjucks = require("nunjucks");
const mailer = require("./mailer");

const env = new nunjucks.Environment();

function greet(req) {
  mailer.send(env.renderString("Dear {{ name }},", { name: req.body.name }));
  mailer.send(nunjucks.renderString(`Hi {{ name }}`, { team: "ops", name: req.body.name }));
}
