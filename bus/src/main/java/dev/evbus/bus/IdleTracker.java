package dev.evbus.bus;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Since when the bus has been idle (no consumer, producer, subscription or bus-run cleanup), so
 * the daemon can stop after a quiet spell. Counts producers itself, since only idleness cares
 * about them; the hub says whether it holds anything else.
 *
 * <p>Shares the hub's lock and condition: the fields below are guarded by that lock, and
 * {@link #settle} is the one place that signals the condition after a change.
 */
final class IdleTracker {
    /** The hub's lock. */
    private final ReentrantLock lock;
    /** The hub's condition: join, cleanup and idle waiters all wait on it. */
    private final Condition changed;
    /** Whether the hub holds nothing (producers aside); asked under the hub's lock. */
    private final BooleanSupplier hubHoldsNothing;
    /** Open producer connections; guarded by the hub's lock. */
    private int producers;
    /** System.nanoTime() when the bus last became idle; guarded by the hub's lock. */
    private long idleSince = System.nanoTime();
    /** Whether the bus was idle at the last settle; guarded by the hub's lock. */
    private boolean idle = true;

    IdleTracker(ReentrantLock lock, Condition changed, BooleanSupplier hubHoldsNothing) {
        this.lock = lock;
        this.changed = changed;
        this.hubHoldsNothing = hubHoldsNothing;
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
     * Records when the bus became idle and wakes every waiter on the hub's condition; call after
     * each change, under the hub's lock.
     */
    void settle() {
        boolean nowIdle = isIdle();
        if (nowIdle && !idle) {
            idleSince = System.nanoTime();
        }
        idle = nowIdle;
        changed.signalAll();
    }

    /** Blocks until nothing has been attached for {@code quiet}; returns false if interrupted first. */
    boolean await(Duration quiet) {
        lock.lock();
        try {
            while (true) {
                if (isIdle()) {
                    long remaining = quiet.toNanos() - (System.nanoTime() - idleSince);
                    if (remaining <= 0) {
                        return true;
                    }
                    changed.awaitNanos(remaining);
                } else {
                    changed.await();
                }
            }
        } catch (InterruptedException e) {
            return false;
        } finally {
            lock.unlock();
        }
    }

    private boolean isIdle() {
        return producers == 0 && hubHoldsNothing.getAsBoolean();
    }
}
