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

private const val JWT_SIGNING_SECRET = "c2VjcmV0LXNpZ25pbmcta2V5LWZvci1zaG9wLWFwcA=="

@Configuration
@EnableWebSecurity(debug = true)
class Settings : WebMvcConfigurer {
    fun reportingDb(url: String): Connection =
        DriverManager.getConnection(url, "reporting", "Xk29!fq-reports")

    fun tokenKey(): SecretKey = Keys.hmacShaKeyFor(JWT_SIGNING_SECRET.toByteArray())

    override fun addCorsMappings(registry: CorsRegistry) {
        registry.addMapping("/api/**").allowedOrigins("*").allowCredentials(true).allowedMethods("GET", "POST")
    }

    fun exportFile(): File {
        val out = File.createTempFile("export", ".csv")
        out.deleteOnExit()
        return out
    }

    fun writeReport(csv: String) {
        File("/tmp/shop-report.csv").writeText(csv)
    }
}
