package dev.evbus.bus;

import dev.evbus.event.TimeSource;
import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Since when the bus has been idle (no consumer, producer, subscription or bus-run cleanup), so
 * the daemon can stop after a quiet spell. Counts producers itself, since only idleness cares
 * about them; the lifecycle says whether it holds anything else.
 *
 * <p>Shares the lifecycle's lock and condition: the fields below are guarded by that lock, and
 * {@link #settle} is the one place that signals the condition after a change. Time comes from an
 * injected {@code clock}, so idleness is unit-tested without sleeping.
 */
final class IdleTracker {
    /** The lifecycle's lock. */
    private final ReentrantLock lock;
    /** The lifecycle's condition: join, cleanup, stop and idle waiters all wait on it. */
    private final Condition changed;
    /** Whether the lifecycle holds nothing (producers aside); asked under its lock. */
    private final BooleanSupplier holdsNothing;
    private final TimeSource clock;
    /** Open producer connections; guarded by the lock. */
    private int producers;
    /** The clock's nanoTime when the bus last became idle; guarded by the lock. */
    private long idleSince;
    /** Whether the bus was idle at the last settle; guarded by the lock. */
    private boolean idle = true;

    IdleTracker(ReentrantLock lock, Condition changed, BooleanSupplier holdsNothing, TimeSource clock) {
        this.lock = lock;
        this.changed = changed;
        this.holdsNothing = holdsNothing;
        this.clock = clock;
        this.idleSince = clock.nanoTime();
    }

    void producerOpened() {
        lock.lock();
        try {
            producers++;
            settle();
        } finally {
            lock.unlock();
        }
    }

    void producerClosed() {
        lock.lock();
        try {
            producers--;
            settle();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Records when the bus became idle and wakes every waiter on the condition; call after each
     * change, under the lock.
     */
    void settle() {
        boolean nowIdle = isIdle();
        if (nowIdle && !idle) {
            idleSince = clock.nanoTime();
        }
        idle = nowIdle;
        changed.signalAll();
    }

    /**
     * How much longer the bus must stay idle to have been quiet for {@code quiet}: 0 once it has
     * been, {@code Long.MAX_VALUE} while it is busy. Under the lock.
     */
    long quietLeftNanos(Duration quiet) {
        if (!isIdle()) {
            return Long.MAX_VALUE;
        }
        return Math.max(0, quiet.toNanos() - (clock.nanoTime() - idleSince));
    }

    private boolean isIdle() {
        return producers == 0 && holdsNothing.getAsBoolean();
    }
}
