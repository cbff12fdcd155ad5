package org.springframework.security.config.annotation.web.configuration;

/** Present so the Settings case compiles. */
public @interface EnableWebSecurity {
    boolean debug() default false;
}
