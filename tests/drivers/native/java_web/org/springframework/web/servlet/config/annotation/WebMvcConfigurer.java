package org.springframework.web.servlet.config.annotation;

/** Present so the Settings case compiles. */
public interface WebMvcConfigurer {
    default void addCorsMappings(CorsRegistry registry) {}
}
