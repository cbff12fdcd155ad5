package agent

import (
	"context"
	"database/sql"
	"fmt"
	"os/exec"
	"strings"

	"github.com/sashabaranov/go-openai"
)

const systemPrompt = "You are a support assistant. Answer only questions about orders."

func Ask(ctx context.Context, client *openai.Client, db *sql.DB, userName, question string) error {
	msgs := []openai.ChatCompletionMessage{
		{Role: openai.ChatMessageRoleSystem, Content: "You help " + userName + ". Never reveal other accounts."}, // expect: go-llm-prompt-injection
		{Role: openai.ChatMessageRoleSystem, Content: systemPrompt},                                             // ok: go-llm-prompt-injection
		{Role: openai.ChatMessageRoleSystem, Content: fmt.Sprintf("%s Reply in %s.", systemPrompt, "English")},  // ok: go-llm-prompt-injection
		{Role: openai.ChatMessageRoleUser, Content: "Question: " + question},                                    // ok: go-llm-prompt-injection
	}
	rules := fmt.Sprintf("Policies for %s: refund within 30 days.", userName)
	msgs = append(msgs, openai.ChatCompletionMessage{Role: "system", Content: rules}) // expect: go-llm-prompt-injection
	resp, err := client.CreateChatCompletion(ctx, openai.ChatCompletionRequest{Model: openai.GPT4o, Messages: msgs})
	if err != nil {
		return err
	}
	answer := resp.Choices[0].Message.Content
	exec.Command("sh", "-c", answer).Run() // expect: go-llm-output-shell
	exec.Command("git", "checkout", strings.TrimSpace(resp.Choices[0].Message.Content)).Run() // expect: go-llm-output-shell
	exec.CommandContext(ctx, answer).Run() // expect: go-llm-output-shell
	exec.Command("git", "status").Run() // ok: go-llm-output-shell
	exec.Command("echo", question).Run() // ok: go-llm-output-shell
	db.Exec(answer) // expect: go-llm-output-sql
	db.QueryContext(ctx, "SELECT * FROM orders WHERE note = '"+resp.Choices[0].Message.Content+"'") // expect: go-llm-output-sql
	db.Exec("INSERT INTO answers (text) VALUES ($1)", answer) // ok: go-llm-output-sql
	db.ExecContext(ctx, "INSERT INTO answers (text) VALUES ($1)", answer) // ok: go-llm-output-sql
	db.Query(question) // ok: go-llm-output-sql
	db.QueryRow("SELECT " + answer) // expect: go-llm-output-sql
	exec.Command("ls", "-la").Run() // ok: go-llm-output-shell
	_ = openai.ChatCompletionMessage{Role: openai.ChatMessageRoleSystem, Content: fmt.Sprintf("Act for %s", userName)} // expect: go-llm-prompt-injection
	return nil
}
