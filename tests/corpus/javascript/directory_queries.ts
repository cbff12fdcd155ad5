// LDAP and XPath expressions built from request data (TypeScript).
import express, { Request, Response } from "express";
import ldap from "ldapjs";
import ldapEscape from "ldap-escape";
import * as xpath from "xpath";
import { DOMParser } from "@xmldom/xmldom";
import { evaluateXPathToNodes } from "fontoxpath";

const app = express();
const client = ldap.createClient({ url: "ldaps://ldap.example.com" });
const doc = new DOMParser().parseFromString("<users/>", "text/xml");
const BASE = "ou=people,dc=example,dc=com";

interface Person {
  uid: string;
  mail?: string;
}
type Lookup = (uid: string) => Promise<Person[]>;

app.get("/ldap", (req: Request, res: Response) => {
  const uid = req.query.uid as string;
  client.search(BASE, { filter: "(uid=" + uid + ")", scope: "sub" }, () => {}); // expect: js-ldap-injection
  client.search(BASE, { filter: `(&(objectClass=person)(mail=${req.body.mail}))` }, () => {}); // expect: js-ldap-injection
  client.bind(`uid=${req.body.user},${BASE}`, req.body.password, () => {}); // expect: js-ldap-injection
  client.search(BASE, { filter: "(uid=" + ldapEscape.filter`${uid}` + ")" }, () => {}); // ok: js-ldap-injection
  client.search(BASE, { filter: new ldap.EqualityFilter({ attribute: "mail", value: req.body.mail }) }, () => {}); // ok: js-ldap-injection
  client.bind(ldapEscape.dn`uid=${req.body.user},ou=people,dc=example,dc=com`, req.body.password, () => {}); // ok: js-ldap-injection
  const id = Number(req.query.id);
  client.search(BASE, { filter: `(employeeNumber=${id})` }, () => {}); // ok: js-ldap-injection
  client.search(BASE, { filter: "(objectClass=person)", attributes: [req.query.attr as string] }, () => {}); // ok: js-ldap-injection
  res.sendStatus(204);
});

app.get("/xpath", (req: Request, res: Response) => {
  const name = req.query.name as string;
  const byName = xpath.select("//user[name='" + name + "']", doc); // expect: js-xpath-injection
  const byRole = xpath.select1(`//user[@role="${req.query.role}"]`, doc); // expect: js-xpath-injection
  const scoped = xpath.useNamespaces({ u: "urn:users" })(`//u:user[@id='${req.params.id}']`, doc); // expect: js-xpath-injection
  const nodes = evaluateXPathToNodes("//user[email='" + req.body.email + "']", doc); // expect: js-xpath-injection
  const bound = xpath.parse("//user[name=$name]").select({ node: doc, variables: { name } }); // ok: js-xpath-injection
  const all = xpath.select("//user", doc); // ok: js-xpath-injection
  const limit = parseInt(req.query.limit as string, 10);
  const first = xpath.select(`//user[position() <= ${limit}]`, doc); // ok: js-xpath-injection
  const bound2 = evaluateXPathToNodes("//user[email=$email]", doc, null, { email: req.body.email }); // ok: js-xpath-injection
  res.json({ byName, byRole, scoped, nodes, bound, all, first, bound2 });
});
