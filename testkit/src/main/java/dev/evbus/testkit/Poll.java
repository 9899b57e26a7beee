package dev.evbus.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition of another process by polling it against a deadline, never by guessing a delay. */
public final class Poll {
    /** Generous: a JVM starting on a busy two-core machine takes seconds. */
    public static final Duration PATIENCE = Duration.ofSeconds(45);
    private static final Duration INTERVAL = Duration.ofMillis(25);

    private Poll() {
    }

    /** Polls until the condition holds; fails with {@code what} and the supplied details after the deadline. */
    public static void until(Duration patience, String what, BooleanSupplier condition, Supplier<String> details) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + patience.toMillis() + " ms waiting for " + what
                        + "\n" + details.get());
            }
            pause(INTERVAL);
        }
    }

    public static void until(Duration patience, String what, BooleanSupplier condition) {
        until(patience, what, condition, () -> "");
    }

    /** Polls until the condition holds; fails with what {@code lastSeen} shows after the deadline. */
    public static void until(Duration patience, BooleanSupplier condition, Supplier<String> lastSeen) {
        until(patience, "the condition", condition, lastSeen);
    }

    /** One turn of a polling loop that checks its own condition (and deadline) each time round. */
    public static void pause(Duration turn) {
        try {
            Thread.sleep(turn);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while polling", e);
        }
    }
}
