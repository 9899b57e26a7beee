package dev.evbus.bus;

import dev.evbus.event.TimeSource;
import java.io.Closeable;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Enforces the wire's time limits (the first frame within 5 s, each control write within 5 s) by
 * closing the connection of whatever overstays. Blocking socket calls have no deadline of their
 * own, and one watchdog thread is cheaper than a timer per operation.
 *
 * <p>Each {@link #start} returns its own {@link Deadline}, and {@link #clear} removes only that one:
 * two operations on one connection (a control write and a stop's farewell, say) never cancel each
 * other's limit.
 */
final class Deadlines implements AutoCloseable {
    private static final long TICK_MS = 200;

    /** What happens when a deadline passes, besides the close: the owner logs why. */
    interface Expiry {
        void expired(Deadline deadline, long blockedNanos);
    }

    /** One timed operation: what it closes when late, what to say, when it started and is due. */
    static final class Deadline {
        final Closeable target;
        final String what;
        final long startedNanos;
        final long dueNanos;
        private final Expiry onExpiry;

        private Deadline(Closeable target, String what, long startedNanos, long dueNanos, Expiry onExpiry) {
            this.target = target;
            this.what = what;
            this.startedNanos = startedNanos;
            this.dueNanos = dueNanos;
            this.onExpiry = onExpiry;
        }
    }

    private static final Expiry SILENT = (deadline, late) -> { };

    private final TimeSource clock;
    /** Pending deadlines; identity-keyed, so equal operations stay distinct. */
    private final Set<Deadline> due = ConcurrentHashMap.newKeySet();
    private final Thread watchdog;
    private volatile boolean running = true;

    private Deadlines(TimeSource clock, boolean watched) {
        this.clock = clock;
        this.watchdog = watched ? Thread.ofPlatform().daemon().name("evbus-deadlines").start(this::watch) : null;
    }

    /** With a watchdog that closes what is overdue on {@code clock}. */
    static Deadlines watched(TimeSource clock) {
        return new Deadlines(clock, true);
    }

    /** No watchdog: the caller drives {@link #closeOverdue()} as it moves {@code clock} (tests). */
    static Deadlines driven(TimeSource clock) {
        return new Deadlines(clock, false);
    }

    Deadline start(Closeable target, long timeoutMillis) {
        return start(target, timeoutMillis, "", SILENT);
    }

    /** Closes {@code target} unless {@link #clear} comes within {@code timeoutMillis}; then calls {@code onExpiry}. */
    Deadline start(Closeable target, long timeoutMillis, String what, Expiry onExpiry) {
        long now = clock.nanoTime();
        Deadline deadline = new Deadline(target, what, now, now + timeoutMillis * 1_000_000L, onExpiry);
        due.add(deadline);
        return deadline;
    }

    /** The operation finished in time; removes this deadline only. */
    void clear(Deadline deadline) {
        due.remove(deadline);
    }

    int pending() {
        return due.size();
    }

    /** Closes what is overdue now; returns how many. The watchdog calls it every tick. */
    int closeOverdue() {
        long now = clock.nanoTime();
        int closed = 0;
        for (Deadline deadline : due) {
            if (now - deadline.dueNanos >= 0 && due.remove(deadline)) {
                closed++;
                try {
                    deadline.target.close();
                } catch (IOException ignored) {
                    // closing is all we wanted
                }
                deadline.onExpiry.expired(deadline, now - deadline.startedNanos);
            }
        }
        return closed;
    }

    private void watch() {
        while (running) {
            try {
                closeOverdue();
            } catch (RuntimeException e) {
                // a failing log must not end the watchdog: later deadlines still need it
            }
            try {
                Thread.sleep(TICK_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        if (watchdog != null) {
            watchdog.interrupt();
        }
    }
}
