import express, { Request, Response } from "express";
import { execFile, exec } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { NextRequest, NextResponse } from "next/server";
import { Pool } from "pg";
import { Controller, Get, Query } from "@nestjs/common";

const app = express();
const pool = new Pool();
const ROOT: string = "/srv/data";

interface Filter {
  name: string;
}

app.get("/items", async (req: Request, res: Response) => {
  const filter = req.query as unknown as Filter;
  const rows = await pool.query(`SELECT * FROM items WHERE name = '${filter.name}'`); // expect: js-sql-injection
  const byId = await pool.query("SELECT * FROM items WHERE id = $1", [req.query.id]); // ok: js-sql-injection
  exec("convert " + (req.body.file as string), () => undefined); // expect: js-command-injection
  execFile("convert", [req.body.file as string, "out.png"], () => undefined); // ok: js-command-injection
  const data = await readFile(path.join(ROOT, req.params.name!), "utf8"); // expect: js-path-traversal
  const safe = await readFile(path.join(ROOT, path.basename(String(req.params.name))), "utf8"); // ok: js-path-traversal
  res.send(`<pre>${req.query.q}</pre>`); // expect: js-xss-response
  res.json({ rows, byId, data, safe }); // ok: js-xss-response
});

export async function GET(request: NextRequest) {
  const url = request.nextUrl.searchParams.get("url") ?? "/";
  const page = request.nextUrl.searchParams.get("page");
  await pool.query(`SELECT * FROM pages LIMIT 10 OFFSET ${Number(page)}`); // ok: js-sql-injection
  await pool.query(`SELECT * FROM pages WHERE slug = '${page}'`); // expect: js-sql-injection
  if (url.startsWith("/")) {
    return NextResponse.redirect(new URL("/home", request.url)); // ok: js-open-redirect
  }
  return NextResponse.redirect(url); // expect: js-open-redirect
}

export async function POST(request: Request) {
  const body = await request.json();
  const r = await fetch(body.webhook, { method: "POST" }); // expect: js-ssrf
  const s = await fetch("https://hooks.example.com/notify", { method: "POST", body: JSON.stringify(body) }); // ok: js-ssrf
  return Response.json({ ok: r.ok && s.ok });
}

@Controller("reports")
export class ReportsController {
  @Get()
  async list(@Query("sort") sort: string, @Query("limit") limit: number) {
    await pool.query(`SELECT * FROM reports ORDER BY ${sort}`); // expect: js-sql-injection
    await pool.query(`SELECT * FROM reports LIMIT ${limit}`); // ok: js-sql-injection
    return pool.query("SELECT * FROM reports ORDER BY created_at"); // ok: js-sql-injection
  }
}

// Koa with a typed context: `ctx.body` read back is the response body, request data comes from ctx.query.
export async function relayTyped(ctx: Context): Promise<void> {
  const earlier = ctx.body;
  ctx.res.end(earlier); // ok: js-xss-response
  ctx.body = `<h2>${ctx.query.title}</h2>`; // expect: js-xss-response
}
