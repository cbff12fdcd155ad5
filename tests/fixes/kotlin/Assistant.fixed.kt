package com.example.shop.assistant

import dev.langchain4j.model.chat.ChatLanguageModel
import org.springframework.jdbc.core.JdbcTemplate

class Assistant(private val model: ChatLanguageModel, private val jdbcTemplate: JdbcTemplate) {
    fun salesFor(question: String): List<Map<String, Any>> {
        val month = model.generate("Which month (YYYY-MM) does this question ask about? $question").trim()
        return jdbcTemplate.queryForList("SELECT sku, units FROM sales WHERE month = ?", month)
    }
}
