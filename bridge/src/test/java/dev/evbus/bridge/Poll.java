package dev.evbus.bridge;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition, checking it often; fails with what was last seen. */
final class Poll {
    private Poll() {
    }

    static void until(Duration limit, BooleanSupplier condition, Supplier<String> seen) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + limit.toSeconds() + " s; last seen: " + seen.get());
            }
            Thread.sleep(20);
        }
    }
}
