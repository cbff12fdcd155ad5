package org.springframework.context.annotation;

/** Present so the Settings case compiles. */
public @interface Configuration {}
