package com.example.shop.assistant;

import java.util.List;
import java.util.Map;

import dev.langchain4j.model.chat.ChatLanguageModel;
import org.springframework.jdbc.core.JdbcTemplate;

public class Assistant {
    private final ChatLanguageModel model;
    private final JdbcTemplate jdbcTemplate;

    Assistant(ChatLanguageModel model, JdbcTemplate jdbcTemplate) {
        this.model = model;
        this.jdbcTemplate = jdbcTemplate;
    }

    List<Map<String, Object>> salesFor(String question) {
        String month = model.generate("Which month (YYYY-MM) does this question ask about? " + question).trim();
        return jdbcTemplate.queryForList("SELECT sku, units FROM sales WHERE month = '" + month + "'");
    }
}
