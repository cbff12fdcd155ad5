// Stand-ins for the packages the JavaScript fix corpus requires. Each keeps the one behaviour a
// driver observes (how a shell splits a command line, how node-serialize revives functions, how
// a DOM element parses markup) and records what the code asked for. Nothing touches the network.
"use strict";

const path = require("path");

// The simple commands a POSIX shell runs for `line`: quoting and command separators only.
function shellCommands(line) {
  const commands = [[]];
  let word = null;
  const end = () => {
    if (word !== null) commands[commands.length - 1].push(word);
    word = null;
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === "'") {
      const close = line.indexOf(c, i + 1);
      if (close < 0) throw new Error(`unterminated quote in ${JSON.stringify(line)}`);
      word = (word ?? "") + line.slice(i + 1, close);
      i = close;
    } else if (c === '"') {
      word = word ?? "";
      for (i++; line[i] !== '"'; i++) {
        if (i >= line.length) throw new Error(`unterminated quote in ${JSON.stringify(line)}`);
        if (line[i] === "\\" && '"\\$`'.includes(line[i + 1])) i++;
        word += line[i];
      }
    } else if (c === "\\") {
      word = (word ?? "") + line[++i];
    } else if (c === " " || c === "\t") {
      end();
    } else if (";|&\n".includes(c)) {
      end();
      if ((c === "|" || c === "&") && line[i + 1] === c) i++;
      commands.push([]);
    } else {
      word = (word ?? "") + c;
    }
  }
  end();
  return commands.filter((c) => c.length);
}

function childProcess(rec) {
  const callback = (args) => args.find((a) => typeof a === "function");
  const options = (args) => args.find((a) => a && typeof a === "object" && !Array.isArray(a)) ?? null;
  const done = (args) => {
    const cb = callback(args);
    if (cb) cb(null, "", "");
  };
  return {
    exec(command, ...rest) {
      for (const argv of shellCommands(command)) rec.runs.push({ argv, options: options(rest) });
      done(rest);
    },
    execSync(command, opts) {
      for (const argv of shellCommands(command)) rec.runs.push({ argv, options: opts ?? null });
      return Buffer.from("");
    },
    execFile(file, args, ...rest) {
      rec.runs.push({ argv: [file, ...args], options: options(rest) });
      done(rest);
    },
    execFileSync(file, args, opts) {
      rec.runs.push({ argv: [file, ...args], options: opts ?? null });
      return Buffer.from("");
    },
  };
}

// node-serialize 0.0.4: a value that starts with _$$ND_FUNC$$_ is revived with eval.
function nodeSerialize() {
  const marker = "_$$ND_FUNC$$_";
  const revive = (value) => {
    if (typeof value === "string" && value.startsWith(marker)) {
      return eval("(" + value.slice(marker.length) + ")"); // eslint-disable-line no-eval
    }
    if (value && typeof value === "object") {
      for (const key of Object.keys(value)) value[key] = revive(value[key]);
    }
    return value;
  };
  return { unserialize: (text) => revive(JSON.parse(text)) };
}

function escapeHtml(value) {
  const codes = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
  return String(value).replace(/[&<>"']/g, (c) => codes[c]);
}

// The entities escapeHtml writes, read back as the characters they stand for (as a parser does).
function unescapeHtml(text) {
  const chars = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" };
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_, name) => chars[name]);
}

// A DOM element: markup written through innerHTML/insertAdjacentHTML becomes elements, text
// written through textContent/insertAdjacentText stays text.
class Element {
  constructor() {
    this.nodes = [];
  }
  static parse(html) {
    const nodes = [];
    const tag = /<\/?([a-zA-Z][\w-]*)[^>]*>/g;
    let last = 0;
    for (const m of html.matchAll(tag)) {
      if (m.index > last) nodes.push({ text: unescapeHtml(html.slice(last, m.index)) });
      nodes.push({ tag: m[1].toLowerCase(), markup: m[0] });
      last = m.index + m[0].length;
    }
    if (last < html.length) nodes.push({ text: unescapeHtml(html.slice(last)) });
    return nodes;
  }
  get innerHTML() {
    return this.nodes.map((n) => (n.tag ? n.markup : escapeHtml(n.text))).join("");
  }
  set innerHTML(html) {
    this.nodes = Element.parse(String(html));
  }
  get textContent() {
    return this.nodes.map((n) => n.text ?? "").join("");
  }
  set textContent(text) {
    this.nodes = [{ text: String(text) }];
  }
  insert(position, nodes) {
    if (position === "afterbegin") this.nodes.unshift(...nodes);
    else if (position === "beforeend") this.nodes.push(...nodes);
    else throw new Error(`position ${position} is outside the element`);
  }
  insertAdjacentHTML(position, html) {
    this.insert(position, Element.parse(String(html)));
  }
  insertAdjacentText(position, text) {
    this.insert(position, [{ text: String(text) }]);
  }
  get tags() {
    return this.nodes.filter((n) => n.tag && !n.markup.startsWith("</")).map((n) => n.tag);
  }
  view() {
    return { html: this.innerHTML, tags: this.tags };
  }
}

// MongoDB's reading of a query: a nested object of $operators is an operator, not a value.
function mongoMatch(query, doc) {
  const ops = {
    $eq: (a, b) => a === b,
    $ne: (a, b) => a !== b,
    $gt: (a, b) => a > b,
    $regex: (a, b) => typeof a === "string" && new RegExp(b).test(a),
  };
  return Object.entries(query).every(([key, wanted]) => {
    const actual = doc[key];
    if (wanted && typeof wanted === "object" && Object.keys(wanted).every((k) => k.startsWith("$"))) {
      return Object.entries(wanted).every(([op, operand]) => ops[op](actual, operand));
    }
    return actual === wanted;
  });
}

// A read-only file system holding a few absolute paths; every write is recorded.
function fileSystem(rec, files) {
  const resolve = (p) => path.posix.normalize(String(p));
  return {
    readFile(p, ...rest) {
      const cb = rest.find((a) => typeof a === "function");
      const where = resolve(p);
      rec.reads.push(where);
      if (where in files) cb(null, Buffer.from(files[where]));
      else cb(Object.assign(new Error(`ENOENT: ${where}`), { code: "ENOENT" }), undefined);
    },
    writeFileSync(p, data) {
      rec.writes.push(resolve(p));
    },
  };
}

function express(rec) {
  const factory = () => {
    const app = { routes: {} };
    for (const method of ["get", "post", "put", "delete"]) {
      app[method] = (route, handler) => {
        app.routes[`${method.toUpperCase()} ${route}`] = handler;
      };
    }
    app.use = () => {};
    app.listen = () => rec.listened.push(true);
    return app;
  };
  factory.json = () => (req, res, next) => next(); // the driver hands the route a parsed body
  return factory;
}

// What express's res.location does to a URL (the encodeurl package): characters a URL may not
// hold are percent-encoded, existing %XX escapes are kept. A backslash becomes %5C.
function encodeUrl(url) {
  return String(url).replace(/%(?![0-9A-Fa-f]{2})|[^\w!#$%&'()*+,\-./:;=?@[\]~]/g, (c) =>
    c === "%" ? "%25" : encodeURIComponent(c));
}

function response() {
  const res = { sent: [], cookies: [] };
  res.send = (body) => res.sent.push(String(body));
  res.json = (body) => res.sent.push(JSON.stringify(body));
  res.sendStatus = (code) => {
    res.status = code;
    res.sent.push(String(code));
  };
  res.cookie = (name, value, options) => res.cookies.push({ name, value, options: options ?? null });
  res.redirect = (...args) => {
    res.status = args.length > 1 ? args[0] : 302;
    res.location = encodeUrl(args[args.length - 1]);
  };
  return res;
}

function openai(rec, state) {
  return class OpenAI {
    constructor(options) {
      rec.apiKeys.push(options ? (options.apiKey ?? null) : null);
      const create = async (request) => {
        rec.llmRequests.push(request);
        return { choices: [{ message: { content: state.reply } }] };
      };
      this.chat = { completions: { create } };
    }
  };
}

// Database clients record each statement with its parameters; the test runs them on SQLite.
function pg(rec) {
  class Pool {
    async query(sql, params) {
      rec.sql.push({ sql, params: params ?? [] });
      return { rows: [] };
    }
  }
  return { Pool };
}

function mysql2(rec) {
  return {
    createConnection: (options) => (rec.connections.push(options), {
      query(sql, ...rest) {
        const params = Array.isArray(rest[0]) ? rest[0] : [];
        rec.sql.push({ sql, params });
        const cb = rest.find((a) => typeof a === "function");
        if (cb) cb(null, []);
      },
    }),
  };
}

function bcrypt(rec) {
  return {
    hashSync(password, cost) {
      rec.hashed.push({ password, cost });
      return `$2b$${cost}$` + require("crypto").randomBytes(8).toString("hex");
    },
  };
}

// lodash's merge as it was before 4.17.5 (CVE-2018-3721): a deep merge that walks every own key
// of the source, so a "__proto__" key (an own key once JSON.parse has read it) reaches the
// prototype of the target. Later versions skip such keys themselves.
function lodash() {
  const isObject = (value) => value !== null && typeof value === "object";
  const merge = (target, ...sources) => {
    for (const source of sources.filter(isObject)) {
      for (const key of Object.keys(source)) {
        const value = source[key];
        if (value === undefined) continue;
        if (!isObject(value)) target[key] = value;
        else {
          if (!isObject(target[key])) target[key] = Array.isArray(value) ? [] : {};
          merge(target[key], value);
        }
      }
    }
    return target;
  };
  return { merge };
}

// Everything one load of a corpus file can require, with a fresh record.
function make(state) {
  const rec = {
    runs: [], sql: [], reads: [], writes: [], apiKeys: [], llmRequests: [], hashed: [], listened: [],
    found: [], connections: [],
  };
  const users = [{ email: "ann@example.com" }];
  const modules = {
    child_process: childProcess(rec),
    "node-serialize": nodeSerialize(),
    "escape-html": escapeHtml,
    express: express(rec),
    lodash: lodash(),
    openai: openai(rec, state),
    pg: pg(rec),
    mysql2: mysql2(rec),
    bcrypt: bcrypt(rec),
    stripe: (key) => ({ key: key ?? null }),
    fs: fileSystem(rec, state.files ?? {}),
    "./models/user": {
      async findOne(query) {
        rec.found.push(query);
        return users.find((u) => mongoMatch(query, u)) ?? null;
      },
    },
  };
  return { rec, modules };
}

module.exports = { make, Element, response, shellCommands };
