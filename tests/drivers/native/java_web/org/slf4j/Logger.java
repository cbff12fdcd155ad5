package org.slf4j;

/** SLF4J's logger, reduced to the call the fix corpus makes; each entry is kept for the driver. */
public final class Logger {
    public static final java.util.List<String> ENTRIES = new java.util.ArrayList<>();

    public void info(String format, Object... args) {
        String line = format;
        for (Object arg : args) {
            line = line.replaceFirst("\\{\\}", java.util.regex.Matcher.quoteReplacement(String.valueOf(arg)));
        }
        ENTRIES.add(line);
    }
}
