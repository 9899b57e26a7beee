package dev.evbus.config;

import java.time.Duration;

/**
 * Reads durations the way Go tools and systemd users write them ({@code 500ms}, {@code 30s},
 * {@code 1h30m}); a bare number means seconds. Written as a scanner, not a regular expression:
 * {@code consume --since 5m} would otherwise load the regex engine (27 classes) at every start.
 */
public final class DurationText {
    private DurationText() {
    }

    /** The duration {@code text} names; {@link IllegalArgumentException} with examples when it names none. */
    public static Duration parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        int end = number(trimmed, 0);
        if (end > 0 && end == trimmed.length()) {
            return Duration.ofMillis(Math.round(Double.parseDouble(trimmed) * 1000));
        }
        int position = 0;
        double millis = 0;
        while (position < trimmed.length()) {
            int digitsEnd = number(trimmed, position);
            if (digitsEnd == position || digitsEnd == trimmed.length()) {
                throw notADuration(text);
            }
            double value = Double.parseDouble(trimmed.substring(position, digitsEnd));
            char unit = trimmed.charAt(digitsEnd);
            boolean ms = unit == 'm' && digitsEnd + 1 < trimmed.length() && trimmed.charAt(digitsEnd + 1) == 's';
            millis += value * switch (ms ? 'M' : unit) {
                case 'M' -> 1;
                case 's' -> 1_000;
                case 'm' -> 60_000;
                case 'h' -> 3_600_000;
                case 'd' -> 86_400_000;
                default -> throw notADuration(text);
            };
            position = digitsEnd + (ms ? 2 : 1);
        }
        if (position == 0) {
            throw notADuration(text);
        }
        return Duration.ofMillis(Math.round(millis));
    }

    /** Where {@code [0-9]+(\.[0-9]+)?} starting at {@code from} ends; {@code from} when there is none. */
    private static int number(String text, int from) {
        int at = digits(text, from);
        if (at == from) {
            return from;
        }
        if (at < text.length() && text.charAt(at) == '.') {
            int fraction = digits(text, at + 1);
            if (fraction > at + 1) {
                return fraction;
            }
        }
        return at;
    }

    private static int digits(String text, int from) {
        int at = from;
        while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
            at++;
        }
        return at;
    }

    private static IllegalArgumentException notADuration(String text) {
        return new IllegalArgumentException("not a duration: \"" + text + "\" (examples: 500ms, 30s, 5m, 1h30m, 7d)");
    }
}
