// XML entity expansion and JWT verification settings.
const libxmljs = require("libxmljs");
const libxml2 = require("libxmljs2");
const { DOMParser } = require("@xmldom/xmldom");
const { XMLParser } = require("fast-xml-parser");
const jwt = require("jsonwebtoken");
const { expressjwt } = require("express-jwt");

function parse(body) {
  const a = libxmljs.parseXml(body, { noent: true }); // expect: js-xxe-entity-expansion
  const b = libxml2.parseXmlString(body, { noblanks: true, noent: true }); // expect: js-xxe-entity-expansion
  const c = libxmljs.parseXml(body, { replaceEntities: true, nonet: true }); // expect: js-xxe-entity-expansion
  const d = libxmljs.parseXml(body, { noent: false, nonet: true }); // ok: js-xxe-entity-expansion
  const e = libxmljs.parseXml(body); // ok: js-xxe-entity-expansion
  const f = new DOMParser().parseFromString(body, "text/xml"); // ok: js-xxe-entity-expansion
  const g = new XMLParser({ processEntities: true }).parse(body); // ok: js-xxe-entity-expansion
  const options = { noent: true }; // ok: js-xxe-entity-expansion
  return [a, b, c, d, e, f, g, options];
}

function verify(token, key) {
  const a = jwt.verify(token, key, { algorithms: ["RS256", "none"] }); // expect: js-jwt-none-algorithm
  const b = jwt.verify(token, key, { algorithms: ["NONE"] }); // expect: js-jwt-none-algorithm
  const c = jwt.verify(token, key, { algorithms: ["RS256"], ignoreExpiration: true }); // expect: js-jwt-ignore-expiration
  const d = jwt.verify(token, key, { algorithms: ["RS256"] }); // ok: js-jwt-none-algorithm, js-jwt-ignore-expiration
  const e = jwt.verify(token, key, { algorithms: ["ES256"], ignoreExpiration: false, clockTolerance: 5 }); // ok: js-jwt-ignore-expiration
  const f = jwt.sign({ sub: "1" }, key, { algorithm: "RS256", noTimestamp: false }); // ok: js-jwt-none-algorithm
  const note = "none"; // ok: js-jwt-none-algorithm
  const g = jwt.verify(token, key, { ignoreExpiration: true, algorithms: ["HS512"] }); // expect: js-jwt-ignore-expiration
  return [a, b, c, d, e, f, g, note];
}

const auth = expressjwt({ secret: process.env.JWT_SECRET, algorithms: ["HS256", "none"] }); // expect: js-jwt-none-algorithm
const bearer = passportJwt({ secretOrKey: process.env.JWT_SECRET, algorithms: ["HS256"], ignoreExpiration: true }); // expect: js-jwt-ignore-expiration
const relaxed = { ignoreExpiration: process.env.NODE_ENV === "test" }; // ok: js-jwt-ignore-expiration
const header = jwt.decode(token, { complete: true }).header; // ok: js-jwt-decode-unverified
