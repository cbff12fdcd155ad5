import express from "express";
import errorhandler from "errorhandler";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import jwt from "jsonwebtoken";

const app = express();

export function setup(): void {
  if (process.env.NODE_ENV === "development") {
    app.use(errorhandler({ log: false }));
  }
}

export function cache(body: string): void {
  fs.writeFileSync(path.join(fs.mkdtempSync(path.join(os.tmpdir(), "app-")), "cache.json"), body, "utf8");
}

export function claims(token: string, key: string): unknown {
  return jwt.verify(token, key, { algorithms: ["HS256"] });
}
