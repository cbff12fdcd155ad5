package org.springframework.web.servlet.config.annotation;

/** Present so the Settings case compiles. */
public class CorsRegistration {
    public CorsRegistration allowedOrigins(String... origins) {
        return this;
    }

    public CorsRegistration allowedMethods(String... methods) {
        return this;
    }

    public CorsRegistration allowCredentials(boolean allow) {
        return this;
    }
}
