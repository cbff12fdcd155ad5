class AssistantController < ApplicationController
  def ask(client)
    client.chat(parameters: { model: "gpt-4o-mini", messages: [
      { role: "system", content: "You help #{current_user.name}. Rules: #{params[:rules]}" }, # expect: rb-llm-prompt-injection
      { role: "user", content: params[:question] } # ok: rb-llm-prompt-injection
    ] })
    client.chat(parameters: { model: "gpt-4o-mini", messages: [
      { role: "system", content: "You answer questions about our shop." }, # ok: rb-llm-prompt-injection
      { role: "user", content: "Question: #{params[:question]}" } # ok: rb-llm-prompt-injection
    ] })
    persona = params[:persona]
    client.chat(parameters: { messages: [{ "role" => "developer", "content" => "Speak as " + persona }] }) # expect: rb-llm-prompt-injection
    client.messages(parameters: { model: "claude-sonnet", system: "Act as #{params[:persona]}", messages: [] }) # expect: rb-llm-prompt-injection
    tone = "friendly"
    client.chat(parameters: { messages: [{ role: "system", content: "Be #{tone}." }] }) # ok: rb-llm-prompt-injection
  end

  def run(client)
    response = client.chat(parameters: { model: "gpt-4o-mini", messages: [] })
    code = response.dig("choices", 0, "message", "content")
    eval(code) # expect: rb-llm-output-exec
    Object.instance_eval(response["choices"][0]["message"]["content"]) # expect: rb-llm-output-exec
    Report.class_eval(code) # expect: rb-llm-output-exec
    system("convert #{code}") # expect: rb-llm-output-shell
    out = `git log #{response.dig("choices", 0, "message", "content")}` # expect: rb-llm-output-shell
    Open3.capture2("ls " + code) # expect: rb-llm-output-shell
    User.where(code) # expect: rb-llm-output-sql
    ActiveRecord::Base.connection.execute(response.dig("choices", 0, "message", "content")) # expect: rb-llm-output-sql
    Post.find_by_sql("SELECT * FROM posts WHERE #{code}") # expect: rb-llm-output-sql

    data = JSON.parse(code) # ok: rb-llm-output-exec
    render plain: code # ok: rb-llm-output-exec
    eval("1 + 1") # ok: rb-llm-output-exec
    system("ls", code) # ok: rb-llm-output-shell
    system("convert #{Shellwords.escape(code)}") # ok: rb-llm-output-shell
    system("uptime") # ok: rb-llm-output-shell
    User.where(name: code) # ok: rb-llm-output-sql
    User.where("name = ?", code) # ok: rb-llm-output-sql
    User.where("active = true") # ok: rb-llm-output-sql
    [out, data]
  end
end
