// node:crypto weak hashes and ciphers however the module or function is named.
const { createHash: h, createCipheriv: enc } = require("crypto");
import { createHash as digest } from "node:crypto";
import * as c from "node:crypto";

function hashes(body, password) {
  const a = h("md5").update(body).digest("hex"); // expect: js-weak-hash
  const b = digest("sha1"); // expect: js-weak-hash
  const d = c.createHash("md5"); // expect: js-weak-hash
  const e = createHash("MD5"); // expect: js-weak-hash
  const p = h("md5").update(password).digest("hex"); // expect: js-weak-password-hash
  const ok1 = h("sha256").update(body).digest("hex"); // ok: js-weak-hash
  const ok2 = c.createHash("sha512"); // ok: js-weak-hash
  const ok3 = c.createHmac("sha256", secretKey).update(body); // ok: js-weak-hash
  return [a, b, d, e, p, ok1, ok2, ok3];
}

function ciphers(key, iv) {
  const a = c.createCipheriv("des-ede3-cbc", key, iv); // expect: js-weak-cipher
  const b = enc("aes-128-ecb", key, null); // expect: js-weak-cipher
  const d = c.createDecipheriv("rc4", key, ""); // expect: js-weak-cipher
  const e = c.createCipher("bf-cbc", key); // expect: js-weak-cipher
  const g = enc("DES-CBC", key, iv); // expect: js-weak-cipher
  const ok1 = c.createCipheriv("aes-256-gcm", key, iv); // ok: js-weak-cipher
  const ok2 = enc("chacha20-poly1305", key, iv, { authTagLength: 16 }); // ok: js-weak-cipher
  const ok3 = c.createDecipheriv("aes-256-cbc", key, iv); // ok: js-weak-cipher
  const ok4 = enc(algorithmFromConfig, key, iv); // ok: js-weak-cipher
  return [a, b, d, e, g, ok1, ok2, ok3, ok4];
}
