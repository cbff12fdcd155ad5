// Stand-ins for the web-stack packages of the fix corpus: template engines, LDAP, XPath, XML,
// JWT, CORS and CSRF middleware, error pages, uploads. Each keeps the behaviour a driver observes
// (what a template engine runs, which entries an LDAP filter matches, whether a token is accepted)
// and records what the code asked for. Nothing touches the network or the disk.
"use strict";

const crypto = require("crypto");

const HTML = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escapeHtml = (value) => String(value).replace(/[&<>"']/g, (c) => HTML[c]);

// `{{ expr }}`-style engines compile each expression to JavaScript run against the data: a
// template written by the client runs the client's code (nunjucks exposes globals such as `range`).
function evaluate(expr, data) {
  return new Function("ctx", `with (ctx) { return (${expr}); }`)(data); // eslint-disable-line no-new-func
}

function ejs() {
  const render = (template, data = {}) =>
    String(template).replace(/<%([=-])([\s\S]*?)%>/g, (_, kind, expr) => {
      const value = evaluate(expr, data);
      return kind === "=" ? escapeHtml(value) : String(value);
    });
  return { render };
}

function nunjucks() {
  const globals = { range: (n) => Array.from({ length: n }, (_, i) => i) };
  const renderString = (template, data = {}) =>
    String(template).replace(/\{\{([\s\S]*?)\}\}/g, (_, expr) => escapeHtml(evaluate(expr, { ...globals, ...data })));
  class Environment {
    renderString(template, data) {
      return renderString(template, data);
    }
  }
  return { Environment, renderString };
}

function mailer(rec) {
  return { send: async (message) => rec.mail.push(message) };
}

// RFC 4515 filters over a small directory: `(attr=value)` with `*` wildcards, `&`, `|`, `!`.
function ldapFilterMatches(filter, entry) {
  let i = 0;
  const unescape = (text) => text.replace(/\\([0-9a-fA-F]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
  const parse = () => {
    if (filter[i] !== "(") throw new Error(`bad filter at ${i}: ${filter}`);
    i++;
    const op = filter[i];
    if (op === "&" || op === "|" || op === "!") {
      i++;
      const parts = [];
      while (filter[i] === "(") parts.push(parse());
      if (filter[i++] !== ")") throw new Error(`unbalanced filter: ${filter}`);
      if (op === "!") return (e) => !parts[0](e);
      return op === "&" ? (e) => parts.every((p) => p(e)) : (e) => parts.some((p) => p(e));
    }
    const close = filter.indexOf(")", i);
    if (close < 0) throw new Error(`unbalanced filter: ${filter}`);
    const [attr, raw] = filter.slice(i, close).split(/=(.*)/s);
    i = close + 1;
    const pattern = new RegExp(
      "^" + raw.split("*").map((part) => unescape(part).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".*") + "$",
      "s",
    );
    return (e) => e[attr] !== undefined && pattern.test(e[attr]);
  };
  const test = parse();
  if (i !== filter.length) throw new Error(`trailing text in filter: ${filter}`);
  return test(entry);
}

function ldapjs(rec) {
  const people = [
    { uid: "ann", cn: "Ann" },
    { uid: "bob", cn: "Bob" },
  ];
  return {
    createClient: () => ({
      search(base, options, cb) {
        rec.ldap.push(options.filter);
        try {
          cb(null, people.filter((p) => ldapFilterMatches(options.filter, p)).map((p) => p.uid));
        } catch (error) {
          cb(error, null);
        }
      },
    }),
  };
}

// ldap-escape's tags: each substituted value is escaped for a filter (RFC 4515) or a DN (RFC 4514).
function ldapEscape() {
  const tag = (escape) => (strings, ...values) =>
    strings.reduce((out, s, k) => out + s + (k < values.length ? escape(String(values[k])) : ""), "");
  return {
    filter: tag((v) => v.replace(/[\\*()\0]/g, (c) => "\\" + c.charCodeAt(0).toString(16).padStart(2, "0"))),
    dn: tag((v) => v.replace(/[\\,+"<>;=#]/g, (c) => "\\" + c)),
  };
}

// multer: storage engines, and a middleware that refuses a file over `limits.fileSize` (no limit by default).
function multer() {
  const factory = (options = {}) => ({
    options,
    single: () => (req, res, next) => {
      const max = (options.limits ?? {}).fileSize ?? Infinity;
      if (req.file.size > max) return next(Object.assign(new Error("File too large"), { code: "LIMIT_FILE_SIZE" }));
      return next();
    },
  });
  factory.diskStorage = (options) => ({ options });
  return factory;
}

// xpath's evaluation of the `//user[...]` expressions the corpus uses: comparisons of a child
// element or attribute (or a literal) with a string literal or a `$variable`, joined by and/or.
function xpath() {
  const tokens = (text) => {
    const out = [];
    const re = /\s*('[^']*'|"[^"]*"|\$[\w.-]+|@?[\w-]+|=|\S)/gy;
    let m;
    while ((m = re.exec(text)) !== null && m[1] !== undefined) out.push(m[1]);
    return out;
  };
  const run = (expr, users, variables = {}) => {
    const m = /^\/\/user\[(.*)\]$/s.exec(expr);
    if (!m) throw new Error(`unsupported expression ${expr}`);
    const toks = tokens(m[1]);
    const value = (tok, user) => {
      if (/^['"]/.test(tok)) return tok.slice(1, -1);
      if (tok.startsWith("$")) {
        if (!(tok.slice(1) in variables)) throw new Error(`undefined variable ${tok}`);
        return String(variables[tok.slice(1)]);
      }
      return user[tok.replace(/^@/, "")];
    };
    const matches = (user) => {
      let k = 0;
      const comparison = () => {
        const left = toks[k++];
        if (toks[k++] !== "=") throw new Error(`syntax error in ${expr}`);
        return value(left, user) === value(toks[k++], user);
      };
      const conjunction = () => {
        let ok = comparison();
        while (toks[k] === "and") {
          k++;
          ok = comparison() && ok;
        }
        return ok;
      };
      let ok = conjunction();
      while (toks[k] === "or") {
        k++;
        ok = conjunction() || ok;
      }
      if (k !== toks.length) throw new Error(`syntax error in ${expr}`);
      return ok;
    };
    return users.filter(matches).map((u) => u.name);
  };
  return {
    select: (expr, doc) => run(expr, doc.users),
    select1: (expr, doc) => run(expr, doc.users)[0],
    parse: (expr) => ({
      evaluate: ({ node, variables }) => run(expr, node.users, variables),
      select: ({ node, variables }) => run(expr, node.users, variables),
      select1: ({ node, variables }) => run(expr, node.users, variables)[0],
    }),
  };
}

const USERS_DOC = {
  users: [
    { name: "ann", email: "ann@example.com", role: "admin" },
    { name: "bob", email: "bob@example.com", role: "user" },
  ],
};

// libxml2 substitutes an external entity's content only when asked to (noent/replaceEntities).
function libxmljs(rec, files) {
  const parseXml = (text, options = {}) => {
    rec.xmlOptions.push(options);
    const entities = {};
    for (const m of text.matchAll(/<!ENTITY\s+(\w+)\s+SYSTEM\s+"file:\/\/([^"]+)"\s*>/g)) entities[m[1]] = m[2];
    const body = text.replace(/<!DOCTYPE[\s\S]*?\]>\s*/, "");
    const expand = options.noent || options.replaceEntities;
    const content = body.replace(/&(\w+);/g, (ref, name) => (expand && name in entities ? files[entities[name]] ?? "" : ref));
    return { text: () => content.replace(/<[^>]+>/g, "") };
  };
  return { parseXml };
}

// jsonwebtoken: HS256 sign, and verify of RS256/HS256 signatures ("none" only when listed, `exp`
// unless ignoreExpiration); a secret key defaults to the HS algorithms, as the real package does.
// Every key handed to sign or verify is recorded.
function jsonwebtoken(rec) {
  const part = (text) => JSON.parse(Buffer.from(text, "base64url").toString());
  const encode = (value) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const isSecret = (key) => Buffer.isBuffer(key) || (typeof key === "string" && !key.includes("-----BEGIN"));
  const mac = (key, data) => crypto.createHmac("sha256", key).update(data).digest("base64url");
  const needKey = (key) => {
    rec.jwtKeys.push(key ?? null);
    if (key === undefined || key === null || key === "") throw new Error("secretOrPrivateKey must have a value");
  };
  const sign = (payload, key, options = {}) => {
    needKey(key);
    if ((options.algorithm ?? "HS256") !== "HS256") throw new Error("fake jsonwebtoken signs HS256 only");
    const head = `${encode({ alg: "HS256", typ: "JWT" })}.${encode(payload)}`;
    return `${head}.${mac(key, head)}`;
  };
  const verify = (token, key, options = {}) => {
    rec.jwtKeys.push(key ?? null);
    const [h, p, s] = token.split(".");
    const header = part(h);
    const payload = part(p);
    const allowed = options.algorithms ?? (isSecret(key) ? ["HS256", "HS384", "HS512"] : ["RS256"]);
    if (!allowed.includes(header.alg)) throw new Error("JsonWebTokenError: invalid algorithm");
    if (header.alg === "HS256") {
      if (!isSecret(key) || key.length === 0) throw new Error("JsonWebTokenError: secret or public key must be provided");
      const expected = Buffer.from(mac(key, `${h}.${p}`));
      const given = Buffer.from(s ?? "");
      if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) {
        throw new Error("JsonWebTokenError: invalid signature");
      }
    } else if (header.alg !== "none") {
      const ok = crypto.verify("sha256", Buffer.from(`${h}.${p}`), key, Buffer.from(s, "base64url"));
      if (!ok) throw new Error("JsonWebTokenError: invalid signature");
    } else if (s) {
      throw new Error("JsonWebTokenError: jwt signature is not allowed for none");
    }
    if (payload.exp !== undefined && !options.ignoreExpiration && payload.exp <= Date.now() / 1000) {
      throw new Error("TokenExpiredError: jwt expired");
    }
    return payload;
  };
  return { sign, verify };
}

// The cors package: which Origin gets Access-Control-Allow-Origin (and credentials) back.
function cors() {
  return (options = {}) => (req, res, next) => {
    const origin = req.headers.origin;
    const { origin: allowed = "*", credentials = false } = options;
    let value = null;
    if (allowed === true) value = origin;
    else if (typeof allowed === "string") value = allowed;
    else if (Array.isArray(allowed)) value = allowed.includes(origin) ? origin : null;
    if (value) res.headers["access-control-allow-origin"] = value;
    if (credentials) res.headers["access-control-allow-credentials"] = "true";
    next();
  };
}

// CSRF middleware: a state-changing request must carry the session's token, unless ignored.
const SAFE = ["GET", "HEAD", "OPTIONS"];
const tokenOk = (req) => req.session && req.body && req.body._csrf === req.session.csrfToken;
function lusca() {
  return (options = {}) => (req, res, next) => {
    if (options.csrf && !SAFE.includes(req.method) && !tokenOk(req)) return next(new Error("lusca: CSRF token mismatch"));
    return next();
  };
}
function csurf() {
  return (options = {}) => (req, res, next) => {
    const ignored = options.ignoreMethods ?? SAFE;
    if (!ignored.includes(req.method) && !tokenOk(req)) return next(new Error("EBADCSRFTOKEN"));
    return next();
  };
}

// errorhandler sends the error's stack to the client; Apollo adds it to errors when told to.
function errorhandler() {
  return () => (err, req, res, next) => res.send(String(err.stack)); // eslint-disable-line no-unused-vars
}
function apollo(rec) {
  class ApolloServer {
    constructor(options) {
      rec.apollo.push(options);
      this.options = options;
    }
    formatError(error) {
      const ext = this.options.includeStacktraceInErrorResponses ? { stacktrace: String(error.stack).split("\n") } : {};
      return { message: error.message, extensions: ext };
    }
  }
  return { ApolloServer };
}

function modules(rec, files) {
  Object.assign(rec, { mail: [], ldap: [], xmlOptions: [], apollo: [], jwtKeys: [] });
  return {
    ejs: ejs(),
    nunjucks: nunjucks(),
    "./mailer": mailer(rec),
    ldapjs: ldapjs(rec),
    "ldap-escape": ldapEscape(),
    multer: multer(),
    xpath: xpath(),
    "./users-doc": USERS_DOC,
    libxmljs: libxmljs(rec, files),
    jsonwebtoken: jsonwebtoken(rec),
    cors: cors(),
    lusca: lusca(),
    csurf: csurf(),
    errorhandler: errorhandler(),
    "@apollo/server": apollo(rec),
  };
}

module.exports = { modules, ldapFilterMatches };
