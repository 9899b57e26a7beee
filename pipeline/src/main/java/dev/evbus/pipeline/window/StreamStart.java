package dev.evbus.pipeline.window;

import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;

/**
 * When a stage's first item arrived, on the monotonic clock its intervals are cut on and on the
 * wall clock their bounds are written in, so an interval's start and end read as RFC 3339 times
 * that never jump with wall-clock changes. Unset until {@link #markFirst}; the pipeline's one
 * thread at a time.
 */
public final class StreamStart {
    private boolean started;
    private long nanos;
    private Instant wall;

    /** Records {@code nowNanos} and the wall time as the start, if none is yet; true when this call did. */
    public boolean markFirst(long nowNanos, InstantSource clock) {
        if (started) {
            return false;
        }
        started = true;
        nanos = nowNanos;
        wall = clock.instant();
        return true;
    }

    public boolean started() {
        return started;
    }

    /** The monotonic time of the first item. */
    public long nanos() {
        return nanos;
    }

    /** The wall time, to the millisecond, at monotonic time {@code atNanos}. */
    public String wall(long atNanos) {
        return wall.plusNanos(atNanos - nanos).truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
