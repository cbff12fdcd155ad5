// Drivers for the web-stack fix cases (templates, LDAP, XPath, logs, raw sockets, uploads, XML,
// JWT, CORS, CSRF, error pages, temp files); same shape as cases.js, checks in js_web_checks.py.
"use strict";

const crypto = require("crypto");
const util = require("util");

async function settle(fn) {
  try {
    return { value: await fn() };
  } catch (error) {
    return { error: String(error && error.message ? error.message : error) };
  }
}

// The lines one call writes through console.warn.
async function warned(fn) {
  const lines = [];
  const warn = console.warn;
  console.warn = (...args) => lines.push(util.format(...args));
  try {
    await fn();
  } finally {
    console.warn = warn;
  }
  return lines.join("\n").split("\n");
}

async function route(mod, response, name, req) {
  const res = response();
  await mod.app.routes[name](req, res);
  await new Promise((resolve) => setImmediate(resolve));
  return res.sent;
}

function token(header, payload, key) {
  const enc = (obj) => Buffer.from(JSON.stringify(obj)).toString("base64url");
  const head = `${enc(header)}.${enc(payload)}`;
  const sig = key ? crypto.sign("sha256", Buffer.from(head), key).toString("base64url") : "";
  return `${head}.${sig}`;
}

// Runs the app's middleware in order, as express would, until one fails.
function throughMiddleware(rec, req) {
  const res = { headers: {} };
  for (const fn of rec.middleware) {
    let failure = null;
    let passed = false;
    fn(req, res, (err) => {
      failure = err ?? null;
      passed = !err;
    });
    if (failure) return { error: String(failure.message) };
    if (!passed) return { error: "stopped" };
  }
  return { passed: true, headers: res.headers };
}

module.exports = {
  web_settings: {
    names: ["app", "parse", "check"],
    env: { CORS_ORIGINS: "https://app.example.com" },
    files: { "/etc/secret": "s3cret-db-password" },
    async observe({ mod, rec }) {
      const cors = (origin) => throughMiddleware(rec, { headers: { origin } });
      const xml = (text) => settle(() => mod.parse(text).text());
      const { publicKey, privateKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
      const now = Math.floor(Date.now() / 1000);
      const jwt = (t) => settle(() => mod.check(t, publicKey));
      return {
        cors: { app: cors("https://app.example.com"), evil: cors("https://evil.example") },
        xml: {
          benign: await xml("<note>hi</note>"),
          attack: await xml('<!DOCTYPE note [<!ENTITY x SYSTEM "file:///etc/secret">]><note>&x;</note>'),
        },
        xmlOptions: rec.xmlOptions,
        jwt: {
          valid: await jwt(token({ alg: "RS256" }, { sub: "ann", exp: now + 3600 }, privateKey)),
          unsigned: await jwt(token({ alg: "none" }, { sub: "admin", exp: now + 3600 }, null)),
          expired: await jwt(token({ alg: "RS256" }, { sub: "ann", exp: now - 60 }, privateKey)),
        },
      };
    },
  },

  login_log: {
    names: ["app"],
    async observe({ mod, response }) {
      const logged = (user) => warned(() => route(mod, response, "POST /login", { body: { user } }));
      return { benign: await logged("ann"), attack: await logged("ann\nINFO password changed for admin") };
    },
  },

  upload_limits: {
    names: ["upload", "avatars", "memory"],
    async observe({ mod }) {
      const accepts = (middleware, size) => {
        let outcome = null;
        middleware.single("file")({ file: { size } }, {}, (err) => {
          outcome = err ? err.code : "stored";
        });
        return outcome;
      };
      const sizes = { photo: 2 * 1024 * 1024, huge: 4 * 1024 ** 3 };
      const out = {};
      for (const name of ["upload", "avatars", "memory"]) {
        out[name] = Object.fromEntries(Object.entries(sizes).map(([k, size]) => [k, accepts(mod[name], size)]));
      }
      return { ...out, files: mod.avatars.options.limits.files };
    },
  },

  csrf_config: {
    names: ["app"],
    async observe({ rec }) {
      const session = { csrfToken: "t0k3n" };
      return {
        get: throughMiddleware(rec, { method: "GET", session, body: {} }),
        post: throughMiddleware(rec, { method: "POST", session, body: { _csrf: "t0k3n" } }),
        crossSite: throughMiddleware(rec, { method: "POST", session, body: { amount: 100 } }),
      };
    },
  },

  debug_pages: {
    names: ["app", "server"],
    env: { NODE_ENV: "production" },
    async observe({ mod, rec, response }) {
      const error = new Error("connection to db-internal:5432 refused");
      const res = response();
      for (const fn of rec.middleware.filter((f) => f.length === 4)) fn(error, {}, res, () => {});
      return { sent: res.sent, apollo: mod.server.formatError(error) };
    },
  },

  temp_files: {
    names: ["exportRows", "saveReport"],
    env: { TMPDIR: "/tmp" },
    // another local user planted these before the program ran
    links: { "/tmp/export.csv": "/home/victim/.bashrc", "/tmp/report.txt": "/home/victim/.ssh/authorized_keys" },
    async observe({ mod, rec }) {
      mod.exportRows(["a,b", "1,2"]);
      mod.saveReport("hello");
      return { writes: rec.writes, written: rec.written, dirs: rec.dirs };
    },
  },

  server_inputs: {
    names: ["app", "storage", "server"],
    async observe({ mod, rec, response }) {
      const logged = (user) => warned(() => route(mod, response, "POST /login", { body: { user } }));
      const who = (uid) => route(mod, response, "GET /who", { query: { uid } });
      const mail = async (name) => {
        rec.mail.length = 0;
        delete globalThis.__pwned;
        await route(mod, response, "POST /mail", { body: { name } });
        return { html: rec.mail.map((m) => m.html), ran: globalThis.__pwned === 1 };
      };
      const upgrade = (protocol) => {
        const writes = [];
        mod.server.emit("upgrade", { headers: { "sec-websocket-protocol": protocol }, socket: { write: (s) => writes.push(s) } });
        return writes;
      };
      const stored = (originalname) => {
        let name = null;
        mod.storage.options.filename({}, { originalname }, (err, chosen) => {
          name = chosen;
        });
        return name;
      };
      return {
        log: { benign: await logged("ann"), attack: await logged("ann\n2026-12-04T10:00:00Z INFO login ok for admin") },
        ldap: { benign: await who("ann"), attack: await who("*"), filters: rec.ldap },
        mail: { benign: await mail("Ann"), attack: await mail("<%= (globalThis.__pwned = 1) %>") },
        upgrade: { benign: upgrade("chat"), attack: upgrade("chat\r\nSet-Cookie: sid=attacker") },
        upload: [stored("report.pdf"), stored("report.pdf"), stored("index.html")],
      };
    },
  },

  templates: {
    names: ["greet"],
    async observe({ mod, rec }) {
      const greet = async (name) => {
        rec.mail.length = 0;
        delete globalThis.__pwned;
        mod.greet({ body: { name } });
        await new Promise((resolve) => setImmediate(resolve));
        return { mail: [...rec.mail], ran: globalThis.__pwned === 1 };
      };
      return { benign: await greet("Ann"), attack: await greet('{{ range.constructor("globalThis.__pwned = 1")() }}') };
    },
  },

  xpath_lookup: {
    names: ["app"],
    async observe({ mod, response }) {
      const users = (query) => route(mod, response, "GET /users", { query });
      return {
        benign: await users({ name: "ann", email: "ann@example.com" }),
        attack: await users({ name: "x' or '1'='1", email: 'x" or @role="user' }),
      };
    },
  },
};
