package dev.evbus.bus;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * The bus-wide side of membership that a stop depends on: whether the bus still admits
 * consumers, how many are admitted and not yet disconnected, and how many hellos are being
 * decided. A stop first closes the gate (no one is admitted from then on), then closes the
 * connections, then waits until every admitted consumer's disconnect has been processed.
 *
 * <p>Shares the lifecycle's lock and condition: every field is guarded by that lock, and every
 * method but {@link #begin} and {@link #connectionsClosed} is called with it held.
 */
final class StopGate {
    /** Admitting; decided to stop (admits no one); connections closed. */
    private enum Phase { OPEN, STOPPING, CLOSED }

    private final ReentrantLock lock;
    private final Condition changed;
    private Phase phase = Phase.OPEN;
    /** Admitted consumers whose disconnect is not processed yet. */
    private int attached;
    /** Hellos being decided, waiting ones included. */
    private int joining;

    StopGate(ReentrantLock lock, Condition changed) {
        this.lock = lock;
        this.changed = changed;
    }

    boolean admitting() {
        return phase == Phase.OPEN;
    }

    /** Whether no consumer is admitted or being decided: a condition of idleness. */
    boolean empty() {
        return attached + joining == 0;
    }

    int attached() {
        return attached;
    }

    void joinStarted() {
        joining++;
    }

    void joinEnded() {
        joining--;
    }

    void admitted() {
        attached++;
    }

    void disconnected() {
        attached--;
    }

    /** Stops admitting; idempotent. Takes the lock. */
    void begin() {
        lock.lock();
        try {
            if (phase == Phase.OPEN) {
                phase = Phase.STOPPING;
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** The stop closed every connection. Takes the lock. */
    void connectionsClosed() {
        lock.lock();
        try {
            phase = Phase.CLOSED;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until the stop has closed the connections. */
    void awaitClosed() throws InterruptedException {
        while (phase != Phase.CLOSED) {
            changed.await();
        }
    }

    /** Waits until every admitted consumer's disconnect is processed and {@code settled} holds; false past {@code patience}. */
    boolean awaitDrained(BooleanSupplier settled, Duration patience) throws InterruptedException {
        long left = patience.toNanos();
        while (attached > 0 || !settled.getAsBoolean()) {
            if (left <= 0) {
                return false;
            }
            left = changed.awaitNanos(left);
        }
        return true;
    }

    /** Waits until the bus has been idle for {@code quiet}, then stops admitting; false when another stop came first. */
    boolean awaitIdleThenBegin(IdleTracker idleness, Duration quiet) throws InterruptedException {
        while (phase == Phase.OPEN) {
            long left = idleness.quietLeftNanos(quiet);
            if (left == 0) {
                phase = Phase.STOPPING;
                changed.signalAll();
                return true;
            }
            if (left == Long.MAX_VALUE) {
                changed.await();
            } else {
                changed.awaitNanos(left);
            }
        }
        return false;
    }
}
