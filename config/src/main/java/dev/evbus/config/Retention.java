package dev.evbus.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How much of an app's accepted events its bus keeps, from the {@code retention} section of
 * {@code $EVBUS_HOME/apps/<app>.json}: {@code {"max_bytes": "64MiB", "max_age": "10m", "durable": false}}.
 * A setting that does not parse is a {@link ConfigException} naming the file and the field.
 */
public record Retention(long maxBytes, Duration maxAge, boolean durable) {
    public static final long DEFAULT_MAX_BYTES = 64L << 20;
    public static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(10);
    /** Below this a log could not hold one frame of the largest size the wire allows. */
    public static final long MIN_MAX_BYTES = 2L << 20;
    public static final Retention DEFAULTS = new Retention(DEFAULT_MAX_BYTES, DEFAULT_MAX_AGE, false);

    public Retention {
        if (maxBytes < MIN_MAX_BYTES) {
            throw new IllegalArgumentException("max_bytes must be at least " + DataSize.format(MIN_MAX_BYTES));
        }
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("max_age must be longer than 0");
        }
    }

    /** Reads the section (absent fields keep their defaults). */
    static Retention from(Path file, JsonNode section) throws ConfigException {
        if (section == null || section.isNull()) {
            return DEFAULTS;
        }
        if (!section.isObject()) {
            throw new ConfigException(file + ": retention must be an object, e.g. {\"max_bytes\": \"64MiB\", \"max_age\": \"10m\"}");
        }
        KnownFields.check(file, "retention", section, java.util.List.of("max_bytes", "max_age", "durable"), "option");
        long maxBytes = DEFAULT_MAX_BYTES;
        Duration maxAge = DEFAULT_MAX_AGE;
        boolean durable = false;
        JsonNode bytes = section.get("max_bytes");
        JsonNode age = section.get("max_age");
        JsonNode disk = section.get("durable");
        try {
            if (bytes != null) {
                maxBytes = bytes.isIntegralNumber() ? bytes.asLong() : DataSize.parse(text(bytes, "max_bytes"));
            }
        } catch (IllegalArgumentException bad) {
            throw new ConfigException(file + ": retention.max_bytes: " + bad.getMessage());
        }
        try {
            if (age != null) {
                maxAge = DurationText.parse(text(age, "max_age"));
            }
        } catch (IllegalArgumentException bad) {
            throw new ConfigException(file + ": retention.max_age: " + bad.getMessage());
        }
        if (disk != null) {
            if (!disk.isBoolean()) {
                throw new ConfigException(file + ": retention.durable must be true or false");
            }
            durable = disk.asBoolean();
        }
        try {
            return new Retention(maxBytes, maxAge, durable);
        } catch (IllegalArgumentException bad) {
            throw new ConfigException(file + ": retention." + bad.getMessage());
        }
    }

    private static String text(JsonNode node, String field) {
        if (!node.isTextual()) {
            throw new IllegalArgumentException("must be a string such as " + (field.equals("max_age") ? "\"10m\"" : "\"64MiB\""));
        }
        return node.asText();
    }
}
