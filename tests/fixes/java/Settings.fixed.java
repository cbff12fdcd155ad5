package com.example.shop.config;

import java.io.File;
import java.io.FileWriter;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jsonwebtoken.security.Keys;
import javax.crypto.SecretKey;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import java.nio.file.Files;

@Configuration
@EnableWebSecurity
public class Settings implements WebMvcConfigurer {
    private static final String JWT_SIGNING_SECRET = System.getenv("JWT_SIGNING_SECRET");

    Connection reportingDb(String url) throws SQLException {
        return DriverManager.getConnection(url, "reporting", System.getenv("DB_PASSWORD"));
    }

    SecretKey tokenKey() {
        return Keys.hmacShaKeyFor(JWT_SIGNING_SECRET.getBytes());
    }

    @Override
    public void addCorsMappings(CorsRegistry registry) {
        registry.addMapping("/api/**").allowedOrigins("*").allowedMethods("GET", "POST").allowCredentials(false);
    }

    @Bean
    ObjectMapper objectMapper() {
        ObjectMapper mapper = new ObjectMapper();
        return mapper;
    }

    File exportFile() throws IOException {
        File out = Files.createTempFile("export", ".csv").toFile();
        out.deleteOnExit();
        return out;
    }

    void writeReport(String csv) throws IOException {
        try (FileWriter out = new FileWriter(Files.createTempFile("shop-report", ".csv").toFile())) {
            out.write(csv);
        }
    }
}
