package dev.evbus.pipeline.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.OptionalLong;

/**
 * Reads when an event happened, for its lag: milliseconds since the epoch as a number or as a
 * decimal string (the bus's {@code source_time}), or an RFC 3339 time such as
 * {@code 2026-01-01T00:00:00Z}. Anything else has no time, so its lag is not counted.
 */
final class EventTime {
    private EventTime() {
    }

    static OptionalLong millis(JsonNode value) {
        if (value == null || value.isNull()) {
            return OptionalLong.empty();
        }
        if (value.isNumber()) {
            double millis = value.asDouble();
            return Double.isFinite(millis) ? OptionalLong.of(Math.round(millis)) : OptionalLong.empty();
        }
        return value.isTextual() ? millis(value.asText()) : OptionalLong.empty();
    }

    static OptionalLong millis(String text) {
        if (text == null || text.isEmpty()) {
            return OptionalLong.empty();
        }
        if (text.chars().allMatch(Character::isDigit) && text.length() <= 18) {
            return OptionalLong.of(Long.parseLong(text));
        }
        try {
            return OptionalLong.of(OffsetDateTime.parse(text).toInstant().toEpochMilli());
        } catch (DateTimeParseException notATime) {
            return OptionalLong.empty();
        }
    }
}
