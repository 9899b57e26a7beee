package dev.evbus.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.evbus.event.ManualTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LogThrottleTest {
    private final ManualTime now = new ManualTime();
    private final List<String> lines = new ArrayList<>();
    private final LogThrottle throttle = new LogThrottle(lines::add, now, 1, TimeUnit.SECONDS);

    @Test
    void theFirstIsLoggedAtOnceAndAFloodCostsOneLinePerIntervalWithItsCount() {
        for (int i = 0; i < 1_000; i++) {
            throttle.warn("accept failed");
            now.advance(Duration.ofMillis(1));
        }
        // 1,000 in one second: the first line, and one more when the second is up
        assertEquals(List.of("accept failed"), lines.subList(0, 1));
        throttle.warn("accept failed");
        assertEquals(2, lines.size(), lines.toString());
        assertEquals("accept failed (and 999 more like it since the last such line)", lines.get(1));
    }

    @Test
    void aQuietSpellLogsTheNextOneAtOnceWithoutACount() {
        throttle.warn("refused");
        now.advance(Duration.ofSeconds(5));
        throttle.warn("refused");
        assertEquals(List.of("refused", "refused"), lines);
    }
}
