package dev.evbus.consume;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExitedLineTest {
    @ParameterizedTest
    @ValueSource(longs = {0, 1, 49, 50, 51, 149, 150, 250, 1049, 1050, 9_950, 59_949, 59_950, 59_999})
    void underAMinuteTheDurationIsSecondsWithOneDecimalRoundedAsPrintfRoundsIt(long millis) {
        assertEquals(String.format(Locale.ROOT, "%.1fs", millis / 1000.0), ExitedLine.formatDuration(Duration.ofMillis(millis)));
    }

    @Test
    void fromAMinuteOnTheDurationIsWrittenLikeGo() {
        assertEquals("1m0s", ExitedLine.formatDuration(Duration.ofMillis(60_000)));
        assertEquals("2m5s", ExitedLine.formatDuration(Duration.ofSeconds(125)));
        assertEquals("1h0m1s", ExitedLine.formatDuration(Duration.ofSeconds(3601)));
        assertEquals("26h3m4s", ExitedLine.formatDuration(Duration.ofSeconds(26 * 3600 + 184)));
    }
}
