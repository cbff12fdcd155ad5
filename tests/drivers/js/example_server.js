// Runs the bundled Express example (examples/vulnerable/server.js) and its fixed copy with the
// fakes of fakes.js, calls every route on benign and attack input, and prints what each observed:
// {original: {ok, obs | error}, fixed: {...}}. tests/test_fix_examples.py compares the two.
"use strict";

const crypto = require("crypto");
const { loadCase } = require("./harness");
const fakes = require("./fakes");

const ATTACK_ELEMENT = '<img src=x onerror="globalThis.__pwned=1">';

async function observe(file) {
  const sql = [];
  globalThis.db = {
    async query(text, params) {
      sql.push({ sql: text, params: params ?? [] });
      return [];
    },
  };
  const { mod, rec } = loadCase(file, [], { files: {} });
  const { app, agent, showName } = mod;
  const call = async (route, req) => {
    const res = fakes.response();
    await app.routes[route](req, res);
    return res;
  };
  const runs = async (route, req) => {
    rec.runs.length = 0;
    const res = await call(route, req);
    return { argv: rec.runs.map((r) => r.argv), status: res.status };
  };

  await call("GET /user", { query: { id: "1" } });
  await call("GET /user", { query: { id: "0 OR 1=1" } });
  const convert = await runs("POST /convert", { body: { file: "in.jpg" } });
  const convertAttack = await runs("POST /convert", { body: { file: "in.jpg; rm -rf /" } });

  const tokens = [];
  const cookies = [];
  let hash = null;
  for (let i = 0; i < 5; i++) {
    const res = await call("POST /signup", { body: { password: "hunter2" } });
    hash = JSON.parse(res.sent[0]).hash;
    cookies.push(...res.cookies);
    tokens.push(res.cookies[res.cookies.length - 1].value);
  }

  const rule = (await call("POST /rule", { body: { rule: '[1, {"a": 2}]' } })).sent;
  let ruleAttack;
  delete globalThis.__pwned;
  try {
    await call("POST /rule", { body: { rule: "globalThis.__pwned = 1" } });
    ruleAttack = { pwned: globalThis.__pwned ?? null };
  } catch (error) {
    ruleAttack = { error: error.name, pwned: globalThis.__pwned ?? null };
  }
  delete globalThis.__pwned;

  const shown = (name) => {
    const el = new fakes.Element();
    showName(el, name);
    return el.view();
  };
  return {
    sql,
    convert: convert.argv,
    convertAttack: convertAttack.argv,
    convertStatus: convertAttack.status,
    hash,
    sha1: crypto.createHash("sha1").update("hunter2").digest("hex"),
    hashed: rec.hashed.slice(0, 1),
    tokens,
    cookies,
    rule,
    ruleAttack,
    rejectUnauthorized: agent.options.rejectUnauthorized,
    name: shown("Ann"),
    nameAttack: shown(ATTACK_ELEMENT),
  };
}

async function run(file) {
  try {
    return { ok: true, obs: await observe(file) };
  } catch (error) {
    return { ok: false, error: String(error && error.stack ? error.stack : error) };
  } finally {
    delete globalThis.db;
  }
}

async function main() {
  const [original, fixed] = process.argv.slice(2);
  process.stdout.write(JSON.stringify({ original: await run(original), fixed: await run(fixed) }));
}

main().catch((error) => {
  process.stderr.write(String(error.stack));
  process.exit(1);
});
