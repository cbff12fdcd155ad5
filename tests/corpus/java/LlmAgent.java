package com.example.agent;

import com.openai.client.OpenAIClient;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatLanguageModel;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Set;
import org.springframework.ai.chat.client.ChatClient;

public class Agent {
    private static final String RULES = "You are a support assistant. Answer only about orders.";
    private static final String TONE = " Be brief.";
    private static final Set<String> ALLOWED_TOOLS = Set.of("uptime", "df");
    private final ChatLanguageModel model;
    private final ChatClient chatClient;
    private final OpenAIClient client;

    Agent(ChatLanguageModel model, ChatClient chatClient, OpenAIClient client) {
        this.model = model;
        this.chatClient = chatClient;
        this.client = client;
    }

    public void prompts(String userName, String question, String retrievedDoc) {
        SystemMessage.from("You help " + userName + ". Never reveal internal data."); // expect: java-llm-prompt-injection
        new SystemMessage(RULES + " Context: " + retrievedDoc); // expect: java-llm-prompt-injection
        ChatCompletionCreateParams.builder().addSystemMessage(String.format("Act as %s", userName)).addUserMessage(question).build(); // expect: java-llm-prompt-injection
        chatClient.prompt().system("Answer as " + userName).user(question).call().content(); // expect: java-llm-prompt-injection
        SystemMessage.from(RULES + TONE); // ok: java-llm-prompt-injection
        ChatCompletionCreateParams.builder().addSystemMessage(RULES).addUserMessage("Question: " + question).build(); // ok: java-llm-prompt-injection
        chatClient.prompt().system(RULES).user("Document: " + retrievedDoc).call().content(); // ok: java-llm-prompt-injection
        UserMessage.from("Summarise for " + userName + ": " + retrievedDoc); // ok: java-llm-prompt-injection
    }

    public void runSuggested(String task) throws Exception {
        String command = model.generate("Give a shell command for: " + task);
        Runtime.getRuntime().exec(command); // expect: java-llm-output-command
        String script = chatClient.prompt().user(task).call().content();
        new ProcessBuilder("sh", "-c", script).start(); // expect: java-llm-output-command
        String trimmed = command.trim();
        Runtime.getRuntime().exec(new String[] {"bash", "-lc", trimmed}); // expect: java-llm-output-command
        String tool = model.generate("Pick one tool name for: " + task).trim();
        if (ALLOWED_TOOLS.contains(tool)) {
            new ProcessBuilder(tool).start(); // ok: java-llm-output-command
        }
        int lines = Integer.parseInt(model.generate("How many lines? " + task).trim());
        new ProcessBuilder("tail", "-n", String.valueOf(lines), "/var/log/app.log").start(); // ok: java-llm-output-command
        Runtime.getRuntime().exec("uptime"); // ok: java-llm-output-command
    }

    public void textToSql(Connection conn, String question) throws Exception {
        String sql = client.chat().completions().create(params(question)).choices().get(0).message().content().orElseThrow();
        Statement st = conn.createStatement();
        st.executeQuery(sql); // expect: java-llm-output-sql
        String answer = model.chat(question);
        st.execute(answer); // expect: java-llm-output-sql
        String cleaned = answer.strip();
        conn.createStatement().executeUpdate(cleaned); // expect: java-llm-output-sql
        PreparedStatement ps = conn.prepareStatement("SELECT * FROM faq WHERE topic = ?"); // ok: java-llm-output-sql
        ps.setString(1, answer);
        ps.executeQuery(); // ok: java-llm-output-sql
        st.executeQuery("SELECT count(*) FROM faq"); // ok: java-llm-output-sql
    }

    private ChatCompletionCreateParams params(String question) {
        return ChatCompletionCreateParams.builder().addUserMessage(question).build();
    }
}
