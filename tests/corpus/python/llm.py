import ast
import logging
import os
import subprocess
from datetime import date

import anthropic
import openai
from flask import Flask, Markup, render_template_string, request
from langchain_core.messages import HumanMessage, SystemMessage
from langchain_core.prompts import ChatPromptTemplate
from mcp.server.fastmcp import FastMCP

app = Flask(__name__)
client = openai.OpenAI()
claude = anthropic.Anthropic()
mcp = FastMCP("tools")
log = logging.getLogger(__name__)
BOT_NAME = "Helper"
SYSTEM = "You are a support assistant. Answer only about our product."
ALLOWED = {"ls", "date", "uptime"}


@app.post("/ask")
def ask():
    question = request.json["q"]
    persona = request.json.get("persona", "friendly")
    doc = request.json["doc"]
    msgs = [
        {"role": "system", "content": f"You are a {persona} assistant."},  # expect: py-llm-prompt-injection
        {"role": "user", "content": question},  # ok: py-llm-prompt-injection
    ]
    client.chat.completions.create(model="gpt-4o", messages=msgs)  # expect: py-llm-unbounded-tokens
    claude.messages.create(model="claude-sonnet-4-5", max_tokens=512, system="Rules: " + doc, messages=[])  # expect: py-llm-prompt-injection
    SystemMessage(content=f"Context document:\n{doc}")  # expect: py-llm-prompt-injection
    ChatPromptTemplate.from_messages([("system", "Summarise for {audience}: " + question), ("human", "{q}")])  # expect: py-llm-prompt-injection
    ok1 = [{"role": "system", "content": SYSTEM}, {"role": "user", "content": f"Question: {question}"}]  # ok: py-llm-prompt-injection
    ok2 = {"role": "system", "content": f"You are {BOT_NAME}."}  # ok: py-llm-prompt-injection
    ok3 = {"role": "system", "content": f"Today is {date.today()}."}  # ok: py-llm-prompt-injection
    ok4 = SystemMessage(content="Answer in {language}.")  # ok: py-llm-prompt-injection
    client.chat.completions.create(model="gpt-4o", messages=ok1, max_tokens=400)  # ok: py-llm-unbounded-tokens
    client.responses.create(model="gpt-4.1", input=question, max_output_tokens=300)  # ok: py-llm-unbounded-tokens
    return {"ok": [ok2, ok3, ok4]}


@app.post("/summary")
def summary():
    text = request.form["text"]
    return client.responses.create(model="gpt-4.1", input=text).output_text  # expect: py-llm-unbounded-tokens, py-llm-output-html


def batch_summaries(texts):
    return [client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": t}]) for t in texts]  # ok: py-llm-unbounded-tokens


def act_on_answer(question, cursor):
    resp = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": question}], max_tokens=200)
    answer = resp.choices[0].message.content
    eval(answer)  # expect: py-llm-output-exec
    exec(compile(answer, "<llm>", "exec"))  # expect: py-llm-output-exec
    subprocess.run(answer, shell=True)  # expect: py-llm-output-shell
    os.system(answer)  # expect: py-llm-output-shell
    cursor.execute(answer)  # expect: py-llm-output-sql
    msg = claude.messages.create(model="claude-sonnet-4-5", max_tokens=300, messages=[{"role": "user", "content": question}])
    sql = msg.content[0].text
    cursor.execute(sql)  # expect: py-llm-output-sql
    page = Markup(answer)  # expect: py-llm-output-html
    render_template_string(sql)  # expect: py-llm-output-html
    with open(answer, "w") as fh:  # expect: py-llm-output-path
        fh.write("x")
    os.remove(sql)  # expect: py-llm-output-path
    os.unlink(msg.content[0].text)  # expect: py-llm-output-path
    eval(question)  # ok: py-llm-output-exec  # expect: py-eval
    subprocess.run(["echo", answer])  # ok: py-llm-output-shell
    subprocess.run("ls -l", shell=True)  # ok: py-llm-output-shell
    os.system(question)  # ok: py-llm-output-shell
    cursor.execute("INSERT INTO answers (body) VALUES (?)", (answer,))  # ok: py-llm-output-sql
    cursor.execute("SELECT 1")  # ok: py-llm-output-sql
    cursor.execute(question)  # ok: py-llm-output-sql
    page2 = Markup("<b>{}</b>").format(answer)  # ok: py-llm-output-html
    render_template_string("<p>{{ a }}</p>", a=answer)  # ok: py-llm-output-html
    Markup("<hr>")  # ok: py-llm-output-html
    with open(os.path.join("notes", os.path.basename(answer)), "w") as fh2:  # ok: py-llm-output-path
        fh2.write(answer)
    open("answers.log", "a").write(answer)  # ok: py-llm-output-path
    os.remove(question)  # ok: py-llm-output-path
    number = int(answer)
    eval(number)  # ok: py-llm-output-exec
    return page, page2



def more_flows(chain, model, db, prompt):
    result = chain.invoke({"question": prompt})
    exec(result.content)  # expect: py-llm-output-exec
    parsed = ast.literal_eval(result.content)  # ok: py-llm-output-exec
    gen = model.generate_content(prompt)
    subprocess.check_output(gen.text, shell=True)  # expect: py-llm-output-shell
    db.execute(gen.text)  # expect: py-llm-output-sql
    snippet = Markup(f"<div>{result.content}</div>")  # expect: py-llm-output-html
    return snippet, parsed


@app.route("/chat", methods=["POST"])
def chat_route():
    return client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": request.form["m"]}]).choices[0].message.content  # expect: py-llm-unbounded-tokens, py-llm-output-html

@mcp.tool()
def run_shell(command: str) -> str:
    return subprocess.run(command, shell=True, capture_output=True, text=True).stdout  # expect: py-llm-tool-unrestricted-exec


@mcp.tool()
def python_eval(code: str) -> str:
    return str(eval(code))  # expect: py-llm-tool-unrestricted-exec, py-eval


@mcp.tool()
def run_program(cmdline: str) -> str:
    return subprocess.check_output(cmdline.split(), text=True)  # expect: py-llm-tool-unrestricted-exec


@mcp.tool()
def os_shell(cmd: str) -> int:
    return os.system(cmd)  # expect: py-llm-tool-unrestricted-exec


@mcp.tool()
def run_allowed(program: str) -> str:
    if program not in ALLOWED:
        raise ValueError("not allowed")
    return subprocess.run(program, shell=True, capture_output=True, text=True).stdout  # ok: py-llm-tool-unrestricted-exec


@mcp.tool()
def disk_usage(folder: str) -> str:
    return subprocess.run(["du", "-sh", folder], capture_output=True, text=True).stdout  # ok: py-llm-tool-unrestricted-exec


@mcp.tool()
def uptime() -> str:
    return subprocess.run("uptime", shell=True, capture_output=True, text=True).stdout  # ok: py-llm-tool-unrestricted-exec


def not_a_tool(cmd):
    return os.system(cmd)  # ok: py-llm-tool-unrestricted-exec


def make_clients():
    a = openai.OpenAI(api_key="sk-live4f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c")  # expect: py-llm-hardcoded-key
    b = anthropic.Anthropic(api_key="sk-ant-demo-9f8e7d6c5b4a39281706f5e4d3c2b1a0")  # expect: py-llm-hardcoded-key
    openai.api_key = "sk-0123456789abcdefghijklmnopqrstuv"  # expect: py-llm-hardcoded-key
    os.environ["OPENAI_API_KEY"] = "sk-a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6"  # expect: py-llm-hardcoded-key
    c = openai.OpenAI(api_key=os.environ["OPENAI_API_KEY"])  # ok: py-llm-hardcoded-key
    d = anthropic.Anthropic(api_key="your-anthropic-api-key-here")  # ok: py-llm-hardcoded-key
    e = openai.OpenAI(api_key="sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxx")  # ok: py-llm-hardcoded-key
    f = openai.OpenAI(base_url="http://localhost:11434/v1/chat", api_key="ollama")  # ok: py-llm-hardcoded-key
    return a, b, c, d, e, f


def support_reply(user, card_number, question):
    client.chat.completions.create(  # ok: py-llm-unbounded-tokens
        model="gpt-4o",
        max_tokens=300,
        messages=[
            {"role": "user", "content": f"My card {card_number} was declined: {question}"},  # expect: py-llm-sensitive-data-in-prompt
            {"role": "user", "content": f"Account password is {user.password}"},  # expect: py-llm-sensitive-data-in-prompt
            {"role": "user", "content": f"Customer {user.display_name} asks: {question}"},  # ok: py-llm-sensitive-data-in-prompt
            {"role": "user", "content": f"Password rules: min {user.password_length} chars"},  # ok: py-llm-sensitive-data-in-prompt
        ],
    )
    log.info(f"calling model for {user.email} with api_key={os.environ['OPENAI_API_KEY']}")  # expect: py-llm-sensitive-data-in-prompt
    log.debug(f"login attempt user={user.name} password={user.password}")  # expect: py-llm-sensitive-data-in-prompt
    log.info(f"user {user.id} has_password={user.has_password}")  # ok: py-llm-sensitive-data-in-prompt
    print(f"ssn on file: {user.ssn}")  # ok: py-llm-sensitive-data-in-prompt
