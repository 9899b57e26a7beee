package dev.evbus.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads durations the way Go tools and systemd users write them ({@code 500ms}, {@code 30s}, {@code 1h30m}); a bare number means seconds. */
public final class DurationText {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)");

    private DurationText() {
    }

    /** The duration {@code text} names; {@link IllegalArgumentException} with examples when it names none. */
    public static Duration parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.matches("\\d+(\\.\\d+)?")) {
            return Duration.ofMillis(Math.round(Double.parseDouble(trimmed) * 1000));
        }
        Matcher matcher = PART.matcher(trimmed);
        int position = 0;
        double millis = 0;
        while (matcher.find() && matcher.start() == position) {
            double value = Double.parseDouble(matcher.group(1));
            millis += switch (matcher.group(2)) {
                case "ms" -> value;
                case "s" -> value * 1_000;
                case "m" -> value * 60_000;
                case "h" -> value * 3_600_000;
                default -> value * 86_400_000;
            };
            position = matcher.end();
        }
        if (position == 0 || position != trimmed.length()) {
            throw new IllegalArgumentException("not a duration: \"" + text + "\" (examples: 500ms, 30s, 5m, 1h30m, 7d)");
        }
        return Duration.ofMillis(Math.round(millis));
    }
}
