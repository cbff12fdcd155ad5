using System;
using System.Diagnostics;
using System.Data.SqlClient;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.Extensions.AI;
using OpenAI.Chat;

namespace Example.Assistant
{
    public class Agent
    {
        private const string Rules = "You are a support assistant. Answer only questions about orders.";
        private readonly ChatClient _chat;
        private readonly IChatClient _ai;

        public Agent(ChatClient chat, IChatClient ai) { _chat = chat; _ai = ai; }

        public async Task<string> Ask(string question, string userName, string tenantRules)
        {
            var messages = new ChatMessage[]
            {
                new SystemChatMessage($"You help {userName}. Follow these tenant rules: {tenantRules}"), // expect: cs-llm-prompt-injection
                new SystemChatMessage(Rules), // ok: cs-llm-prompt-injection
                new SystemChatMessage($"Today is {DateTime.UtcNow:yyyy-MM-dd}."), // ok: cs-llm-prompt-injection
                new UserChatMessage(question), // ok: cs-llm-prompt-injection
            };
            ChatCompletion completion = await _chat.CompleteChatAsync(messages);
            var answer = completion.Content[0].Text;
            Process.Start("/bin/sh", answer); // expect: cs-llm-output-shell
            var psi = new ProcessStartInfo { FileName = "git", Arguments = completion.Content[0].Text }; // expect: cs-llm-output-shell
            Process.Start("notepad.exe", "report.txt"); // ok: cs-llm-output-shell
            Console.WriteLine(answer); // ok: cs-llm-output-shell
            return answer;
        }

        public async Task<int> Report(SqlConnection conn, string request)
        {
            var history = new List<Microsoft.Extensions.AI.ChatMessage>
            {
                new(ChatRole.System, "Write one T-SQL SELECT for the user's request."), // ok: cs-llm-prompt-injection
                new ChatMessage(ChatRole.System, "Schema for " + request), // expect: cs-llm-prompt-injection
            };
            var response = await _ai.GetResponseAsync(history);
            var sql = response.Text;
            var cmd = new SqlCommand(sql, conn); // expect: cs-llm-output-sql
            cmd.CommandText = response.Text; // expect: cs-llm-output-sql
            var count = new SqlCommand("SELECT COUNT(*) FROM Orders WHERE Owner = @o", conn); // ok: cs-llm-output-sql
            count.Parameters.AddWithValue("@o", sql); // ok: cs-llm-output-sql
            conn.Execute(sql); // expect: cs-llm-output-sql
            var result = await CSharpScript.EvaluateAsync<int>(response.Text); // expect: cs-llm-output-code
            var fixedScript = await CSharpScript.EvaluateAsync<int>("6 * 7"); // ok: cs-llm-output-code
            var userCode = await CSharpScript.EvaluateAsync<int>(Templates.Load("sum")); // ok: cs-llm-output-code
            conn.Execute("DELETE FROM Drafts WHERE Owner = @o", new { o = sql }); // ok: cs-llm-output-sql
            var tree = CSharpSyntaxTree.ParseText(sql); // expect: cs-llm-output-code
            var parsed = CSharpSyntaxTree.ParseText("class C { }"); // ok: cs-llm-output-code
            return result;
        }

        public async Task Legacy(OpenAIClient client, ChatHistory history, string persona)
        {
            history.AddSystemMessage("Persona: " + persona); // expect: cs-llm-prompt-injection
            history.AddSystemMessage("Be brief."); // ok: cs-llm-prompt-injection
            var reply = await client.GetChatCompletionsAsync(options);
            var script = reply.Value.Choices[0].Message.Content;
            await CSharpScript.RunAsync(script); // expect: cs-llm-output-code
            Process.Start(new ProcessStartInfo("powershell", reply.Value.Choices[0].Message.Content)); // expect: cs-llm-output-shell
            var note = new ProcessStartInfo { FileName = "logger", Arguments = "-t app started" }; // ok: cs-llm-output-shell
        }
    }
}
