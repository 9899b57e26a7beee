package dev.evbus.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BurstWakesTest {
    private final AtomicInteger wakes = new AtomicInteger();
    private final BurstWakes burst = new BurstWakes(wakes::incrementAndGet);

    @Test
    void aBurstWakesTheReadersOnceEveryEveryEventsAndNotBetween() {
        for (int i = 1; i < BurstWakes.EVERY; i++) {
            burst.appended();
        }
        assertEquals(0, wakes.get());
        burst.appended();
        assertEquals(1, wakes.get());
        for (int i = 0; i < BurstWakes.EVERY; i++) {
            burst.appended();
        }
        assertEquals(2, wakes.get());
    }

    @Test
    void beforeAReadTheReadersAreWokenOnlyWhenSomethingWasAppendedSinceTheLastWake() {
        burst.run();
        assertEquals(0, wakes.get(), "nothing appended");
        burst.appended();
        burst.run();
        assertEquals(1, wakes.get());
        burst.run();
        assertEquals(1, wakes.get(), "nothing appended since");
    }
}
