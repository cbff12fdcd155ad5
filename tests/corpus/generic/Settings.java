package com.example.config;

public final class Settings {
    private static final String GITLAB_TOKEN = "glpat-nC4skJgMty8UNpK9YBAm"; // expect: hardcoded-secret
    private static final String ANTHROPIC_KEY = "sk-ant-api03-s8j7k2jwVZA5lw6uGXTQKaFRP-wAGDbCNbLQYBMM-gPbZiWU1f-0ufTIIUW9Oql3RzLYqeiAlariw7VuS9W410vN5HJZoAA"; // expect: hardcoded-secret
    static final String DB_PASSWORD = "Tr0ub4dor&3-horse"; // expect: hardcoded-secret
    static final String PASSWORD_PARAM = "password"; // ok: hardcoded-secret
    static final String TOKEN_ENV = "API_TOKEN"; // ok: hardcoded-secret
    static final String apiKey = System.getenv("API_KEY"); // ok: hardcoded-secret
    static final String secretKeyPath = "/etc/app/secret.key"; // ok: hardcoded-secret
    static final String EXAMPLE_AWS = "AKIAIOSFODNN7EXAMPLE"; // ok: hardcoded-secret

    private Settings() {}
}
