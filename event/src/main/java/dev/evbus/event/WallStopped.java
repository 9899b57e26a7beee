package dev.evbus.event;

import java.time.Instant;

/** {@link TimeSource#withWallAt}: the wall reading stopped at one instant, the monotonic one still running. */
record WallStopped(TimeSource running, Instant wall) implements TimeSource {
    @Override
    public long nanoTime() {
        return running.nanoTime();
    }

    @Override
    public Instant instant() {
        return wall;
    }
}
