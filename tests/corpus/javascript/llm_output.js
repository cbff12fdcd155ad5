import OpenAI from "openai";
import Anthropic from "@anthropic-ai/sdk";
import { generateText } from "ai";
import { exec, execFile } from "child_process";
import fs from "fs";
import path from "path";
import DOMPurify from "dompurify";

const openai = new OpenAI();
const anthropic = new Anthropic();

export async function act(question, db, el) {
  const completion = await openai.chat.completions.create({ model: "gpt-4o", max_tokens: 300, messages: [{ role: "user", content: question }] });
  const answer = completion.choices[0].message.content;
  eval(answer); // expect: js-llm-output-exec
  new Function(answer)(); // expect: js-llm-output-exec
  exec(answer); // expect: js-llm-output-shell
  execFile(answer.trim(), ["--version"]); // expect: js-llm-output-shell
  await db.query(answer); // expect: js-llm-output-sql
  el.innerHTML = answer; // expect: js-llm-output-html
  fs.writeFileSync(answer, "data"); // expect: js-llm-output-path

  const msg = await anthropic.messages.create({ model: "claude-sonnet-4-5", max_tokens: 300, messages: [{ role: "user", content: question }] });
  const sql = msg.content[0].text;
  await db.query(sql); // expect: js-llm-output-sql
  exec("git log " + sql); // expect: js-llm-output-shell
  fs.unlinkSync(msg.content[0].text); // expect: js-llm-output-path

  const { text } = await generateText({ model, prompt: question, maxOutputTokens: 200 });
  vm.runInNewContext(text); // expect: js-llm-output-exec
  el.outerHTML = `<div>${text}</div>`; // expect: js-llm-output-html
  await db.execute(text); // expect: js-llm-output-sql
  execFile("git", ["log", text]); // ok: js-llm-output-shell
  fs.readFileSync(path.join("notes", text)); // expect: js-llm-output-path

  eval(question); // ok: js-llm-output-exec  // expect: js-eval
  const parsed = JSON.parse(answer); // ok: js-llm-output-exec
  const n = Number(answer);
  eval(n); // ok: js-llm-output-exec
  exec("ls -l"); // ok: js-llm-output-shell
  exec(question); // ok: js-llm-output-shell
  execFile("echo", ["hello"]); // ok: js-llm-output-shell
  await db.query("INSERT INTO answers (body) VALUES ($1)", [answer]); // ok: js-llm-output-sql
  await db.query("SELECT 1"); // ok: js-llm-output-sql
  await db.query(question); // ok: js-llm-output-sql
  el.textContent = answer; // ok: js-llm-output-html
  el.innerHTML = DOMPurify.sanitize(answer); // ok: js-llm-output-html
  el.innerHTML = "<hr>"; // ok: js-llm-output-html
  fs.writeFileSync(path.join("notes", path.basename(answer)), answer); // ok: js-llm-output-path
  fs.appendFileSync("answers.log", answer); // ok: js-llm-output-path
  fs.readFileSync(question); // ok: js-llm-output-path
  return parsed;
}
