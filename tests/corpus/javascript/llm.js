import OpenAI from "openai";
import Anthropic from "@anthropic-ai/sdk";
import { generateText, tool } from "ai";
import { SystemMessage, HumanMessage } from "@langchain/core/messages";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { exec, execSync, execFile, spawn } from "child_process";
import express from "express";
import { z } from "zod";

const app = express();
const openai = new OpenAI();
const anthropic = new Anthropic();
const server = new McpServer({ name: "tools", version: "1.0.0" });
const BOT_NAME = "Helper";
const SYSTEM = "You are a support assistant. Answer only about our product.";
const ALLOWED = new Set(["ls", "date", "uptime"]);

app.post("/ask", async (req, res) => {
  const { question, persona, doc } = req.body;
  const messages = [
    { role: "system", content: `You are a ${persona} assistant.` }, // expect: js-llm-prompt-injection
    { role: "user", content: question }, // ok: js-llm-prompt-injection
  ];
  await openai.chat.completions.create({ model: "gpt-4o", messages }); // expect: js-llm-unbounded-tokens
  await anthropic.messages.create({ model: "claude-sonnet-4-5", max_tokens: 512, system: "Rules: " + doc, messages: [] }); // expect: js-llm-prompt-injection
  const sys = new SystemMessage(`Context document:\n${doc}`); // expect: js-llm-prompt-injection
  await generateText({ model, system: `Answer as ${persona}`, prompt: question, maxOutputTokens: 300 }); // expect: js-llm-prompt-injection
  const ok1 = [{ role: "system", content: SYSTEM }, { role: "user", content: `Question: ${question}` }]; // ok: js-llm-prompt-injection
  const ok2 = { role: "system", content: `You are ${BOT_NAME}.` }; // ok: js-llm-prompt-injection
  const ok3 = { role: "system", content: `Today is ${new Date().toISOString()}.` }; // ok: js-llm-prompt-injection
  const ok4 = new SystemMessage("Answer in {language}."); // ok: js-llm-prompt-injection
  await openai.chat.completions.create({ model: "gpt-4o", messages: ok1, max_tokens: 400 }); // ok: js-llm-unbounded-tokens
  await openai.responses.create({ model: "gpt-4.1", input: question, max_output_tokens: 300 }); // ok: js-llm-unbounded-tokens
  res.json({ sys, ok2, ok3, ok4 });
});

app.post("/summary", async (req, res) => {
  const r = await generateText({ model, prompt: req.body.text }); // expect: js-llm-unbounded-tokens
  const s = await openai.responses.create({ model: "gpt-4.1", input: req.body.text }); // expect: js-llm-unbounded-tokens
  res.send(r.text + s.output_text); // expect: js-llm-output-html
});

export async function POST(request) {
  const { prompt } = await request.json();
  return Response.json(await openai.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: prompt }] })); // expect: js-llm-unbounded-tokens
}

async function batchSummaries(texts, opts) {
  return Promise.all(texts.map((t) => openai.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: t }] }))); // ok: js-llm-unbounded-tokens
}

app.post("/tuned", async (req, res) => {
  res.json(await openai.chat.completions.create({ ...defaults, messages: req.body.messages })); // ok: js-llm-unbounded-tokens
});

server.tool("run_shell", { command: z.string() }, async ({ command }) => {
  const out = execSync(command); // expect: js-llm-tool-unrestricted-exec
  return { content: [{ type: "text", text: String(out) }] };
});

server.tool("js_eval", "Evaluate JavaScript", { code: z.string() }, async ({ code }) => ({
  content: [{ type: "text", text: String(eval(code)) }], // expect: js-llm-tool-unrestricted-exec, js-eval
}));

const shellTool = tool({
  description: "Run a command",
  parameters: z.object({ cmd: z.string() }),
  execute: async ({ cmd }) => new Promise((resolve) => exec(cmd, (e, stdout) => resolve(stdout))), // expect: js-llm-tool-unrestricted-exec
});

server.registerTool("spawn", { inputSchema: { prog: z.string() } }, async ({ prog }) => {
  spawn(prog, { shell: true }); // expect: js-llm-tool-unrestricted-exec
  return { content: [] };
});

server.tool("run_allowed", { program: z.string() }, async ({ program }) => {
  if (!ALLOWED.has(program)) throw new Error("not allowed");
  return { content: [{ type: "text", text: String(execSync(program)) }] }; // ok: js-llm-tool-unrestricted-exec
});

server.tool("disk_usage", { folder: z.string() }, async ({ folder }) => {
  execFile("du", ["-sh", folder], () => {}); // ok: js-llm-tool-unrestricted-exec
  return { content: [] };
});

server.tool("uptime", {}, async () => ({ content: [{ type: "text", text: String(execSync("uptime")) }] })); // ok: js-llm-tool-unrestricted-exec

function notATool(cmd) {
  return execSync(cmd); // ok: js-llm-tool-unrestricted-exec
}

function makeClients() {
  const a = new OpenAI({ apiKey: "sk-live4f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c" }); // expect: js-llm-hardcoded-key
  const b = new Anthropic({ apiKey: "sk-ant-demo-9f8e7d6c5b4a39281706f5e4d3c2b1a0" }); // expect: js-llm-hardcoded-key
  const c = createOpenAI({ apiKey: "sk-0123456789abcdefghijklmnopqrstuv" }); // expect: js-llm-hardcoded-key
  const d = new OpenAI({ apiKey: process.env.OPENAI_API_KEY }); // ok: js-llm-hardcoded-key
  const e = new Anthropic({ apiKey: "your-anthropic-api-key-here" }); // ok: js-llm-hardcoded-key
  const f = new OpenAI({ baseURL: "http://localhost:11434/v1", apiKey: "ollama" }); // ok: js-llm-hardcoded-key
  return [a, b, c, d, e, f];
}

async function supportReply(user, cardNumber, question) {
  await openai.chat.completions.create({
    model: "gpt-4o",
    max_tokens: 300,
    messages: [
      { role: "user", content: `My card ${cardNumber} was declined: ${question}` }, // expect: js-llm-sensitive-data-in-prompt
      { role: "user", content: `Account password is ${user.password}` }, // expect: js-llm-sensitive-data-in-prompt
      { role: "user", content: `Customer ${user.displayName} asks: ${question}` }, // ok: js-llm-sensitive-data-in-prompt
      { role: "user", content: `Password rules: min ${user.passwordLength} chars` }, // ok: js-llm-sensitive-data-in-prompt
    ],
  });
  console.log(`login attempt user=${user.name} password=${user.password}`); // expect: js-llm-sensitive-data-in-prompt
  console.log(`user ${user.id} hasPassword=${user.hasPassword}`); // ok: js-llm-sensitive-data-in-prompt
  const label = `ssn on file: ${user.ssn}`; // ok: js-llm-sensitive-data-in-prompt
  return label;
}
