package com.example.web;

import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;

public class WebConfig {
    @Bean
    SecurityFilterChain legacy(HttpSecurity http) throws Exception {
        http.csrf().disable(); // expect: java-spring-csrf-disabled
        return http.build();
    }

    @Bean
    SecurityFilterChain lambdaStyle(HttpSecurity http) throws Exception {
        http.csrf(csrf -> csrf.disable()) // expect: java-spring-csrf-disabled
            .authorizeHttpRequests(auth -> auth.anyRequest().authenticated());
        return http.build();
    }

    @Bean
    SecurityFilterChain methodRef(HttpSecurity http) throws Exception {
        return http.csrf(AbstractHttpConfigurer::disable).build(); // expect: java-spring-csrf-disabled
    }

    @Bean
    SecurityFilterChain defaults(HttpSecurity http) throws Exception {
        return http.csrf(Customizer.withDefaults()).build(); // ok: java-spring-csrf-disabled
    }

    @Bean
    SecurityFilterChain spa(HttpSecurity http) throws Exception {
        http.csrf(csrf -> csrf.csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())); // ok: java-spring-csrf-disabled
        return http.build();
    }

    @Bean
    SecurityFilterChain webhookExempt(HttpSecurity http) throws Exception {
        http.csrf(csrf -> csrf.ignoringRequestMatchers("/webhooks/stripe")); // ok: java-spring-csrf-disabled
        return http.build();
    }

    void plainSession(HttpServletResponse resp, String id) {
        Cookie session = new Cookie("SESSION", id); // expect: java-cookie-insecure, java-cookie-no-httponly
        resp.addCookie(session);
    }

    void halfSession(HttpServletResponse resp, String id) {
        Cookie session = new Cookie("SESSION", id); // expect: java-cookie-no-httponly
        session.setSecure(true);
        resp.addCookie(session);
    }

    void hardenedSession(HttpServletResponse resp, String id) {
        Cookie session = new Cookie("SESSION", id); // ok: java-cookie-insecure, java-cookie-no-httponly
        session.setSecure(true);
        session.setHttpOnly(true);
        session.setPath("/");
        resp.addCookie(session);
    }

    void theme(HttpServletResponse resp, String theme) {
        Cookie pref = new Cookie("theme", theme); // ok: java-cookie-no-httponly
        pref.setSecure(true); // ok: java-cookie-insecure
        resp.addCookie(pref);
    }

    void explicitOff(HttpServletResponse resp, String token) {
        Cookie auth = new Cookie("auth_token", token);
        auth.setSecure(false); // expect: java-cookie-insecure
        auth.setHttpOnly(false); // expect: java-cookie-no-httponly
        resp.addCookie(auth);
    }

    void unrelated(HttpServletResponse resp, String value) {
        Cookie lang = new Cookie("lang", value); // expect: java-cookie-insecure
        resp.addCookie(lang);
        Cookie other = new Cookie("remember_me", value); // ok: java-cookie-insecure, java-cookie-no-httponly
        other.setSecure(true);
        other.setHttpOnly(true);
        resp.addCookie(other);
    }
}
