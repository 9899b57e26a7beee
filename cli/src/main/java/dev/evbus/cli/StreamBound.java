package dev.evbus.cli;

import dev.evbus.config.DurationText;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The forms {@code consume --since} and {@code --until} share: {@code offset:N} (a log offset),
 * an RFC 3339 time ({@code 2026-12-07T05:00:00Z}, {@code 2026-12-07T07:00:00+02:00}, with or
 * without fractional seconds), or a duration ({@code 10m}: that long before now). Times are kept
 * to the millisecond, as the bus keeps them.
 */
sealed interface StreamBound {

    record Offset(long offset) implements StreamBound {
    }

    record At(long epochMillis) implements StreamBound {
    }

    /** What {@code text} names at wall-clock time {@code nowMillis}, or null when it is none of the forms. */
    static StreamBound parse(String text, long nowMillis) {
        if (text.startsWith("offset:")) {
            String digits = text.substring("offset:".length());
            boolean number = !digits.isEmpty() && digits.length() <= 18 && digits.chars().allMatch(c -> c >= '0' && c <= '9');
            return number ? new Offset(Long.parseLong(digits)) : null;
        }
        if (text.length() > 10 && (text.charAt(10) == 'T' || text.charAt(10) == 't')) {
            try {
                // java.time loads only here: a consume without a time pays nothing for it
                return new At(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant().toEpochMilli());
            } catch (DateTimeParseException | ArithmeticException notATime) {
                return null;
            }
        }
        try {
            return new At(nowMillis - DurationText.parse(text).toMillis());
        } catch (IllegalArgumentException | ArithmeticException notADuration) {
            return null;
        }
    }
}
