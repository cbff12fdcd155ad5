// Runs every JavaScript/TypeScript fix case twice, original and fixed, in this one process and
// prints what each run observed as JSON: {case: {original: {ok, obs | error}, fixed: {...}}}.
// The test suite compares the two (tests/test_fix_drivers.py). Only the suite's own fixtures
// (tests/fixes/javascript/) are run here.
"use strict";

const Module = require("module");
const fs = require("fs");
const path = require("path");
const fakes = require("./fakes");
const cases = require("./cases");

let current = null; // the fakes of the load in progress
const realLoad = Module._load;
Module._load = function load(request, ...rest) {
  if (current && Object.prototype.hasOwnProperty.call(current.modules, request)) {
    return current.modules[request];
  }
  return realLoad.call(this, request, ...rest);
};

// The corpus's TypeScript uses only `export` and simple parameter/return annotations.
function stripTypes(source) {
  return source.replace(/^export /gm, "").replace(/\)\s*:\s*\w+\s*\{/g, ") {").replace(/(\w)\s*:\s*\w+/g, "$1");
}

function loadCase(file, names, state) {
  let source = fs.readFileSync(file, "utf8");
  if (file.endsWith(".ts")) source = stripTypes(source);
  const exported = names.map((n) => `${n}: typeof ${n} === "undefined" ? undefined : ${n}`).join(", ");
  const made = fakes.make(state);
  const mod = new Module(file, null);
  mod.filename = file;
  mod.paths = [];
  current = made;
  try {
    mod._compile(`${source}\n;Object.assign(module.exports, { ${exported} });\n`, file);
  } finally {
    current = null;
  }
  return { mod: mod.exports, rec: made.rec };
}

async function runVariant(spec, file) {
  const env = { ...process.env };
  const state = { reply: "", files: spec.files ?? {}, links: spec.links ?? {} };
  delete globalThis.__pwned;
  try {
    Object.assign(process.env, spec.env ?? {});
    const { mod, rec } = loadCase(file, spec.names, state);
    const obs = await spec.observe({ mod, rec, state, Element: fakes.Element, response: fakes.response });
    return { ok: true, obs };
  } catch (error) {
    return { ok: false, error: String(error && error.stack ? error.stack : error) };
  } finally {
    for (const key of Object.keys(process.env)) if (!(key in env)) delete process.env[key];
    Object.assign(process.env, env);
    delete globalThis.__pwned;
  }
}

async function main() {
  const corpus = process.argv[2];
  const out = {};
  for (const name of fs.readdirSync(corpus).sort()) {
    const match = /^(.*)\.fixed\.(js|ts)$/.exec(name);
    if (!match) continue;
    const [, stem, ext] = match;
    const spec = cases[stem];
    if (!spec) {
      out[stem] = null; // no driver: the test suite reports it
      continue;
    }
    out[stem] = {
      original: await runVariant(spec, path.join(corpus, `${stem}.${ext}`)),
      fixed: await runVariant(spec, path.join(corpus, name)),
    };
  }
  process.stdout.write(JSON.stringify(out));
}

if (require.main === module) {
  main().catch((error) => {
    process.stderr.write(String(error.stack));
    process.exit(1);
  });
}

module.exports = { loadCase };
