const express = require("express");
const OpenAI = require("openai");

const app = express();
const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY }); // vsguard: ignore[hardcoded-secret] also a generic finding

app.post("/ask", async (req, res) => {
  const out = await openai.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: "Summarise the docs." }], max_tokens: 1024 });
  res.json(out);
});
