package dev.evbus.bus;

import dev.evbus.event.TimeSource;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One kind of warning that a peer or the OS can repeat at will (a refused connection, a failed
 * accept): the first is logged at once, then at most one line per interval, which counts the ones
 * left out. A flood costs the log a line a second, not a line per event.
 */
final class LogThrottle {
    private final Consumer<String> sink;
    private final TimeSource clock;
    private final long intervalNanos;
    /** Guarded by this: occurrences since the last line, and when the next line may be written. */
    private long unlogged;
    private long nextLineAt;
    private boolean logged;

    LogThrottle(Consumer<String> sink, TimeSource clock, long interval, TimeUnit unit) {
        this.sink = sink;
        this.clock = clock;
        this.intervalNanos = unit.toNanos(interval);
    }

    /** Counts one occurrence; logs {@code message} now if the interval allows, with how many were left out. */
    void warn(String message) {
        String line;
        synchronized (this) {
            long now = clock.nanoTime();
            if (logged && now - nextLineAt < 0) {
                unlogged++;
                return;
            }
            line = unlogged == 0 ? message : message + " (and " + unlogged + " more like it since the last such line)";
            unlogged = 0;
            logged = true;
            nextLineAt = now + intervalNanos;
        }
        sink.accept(line);
    }
}
