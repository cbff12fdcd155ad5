package com.example.shop.config

import io.jsonwebtoken.security.Keys
import java.io.File
import java.sql.Connection
import java.sql.DriverManager
import javax.crypto.SecretKey
import org.springframework.context.annotation.Configuration
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity
import org.springframework.web.servlet.config.annotation.CorsRegistry
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer

private val JWT_SIGNING_SECRET = System.getenv("JWT_SIGNING_SECRET")

@Configuration
@EnableWebSecurity
class Settings : WebMvcConfigurer {
    fun reportingDb(url: String): Connection =
        DriverManager.getConnection(url, "reporting", System.getenv("DB_PASSWORD"))

    fun tokenKey(): SecretKey = Keys.hmacShaKeyFor(JWT_SIGNING_SECRET.toByteArray())

    override fun addCorsMappings(registry: CorsRegistry) {
        registry.addMapping("/api/**").allowedOrigins("*").allowCredentials(false).allowedMethods("GET", "POST")
    }

    fun exportFile(): File {
        val out = java.nio.file.Files.createTempFile("export", ".csv").toFile()
        out.deleteOnExit()
        return out
    }

    fun writeReport(csv: String) {
        java.nio.file.Files.createTempFile("shop-report", ".csv").toFile().writeText(csv)
    }
}
