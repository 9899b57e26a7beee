package dev.evbus.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The settle rule on readings with given times: no clock, no waiting. */
class MemorySettleTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long BASE = 30_000;

    @Test
    void stillMemoryOverTheWholeSpanIsSettled() {
        MemorySettle.Window window = new MemorySettle.Window();
        for (long t = 0; t <= 6 * SECOND; t += SECOND / 5) {
            window.add(t, BASE + (t / SECOND) % 2 * MemorySettle.TOLERANCE_KIB);
        }
        assertTrue(window.settled(), window::toString);
    }

    @Test
    void stillMemoryForLessThanTheSpanIsNotSettledYet() {
        MemorySettle.Window window = new MemorySettle.Window();
        for (long t = 0; t < MemorySettle.SPAN.toNanos(); t += SECOND / 5) {
            window.add(t, BASE);
        }
        assertFalse(window.settled());
    }

    @Test
    void aMoveBeyondTheToleranceWithinTheSpanIsNotSettled() {
        MemorySettle.Window window = new MemorySettle.Window();
        for (long t = 0; t <= 6 * SECOND; t += SECOND / 5) {
            window.add(t, t == 3 * SECOND ? BASE + MemorySettle.TOLERANCE_KIB + 1 : BASE);
        }
        assertFalse(window.settled());
    }

    @Test
    void aMoveThatLeftTheWindowNoLongerCounts() {
        MemorySettle.Window window = new MemorySettle.Window();
        window.add(0, BASE + 4096); // a JIT arena, handed back since
        for (long t = SECOND; t <= 9 * SECOND; t += SECOND / 5) {
            window.add(t, BASE);
        }
        assertTrue(window.settled(), window::toString);
    }
}
