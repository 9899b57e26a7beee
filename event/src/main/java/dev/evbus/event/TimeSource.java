package dev.evbus.event;

import java.time.Instant;
import java.time.InstantSource;

/**
 * The product's one clock, with its two readings for two purposes:
 * <ul>
 * <li>{@link #nanoTime()}: monotonic, for every deadline, idle timer, back-off and interval; it
 * never jumps when the wall clock is set.</li>
 * <li>{@link #millis()} / {@link #instant()}: the wall clock, for times that are shown, stored or
 * sent (a source time, an uptime, a file name).</li>
 * </ul>
 * Whatever has timing logic takes one as a constructor parameter, so that a test drives it with a
 * manual one instead of waiting. As an {@link InstantSource} it goes wherever the JDK takes one,
 * and {@link #withZone} turns it into a {@link java.time.Clock}.
 */
public interface TimeSource extends InstantSource {
    /** The machine's clocks: {@link System#nanoTime()} and {@link System#currentTimeMillis()}. */
    static TimeSource system() {
        return SystemTime.INSTANCE;
    }

    /** Monotonic nanoseconds from an arbitrary origin: only differences mean anything. */
    long nanoTime();

    /**
     * This clock with its wall reading stopped at {@code wall}, its monotonic reading still
     * running: a rehearsal "as of" a given time ({@code keys test --now}) whose windows, batches
     * and time budgets still measure real time.
     */
    default TimeSource withWallAt(Instant wall) {
        return new WallStopped(this, wall);
    }
}
