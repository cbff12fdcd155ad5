package org.springframework.web.servlet.config.annotation;

/** Present so the Settings case compiles; the driver does not configure CORS. */
public class CorsRegistry {
    public CorsRegistration addMapping(String pattern) {
        return new CorsRegistration();
    }
}
