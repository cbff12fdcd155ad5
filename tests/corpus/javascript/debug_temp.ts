// Debug error pages and temporary files (TypeScript).
import express from "express";
import errorhandler from "errorhandler";
import { ApolloServer } from "@apollo/server";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as crypto from "crypto";
import tmp from "tmp";

const app = express();
app.use(errorhandler()); // expect: js-debug-error-pages
if (process.env.NODE_ENV === "development") {
  app.use(errorhandler({ log: true })); // ok: js-debug-error-pages
}
if (app.get("env") !== "production") app.use(errorhandler()); // ok: js-debug-error-pages
app.use(errorHandler()); // ok: js-debug-error-pages

const apollo = new ApolloServer({ typeDefs: "", includeStacktraceInErrorResponses: true }); // expect: js-debug-error-pages
const legacy = new ApolloServer({ typeDefs: "", debug: true }); // expect: js-debug-error-pages
const quiet = new ApolloServer({ typeDefs: "", includeStacktraceInErrorResponses: false }); // ok: js-debug-error-pages
const logged = new ApolloServer({ typeDefs: "", logger: { debug: true } }); // ok: js-debug-error-pages

function errorHandler() {
  return (err: Error, req: express.Request, res: express.Response, next: express.NextFunction) => {
    res.status(500).send("Something went wrong");
  };
}

export function exportRows(rows: string[]): string {
  const file = path.join(os.tmpdir(), "export.csv");
  fs.writeFileSync(path.join(os.tmpdir(), "report.csv"), rows.join("\n")); // expect: js-insecure-temp-file
  fs.writeFileSync("/tmp/rows.json", JSON.stringify(rows)); // expect: js-insecure-temp-file
  fs.appendFileSync(`${os.tmpdir()}/app-${process.pid}.log`, "started\n"); // expect: js-insecure-temp-file
  const stream = fs.createWriteStream("/var/tmp/cache.bin"); // expect: js-insecure-temp-file
  const name = tmp.tmpNameSync({ postfix: ".csv" }); // expect: js-insecure-temp-file
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "export-")); // ok: js-insecure-temp-file
  fs.writeFileSync(path.join(dir, "export.csv"), rows.join("\n")); // ok: js-insecure-temp-file
  fs.writeFileSync(path.join(os.tmpdir(), crypto.randomUUID() + ".csv"), rows.join("\n"), { flag: "wx" }); // ok: js-insecure-temp-file
  const handle = tmp.fileSync({ postfix: ".csv" }); // ok: js-insecure-temp-file
  fs.writeFileSync(handle.name, rows.join("\n")); // ok: js-insecure-temp-file
  fs.readFileSync("/tmp/rows.json", "utf8"); // ok: js-insecure-temp-file
  fs.writeFileSync(path.join(__dirname, "tmp", "rows.json"), "[]"); // ok: js-insecure-temp-file
  stream.end();
  return [file, name].join();
}
