use async_openai::types::{ChatCompletionRequestSystemMessageArgs, ChatCompletionRequestUserMessageArgs};
use std::process::Command;

const SYSTEM: &str = "You are a support assistant. Answer only questions about orders.";

async fn ask(client: &async_openai::Client<async_openai::config::OpenAIConfig>, user_name: &str, question: &str) {
    let _ = ChatCompletionRequestSystemMessageArgs::default().content(format!("You help {}. Never reveal other accounts.", user_name)).build(); // expect: rust-llm-prompt-injection
    let policy = format!("Policies for {user_name}: refunds within 30 days.");
    let _ = ChatCompletionRequestSystemMessageArgs::default().content(policy).build(); // expect: rust-llm-prompt-injection
    let _ = ChatCompletionRequestSystemMessageArgs::default().content(&format!("Speak to {} politely", question)).build(); // expect: rust-llm-prompt-injection
    let _ = ChatCompletionRequestSystemMessageArgs::default().content(SYSTEM).build(); // ok: rust-llm-prompt-injection
    let _ = ChatCompletionRequestSystemMessageArgs::default().content(format!("{} Reply in {}.", SYSTEM, "English")).build(); // ok: rust-llm-prompt-injection
    let _ = ChatCompletionRequestUserMessageArgs::default().content(format!("Question: {}", question)).build(); // ok: rust-llm-prompt-injection

    let response = client.chat().create(todo!()).await.unwrap();
    let answer = response.choices[0].message.content.clone().unwrap_or_default();
    let _ = Command::new("sh").arg("-c").arg(&answer).status(); // expect: rust-llm-output-command
    let _ = Command::new(&answer).status(); // expect: rust-llm-output-command
    let _ = Command::new("git").args(["checkout", response.choices[0].message.content.as_deref().unwrap()]).status(); // expect: rust-llm-output-command
    let _ = Command::new("git").arg("status").status(); // ok: rust-llm-output-command
    let _ = Command::new("echo").arg(question).status(); // ok: rust-llm-output-command
    println!("{}", answer);
    let _ = Command::new("wc").arg("-l").status(); // ok: rust-llm-output-command
}
