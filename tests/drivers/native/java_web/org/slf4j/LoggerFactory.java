package org.slf4j;

/** Hands out the recording logger. */
public final class LoggerFactory {
    private LoggerFactory() {}

    public static Logger getLogger(Class<?> owner) {
        return new Logger();
    }
}
