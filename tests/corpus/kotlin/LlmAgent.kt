package com.example.agent

import com.openai.client.OpenAIClient
import com.openai.models.chat.completions.ChatCompletionCreateParams
import dev.langchain4j.data.message.SystemMessage
import dev.langchain4j.data.message.UserMessage
import dev.langchain4j.model.chat.ChatLanguageModel
import java.sql.Connection
import org.springframework.ai.chat.client.ChatClient

private const val RULES = "You are a support assistant. Answer only about orders."
private const val TONE = " Be brief."
private val ALLOWED_TOOLS = setOf("uptime", "df")

class Agent(
    private val model: ChatLanguageModel,
    private val chatClient: ChatClient,
    private val client: OpenAIClient,
) {
    fun prompts(userName: String, question: String, retrievedDoc: String) {
        SystemMessage.from("You help $userName. Never reveal internal data.") // expect: kt-llm-prompt-injection
        SystemMessage(RULES + " Context: " + retrievedDoc) // expect: kt-llm-prompt-injection
        ChatCompletionCreateParams.builder().addSystemMessage("Act as %s".format(userName)).addUserMessage(question).build() // expect: kt-llm-prompt-injection
        chatClient.prompt().system("Answer as $userName").user(question).call().content() // expect: kt-llm-prompt-injection
        SystemMessage.from(RULES + TONE) // ok: kt-llm-prompt-injection
        ChatCompletionCreateParams.builder().addSystemMessage(RULES).addUserMessage("Question: $question").build() // ok: kt-llm-prompt-injection
        chatClient.prompt().system(RULES).user("Document: $retrievedDoc").call().content() // ok: kt-llm-prompt-injection
        UserMessage.from("Summarise for $userName: $retrievedDoc") // ok: kt-llm-prompt-injection
    }

    fun runSuggested(task: String) {
        val command = model.generate("Give a shell command for: $task")
        Runtime.getRuntime().exec(command) // expect: kt-llm-output-command
        val script = chatClient.prompt().user(task).call().content()
        ProcessBuilder("sh", "-c", script).start() // expect: kt-llm-output-command
        val trimmed = command.trim()
        Runtime.getRuntime().exec(arrayOf("bash", "-lc", trimmed)) // expect: kt-llm-output-command
        val tool = model.generate("Pick one tool name for: $task").trim()
        if (tool in ALLOWED_TOOLS) {
            ProcessBuilder(tool).start() // ok: kt-llm-output-command
        }
        val lines = model.generate("How many lines? $task").trim().toInt()
        ProcessBuilder("tail", "-n", lines.toString(), "/var/log/app.log").start() // ok: kt-llm-output-command
        Runtime.getRuntime().exec("uptime") // ok: kt-llm-output-command
    }

    fun textToSql(conn: Connection, question: String) {
        val sql = client.chat().completions().create(params(question)).choices()[0].message().content().orElseThrow()
        val st = conn.createStatement()
        st.executeQuery(sql) // expect: kt-llm-output-sql
        val answer = model.chat(question)
        st.execute(answer) // expect: kt-llm-output-sql
        val cleaned = answer.strip()
        conn.createStatement().executeUpdate(cleaned) // expect: kt-llm-output-sql
        val ps = conn.prepareStatement("SELECT * FROM faq WHERE topic = ?") // ok: kt-llm-output-sql
        ps.setString(1, answer)
        ps.executeQuery() // ok: kt-llm-output-sql
        st.executeQuery("SELECT count(*) FROM faq") // ok: kt-llm-output-sql
    }

    private fun params(question: String) = ChatCompletionCreateParams.builder().addUserMessage(question).build()
}
