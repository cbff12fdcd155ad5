// One driver per JavaScript/TypeScript fix case. `names` are the top-level functions the harness
// exports from the case file; `observe` runs them on benign and attack input and returns what it
// saw. The assertions live in tests/drivers/js_checks.py, which compares original and fixed.
"use strict";

const crypto = require("crypto");

const PAGE = "https://app.example/login/done";
const ATTACK_ELEMENT = '<img src=x onerror="globalThis.__pwned=1">';

// The keys tests/fixes/javascript/signing_key.js was written with, as an attacker reads them there.
const LEAKED_JWT_KEY = "dashboard-signing-key-2021";
const LEAKED_HMAC_KEY = "hooks-shared-secret";

function hs256(payload, key) {
  const encode = (value) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const head = `${encode({ alg: "HS256", typ: "JWT" })}.${encode(payload)}`;
  return `${head}.${crypto.createHmac("sha256", key).update(head).digest("base64url")}`;
}

async function settle(fn) {
  try {
    return { value: await fn() };
  } catch (error) {
    return { error: String(error && error.name ? error.name : error) };
  }
}

function shellRuns(rec, fn) {
  rec.runs.length = 0;
  fn();
  return rec.runs.map((r) => ({ argv: r.argv, options: r.options }));
}

const cases = {
  command: {
    names: ["ping", "lookup", "archive"],
    async observe({ mod, rec }) {
      const calls = (value) => ({
        ping: shellRuns(rec, () => mod.ping(value, () => {})),
        lookup: shellRuns(rec, () => mod.lookup(value)),
        archive: shellRuns(rec, () => mod.archive(value)),
      });
      return { benign: calls("example.com"), attack: calls("example.com; rm -rf /") };
    },
  },

  crypto: {
    names: ["hashPassword", "fingerprint", "newToken"],
    async observe({ mod, rec }) {
      const hashes = [mod.hashPassword("hunter2"), mod.hashPassword("hunter2")];
      const tokens = Array.from({ length: 20 }, () => mod.newToken());
      const random = Math.random;
      Math.random = () => 0.123456789; // a generator whose state an attacker has learned
      let predicted;
      try {
        predicted = Array.from({ length: 5 }, () => mod.newToken());
      } finally {
        Math.random = random;
      }
      return {
        hashes,
        sha1: crypto.createHash("sha1").update("hunter2").digest("hex"),
        hashed: rec.hashed,
        fingerprint: mod.fingerprint("body"),
        sha256: crypto.createHash("sha256").update("body").digest("hex"),
        tokens,
        predicted,
      };
    },
  },

  deserialize: {
    names: ["readProfile"],
    async observe({ mod }) {
      const benign = mod.readProfile({ cookies: { profile: '{"name":"ann","roles":["admin"]}' } });
      const gadget = JSON.stringify({ name: "_$$ND_FUNC$$_function(){ globalThis.__pwned = 1; return 'x'; }()" });
      const attack = await settle(() => mod.readProfile({ cookies: { profile: gadget } }));
      return { benign, attack, ran: globalThis.__pwned === 1 };
    },
  },

  llm: {
    names: ["app"],
    env: { OPENAI_API_KEY: "sk-from-env" },
    async observe({ mod, rec, state, response }) {
      state.reply = "The docs say hello.";
      const res = response();
      await mod.app.routes["POST /ask"]({ body: {} }, res);
      return { sent: res.sent, apiKeys: rec.apiKeys, requests: rec.llmRequests };
    },
  },

  llm_flow: {
    names: ["act"],
    async observe({ mod, rec, state, Element }) {
      const ask = async (reply) => {
        state.reply = reply;
        for (const list of [rec.runs, rec.sql, rec.writes]) list.length = 0;
        delete globalThis.__pwned;
        const el = new Element();
        const result = await settle(() => mod.act("q", el));
        return {
          value: result.value ? result.value[0] : null,
          error: result.error ?? null,
          runs: rec.runs.map((r) => r.argv),
          sql: [...rec.sql],
          el: el.view(),
          writes: [...rec.writes],
          ran: globalThis.__pwned === 1,
        };
      };
      return {
        benign: await ask("42"),
        code: await ask("(globalThis.__pwned = 1, 1)"),
        sql: await ask(JSON.stringify("' OR 1=1 --")),
        shell: await ask("[1,\n2]"),
        path: await ask(JSON.stringify("/../../../etc/passwd")),
        markup: await ask(JSON.stringify(ATTACK_ELEMENT)),
      };
    },
  },

  merge: {
    names: ["app"],
    async observe({ mod, response }) {
      const post = (json) => {
        const res = response();
        mod.app.routes["POST /settings"]({ body: JSON.parse(json) }, res); // as express.json() parses
        return res.sent;
      };
      try {
        return {
          benign: post('{"theme": "dark", "notifications": {"sms": true}}'),
          attack: post('{"__proto__": {"polluted": 1}, "theme": "blue"}'),
          polluted: {}.polluted ?? null,
        };
      } finally {
        delete Object.prototype.polluted; // the next run must start from a clean prototype
      }
    },
  },

  redirect: {
    names: ["app"],
    async observe({ mod, response }) {
      const call = async (route, query) => {
        const res = response();
        await mod.app.routes[route]({ query }, res);
        return res;
      };
      const go = async (next) => {
        const res = await call("GET /login/done", next === undefined ? {} : { next });
        // Where a browser on the login page goes: the WHATWG URL parser resolves the Location.
        return { status: res.status, location: res.location, lands: new URL(res.location, PAGE).href };
      };
      const search = async (q) => (await call("GET /search", { q })).sent;
      const targets = {};
      for (const next of [undefined, "/account?tab=2", "/reports/2024#q3", "https://app.example/account",
        "settings", "//evil.example", "https://evil.example", "/\\evil.example", "/\t/evil.example",
        " //evil.example", "\\\\evil.example"]) {
        targets[String(next)] = await go(next);
      }
      const matches = {};
      for (const q of ["alice", "example", "bob", "A.*e", "^alice"]) matches[q] = await search(q);
      return { targets, matches, unbalanced: await settle(() => search("(")) };
    },
  },

  render: {
    names: ["render"],
    async observe({ mod, Element }) {
      const view = (name) => {
        const el = new Element();
        mod.render(el, name);
        return el.view();
      };
      return { benign: view("Ann"), attack: view(ATTACK_ELEMENT) };
    },
  },

  credentials: {
    names: ["orders"],
    env: { MYSQL_PASSWORD: "from-the-environment" },
    async observe({ mod, rec }) {
      mod.orders("ann", () => {});
      return { connections: rec.connections, sql: rec.sql };
    },
  },

  secrets: {
    names: [],
    env: { STRIPE_KEY: "sk_test_from_env" },
    async observe({ mod }) {
      return { key: mod.key };
    },
  },

  server_flow: {
    names: ["app"],
    files: { "/srv/files/report.txt": "quarterly <b>", "/etc/passwd": "root:x:0:0" },
    async observe({ mod, rec, response }) {
      const call = async (route, req) => {
        const res = response();
        await mod.app.routes[route](req, res);
        return res.sent;
      };
      return {
        hello: await call("GET /hello", { query: { name: "Ann" } }),
        helloAttack: await call("GET /hello", { query: { name: ATTACK_ELEMENT } }),
        file: await call("GET /file", { query: { file: "report.txt" } }),
        fileAttack: await call("GET /file", { query: { file: "../../etc/passwd" } }),
        reads: rec.reads,
        login: await call("POST /login", { body: { email: "ann@example.com" } }),
        loginWrong: await call("POST /login", { body: { email: "bob@example.com" } }),
        loginAttack: await call("POST /login", { body: { email: { $ne: "" } } }),
      };
    },
  },

  sql: {
    names: ["findUser", "byIds"],
    async observe({ mod, rec }) {
      await mod.findUser("alice");
      await mod.findUser("x' OR '1'='1");
      await mod.byIds(1, 2);
      await mod.byIds("0 OR 1=1", 0);
      return { sql: rec.sql };
    },
  },

  sql_mysql: {
    names: ["search"],
    async observe({ mod, rec }) {
      for (const term of ["ali", "zzz", "zzz' OR 1=1 OR '"]) mod.search(term, () => {});
      return { sql: rec.sql };
    },
  },

  signing_key: {
    names: ["issueSession", "readSession", "signWebhook"],
    // benign: the deployment holds the keys the code used to carry
    env: { JWT_SECRET: LEAKED_JWT_KEY, HMAC_KEY: LEAKED_HMAC_KEY },
    async observe({ mod, rec }) {
      const token = mod.issueSession("ann");
      const benign = {
        token,
        claims: await settle(() => mod.readSession(token)),
        webhook: mod.signWebhook("{\"event\":\"paid\"}"),
      };
      // the keys are rotated; an attacker signs with the old ones, read from the source
      process.env.JWT_SECRET = crypto.randomBytes(32).toString("base64url");
      process.env.HMAC_KEY = crypto.randomBytes(32).toString("base64url");
      const forged = hs256({ sub: "admin", scope: "dashboard" }, LEAKED_JWT_KEY);
      const body = "{\"event\":\"refund\"}";
      const attack = {
        forged: await settle(() => mod.readSession(forged)),
        webhookMatchesOldKey: mod.signWebhook(body) === crypto.createHmac("sha256", LEAKED_HMAC_KEY).update(body).digest("hex"),
        roundTrip: await settle(() => mod.readSession(mod.issueSession("bob"))),
      };
      delete process.env.JWT_SECRET;
      const unset = await settle(() => mod.issueSession("carl"));
      return { benign, attack, unset, keys: rec.jwtKeys, leaked: LEAKED_JWT_KEY };
    },
  },

  web: {
    names: ["show", "login", "agent", "parse"],
    async observe({ mod, response, Element }) {
      const show = (message) => {
        const el = new Element();
        mod.show(el, message);
        return el.view();
      };
      const res = response();
      mod.login(res, "s3cr3t");
      const agent = mod.agent();
      const parsed = await settle(() => mod.parse('[1, {"a": "b"}, null]'));
      const code = await settle(() => mod.parse("(globalThis.__pwned = 1, 1)"));
      return {
        show: show("Hi"),
        showAttack: show(ATTACK_ELEMENT),
        cookies: res.cookies,
        rejectUnauthorized: agent.options.rejectUnauthorized,
        keepAlive: agent.keepAlive,
        processWideTls: process.env.NODE_TLS_REJECT_UNAUTHORIZED ?? null,
        parsed,
        code,
        ran: globalThis.__pwned === 1,
      };
    },
  },
};

module.exports = { ...cases, ...require("./cases_web") };
