import express, { Request, Response } from "express";
import { exec } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { Pool } from "pg";

const app = express();
const pool = new Pool();
const ROOT: string = "/srv/data";

async function itemsNamed(name: string): Promise<unknown> {
  return pool.query(`SELECT * FROM items WHERE name = '${name}'`);
}

async function itemsById(id: number): Promise<unknown> {
  return pool.query(`SELECT * FROM items WHERE id = ${id}`); // ok: js-sql-injection
}

const convert = (file: string, size: string): void => {
  exec(`convert -resize ${size} ${file} out.png`, () => undefined);
};

function thumbnail(file: string): void {
  convert(file, "64x64");
}

class Files {
  async read(name: string): Promise<string> {
    return readFile(path.join(ROOT, name), "utf8"); // ok: js-path-traversal
  }

  async handle(req: Request): Promise<string> {
    return this.read(req.params.name); // expect: js-path-traversal
  }

  async handleSafe(req: Request): Promise<string> {
    return this.read(path.basename(String(req.params.name))); // ok: js-path-traversal
  }
}

app.get("/items", async (req: Request, res: Response) => {
  const byName = await itemsNamed(String(req.query.name)); // expect: js-sql-injection
  const byId = await itemsById(Number(req.query.id)); // ok: js-sql-injection
  thumbnail(req.body.file as string); // expect: js-command-injection
  convert("in.png", req.body.size as string); // expect: js-command-injection
  convert("in.png", "32x32"); // ok: js-command-injection
  res.json({ byName, byId });
});
