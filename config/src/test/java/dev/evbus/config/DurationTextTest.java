package dev.evbus.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationTextTest {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)");

    /** The grammar as the regular expressions it is documented by: the scanner must agree on every text. */
    private static Duration byRegex(String text) {
        String trimmed = text.trim();
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
        return position == 0 || position != trimmed.length() ? null : Duration.ofMillis(Math.round(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "30", "1.5", "500ms", "30s", "5m", "1h30m", "7d", "1h0m1s", "2.5h", "0.001s", " 10m ",
        "1ms5s", "5m5ms", "1msx", "1.5.5s", "1.s", ".5s", "s", "m5", "1x", "1h 30m", "10mss", "", "  ", "1e3s", "-5s",
        "١s", "99999999999999999999s", "1d1d1d"})
    void theScannerReadsExactlyWhatTheDocumentedPatternReads(String text) {
        Duration expected = byRegex(text);
        if (expected == null) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> DurationText.parse(text));
            assertEquals("not a duration: \"" + text + "\" (examples: 500ms, 30s, 5m, 1h30m, 7d)", refused.getMessage());
        } else {
            assertEquals(expected, DurationText.parse(text));
        }
    }
}
