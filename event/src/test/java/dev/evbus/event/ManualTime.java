package dev.evbus.event;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link TimeSource} that moves only when a test says so: both readings advance together, so
 * a test steps a state machine through its deadlines and back-offs without waiting. Safe to read
 * from any thread.
 */
public final class ManualTime implements TimeSource {
    /** Far from zero, so code that mistakes the monotonic origin for "never" shows up. */
    private static final long NANO_ORIGIN = 7_000_000_000_000L;

    private final AtomicLong nanos = new AtomicLong(NANO_ORIGIN);
    private final AtomicLong epochMillis;

    /** Starts at 2026-01-01T00:00:00Z. */
    public ManualTime() {
        this(Instant.parse("2026-01-01T00:00:00Z"));
    }

    public ManualTime(Instant start) {
        this.epochMillis = new AtomicLong(start.toEpochMilli());
    }

    /** Moves both readings forward by {@code step}. */
    public void advance(Duration step) {
        nanos.addAndGet(step.toNanos());
        epochMillis.addAndGet(step.toMillis());
    }

    @Override
    public long nanoTime() {
        return nanos.get();
    }

    @Override
    public long millis() {
        return epochMillis.get();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }
}
