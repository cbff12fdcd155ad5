const express = require("express");
const OpenAI = require("openai");

const app = express();
const openai = new OpenAI({ apiKey: "sk-live4f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c" }); // vsguard: ignore[hardcoded-secret] also a generic finding

app.post("/ask", async (req, res) => {
  const out = await openai.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: "Summarise the docs." }] });
  res.json(out);
});
