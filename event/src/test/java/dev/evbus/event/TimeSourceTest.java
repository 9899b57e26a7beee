package dev.evbus.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimeSourceTest {
    @Test
    void aManualTimeMovesBothReadingsOnlyWhenAdvanced() {
        ManualTime time = new ManualTime(Instant.parse("2026-03-01T10:00:00Z"));
        long nanos = time.nanoTime();

        assertEquals(nanos, time.nanoTime(), "no advance, no change");
        time.advance(Duration.ofMillis(1500));

        assertEquals(1_500_000_000L, time.nanoTime() - nanos);
        assertEquals(Instant.parse("2026-03-01T10:00:01.500Z"), time.instant());
    }

    @Test
    void asAJavaClockItReadsTheSameWallTime() {
        ManualTime time = new ManualTime(Instant.parse("2026-03-01T10:00:00Z"));

        assertEquals(time.instant(), time.withZone(ZoneOffset.UTC).instant());
        time.advance(Duration.ofSeconds(1));
        assertEquals(time.millis(), time.withZone(ZoneOffset.UTC).millis());
    }

    @Test
    void withWallAtStopsTheWallReadingAndKeepsTheMonotonicOneRunning() {
        ManualTime time = new ManualTime(Instant.parse("2026-03-01T10:00:00Z"));
        Instant stopped = Instant.parse("2025-01-01T00:00:00Z");
        TimeSource rehearsal = time.withWallAt(stopped);
        long nanos = rehearsal.nanoTime();

        time.advance(Duration.ofSeconds(3));

        assertEquals(3_000_000_000L, rehearsal.nanoTime() - nanos, "the monotonic reading is the running clock's");
        assertEquals(stopped, rehearsal.instant());
        assertEquals(stopped.toEpochMilli(), rehearsal.millis());
    }

    @Test
    void theSystemTimeIsMonotonicAndNearTheWallClock() {
        TimeSource system = TimeSource.system();
        long first = system.nanoTime();

        assertTrue(system.nanoTime() - first >= 0);
        assertTrue(Math.abs(system.millis() - System.currentTimeMillis()) < 60_000);
    }
}
