const Router = require("@koa/router");
const fastify = require("fastify")();
const router = new Router();

router.get("/hi", async (ctx) => {
  ctx.body = `<h1>Hello ${ctx.query.name}</h1>`; // expect: js-xss-response
  await db.query(`SELECT * FROM t WHERE a = '${ctx.request.body.a}'`); // expect: js-sql-injection
  ctx.redirect(ctx.query.next); // expect: js-open-redirect
  ctx.body = { hello: ctx.query.name }; // ok: js-xss-response
  await db.query("SELECT * FROM t WHERE a = $1", [ctx.request.body.a]); // ok: js-sql-injection
  ctx.redirect("/login"); // ok: js-open-redirect
});

fastify.get("/x", async (request, reply) => {
  reply.send(`<p>${request.query.q}</p>`); // expect: js-xss-response
  await knex.raw(`select * from t where id = ${request.params.id}`); // expect: js-sql-injection
  await knex.raw("select * from t where id = ?", [request.params.id]); // ok: js-sql-injection
  reply.send({ q: request.query.q }); // ok: js-xss-response
});

const target = process.argv[2];
require("child_process").execSync("ls " + target); // expect: js-command-injection
require("child_process").execFileSync("ls", [target]); // ok: js-command-injection

// Koa: `ctx.body` is the response body the app already set, not request data.
router.get("/relay", async (ctx) => {
  const payload = ctx.body;
  ctx.res.end(payload); // ok: js-xss-response
  ctx.body = `<p>${ctx.request.body.note}</p>`; // expect: js-xss-response
  ctx.res.write(`<p>${ctx.get("X-Note")}</p>`); // expect: js-xss-response
});

// A parsing hook rewrites the request body; `typeof` sends only a type name.
fastify.addHook("preValidation", async (req) => {
  const raw = Buffer.from(req.body.payload, "base64");
  req.body = JSON.parse(`${raw.toString("utf8")}`); // ok: js-xss-response
});

fastify.get("/kind/:id", async (req, reply) => {
  reply.send(typeof req.params.id); // ok: js-xss-response
  reply.send(`<b>${req.params.id}</b>`); // expect: js-xss-response
});

// Fastify sends a bare string as text/plain: an echo is not markup.
fastify.post("/echo", async (req, reply) => {
  reply.send(req.body.note); // ok: js-xss-response
  reply.send(`<div>${req.body.note}</div>`); // expect: js-xss-response
});
