// Hardcoded passwords in client calls and literal JWT keys; placeholders and env reads stay clean.
const mysql = require("mysql");
const { Client, Pool } = require("pg");
const nodemailer = require("nodemailer");
const { MongoClient } = require("mongodb");
const Sequelize = require("sequelize");
const token = require("jsonwebtoken");
import jwt2 from "jsonwebtoken";
const ldap = require("ldapjs");
const AWS = require("aws-sdk");
const crypto = require("crypto");
function f(payload, t, client) {
  const a = mysql.createConnection({ host: "localhost", user: "root", password: "root" }); // expect: js-hardcoded-password
  const b = new Sequelize("app", "admin", "s3cret"); // expect: js-hardcoded-password
  const c = new Client({ user: "app", password: "hunter2", host: "db" }); // expect: js-hardcoded-password
  const d = nodemailer.createTransport({ host: "smtp", auth: { user: "me", pass: "mailpw" } }); // expect: js-hardcoded-password
  const e = MongoClient.connect("mongodb://admin:pass123@mongo:27017/app"); // expect: js-hardcoded-password
  const g = new Sequelize("postgres://app:pw1234@db:5432/app"); // expect: js-hardcoded-password, hardcoded-secret
  const h = token.sign(payload, "secret"); // expect: js-hardcoded-signing-key
  const i = jwt2.verify(t, "secret"); // expect: js-hardcoded-signing-key
  const j = new AWS.S3({ accessKeyId: "AKIA", secretAccessKey: "abcdEFGHijklMNOPqrstUVWXyz0123456789abcd" }); // expect: js-hardcoded-password
  client.bind("cn=admin,dc=example,dc=com", "adminpw", () => {}); // expect: js-hardcoded-password
  const k = crypto.createHmac("sha256", "static-key"); // expect: js-hardcoded-signing-key
  const o1 = mysql.createConnection({ host: "localhost", user: "root", password: process.env.DB_PASSWORD }); // ok: js-hardcoded-password, js-hardcoded-signing-key
  const o2 = new Client({ user: "app", password: "" }); // ok: js-hardcoded-password, js-hardcoded-signing-key
  const o3 = new Pool({ password: "changeme" }); // ok: js-hardcoded-password, js-hardcoded-signing-key
  const o4 = MongoClient.connect("mongodb://mongo:27017/app"); // ok: js-hardcoded-password, js-hardcoded-signing-key
  const o5 = MongoClient.connect(`mongodb://app:${process.env.PW}@mongo/app`); // ok: js-hardcoded-password, js-hardcoded-signing-key
  const o6 = token.sign(payload, process.env.JWT_SECRET); // ok: js-hardcoded-password, js-hardcoded-signing-key
  const o7 = new Sequelize("app", "admin", config.password); // ok: js-hardcoded-password, js-hardcoded-signing-key
  const o8 = new Sequelize("postgres://app:<password>@db/app"); // ok: js-hardcoded-password, js-hardcoded-signing-key
  const o9 = nodemailer.createTransport({ auth: { user: "me", pass: "${SMTP_PASS}" } }); // ok: js-hardcoded-password, js-hardcoded-signing-key
  const o10 = res.render("login", { password: "hidden" }); // ok: js-hardcoded-password, js-hardcoded-signing-key
  const o11 = token.verify(t, publicKey, { algorithms: ["RS256"] }); // ok: js-hardcoded-password, js-hardcoded-signing-key
  const o12 = crypto.createHmac("sha256", secretKey); // ok: js-hardcoded-password, js-hardcoded-signing-key
  const o13 = mysql.createConnection({ password: "<password>" }); // ok: js-hardcoded-password, js-hardcoded-signing-key
  return [a, b, c, d, e, g, h, i, j, k, o1, o2, o3, o4, o5, o6, o7, o8, o9, o10, o11, o12, o13];
}
