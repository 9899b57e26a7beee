package dev.evbus.bus;

import dev.evbus.protocol.Message;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * The bus's stop as membership sees it: whether the bus still admits consumers, how many are
 * admitted and not yet disconnected, and how many hellos are being decided. A stop first closes
 * the gate (no one is admitted from then on), then closes the connections, then waits until
 * every admitted consumer's disconnect has been processed and every cleanup has ended.
 *
 * <pre>
 * phase     admits  entered by                                         left by
 * OPEN      yes     the start                                          a granted {@link #requestStop}, {@link #begin},
 *                                                                      or {@link #awaitIdleThenStop} once quiet
 * STOPPING  no      any of those                                       {@link #connectionsClosed}
 * CLOSED    no      the stop closing every connection                  - ({@link #awaitDrained} waits for the rest)
 * </pre>
 * Idleness is measured on the bus's clock ({@link IdleTracker}); the waits themselves are timed
 * waits on the condition, so whoever moves a manual clock signals the condition too.
 *
 * <p>Shares the {@link SubscriptionLifecycle}'s lock and condition: every field is guarded by
 * that lock. The counting methods are called with it held; the others take it themselves.
 */
final class StopGate {
    /** What a stop may take beyond the cleanup limit: disconnects to be processed, an interrupted cleanup to end. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    /** Admitting; decided to stop (admits no one); connections closed. */
    private enum Phase { OPEN, STOPPING, CLOSED }

    /** What the lifecycle holds, asked under its lock. */
    interface Members {
        /** The pids of every attached consumer. */
        List<Long> pids();

        /** Whether no subscription is left (none attached, none locked for a cleanup). */
        boolean none();

        /** Each subscription left, with what holds it; for a stop's last log line. */
        List<String> held();
    }

    private final ReentrantLock lock;
    private final Condition changed;
    private final Members members;
    private final Duration cleanupLimit;
    private Phase phase = Phase.OPEN;
    /** Admitted consumers whose disconnect is not processed yet. */
    private int attached;
    /** Hellos being decided, waiting ones included. */
    private int joining;

    StopGate(ReentrantLock lock, Condition changed, Members members, Duration cleanupLimit) {
        this.lock = lock;
        this.changed = changed;
        this.members = members;
        this.cleanupLimit = cleanupLimit;
    }

    boolean admitting() {
        return phase == Phase.OPEN;
    }

    /** Whether no consumer is admitted or being decided: a condition of idleness. */
    boolean empty() {
        return attached + joining == 0;
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

    /**
     * A {@code shutdown} frame: an unforced one is refused while consumers are attached; otherwise
     * the bus stops admitting at once, in the same step, so no consumer can slip in after the check.
     */
    Message.ShutdownAck requestStop(boolean force) {
        lock.lock();
        try {
            List<Long> pids = members.pids();
            if (!force && !pids.isEmpty()) {
                return new Message.ShutdownAck(false, pids, 0);
            }
            boolean cleanupsDue = attached > 0 || !members.none();
            begin();
            return new Message.ShutdownAck(true, pids, cleanupsDue ? patience().toMillis() : 0);
        } finally {
            lock.unlock();
        }
    }

    /** Stops admitting (a signal, or any stop); idempotent. */
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

    /** The stop closed every connection: hellos still waiting are closed unanswered. */
    void connectionsClosed() {
        lock.lock();
        try {
            phase = Phase.CLOSED;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until the stop has closed the connections; under the lock. */
    void awaitClosed() throws InterruptedException {
        while (phase != Phase.CLOSED) {
            changed.await();
        }
    }

    /** How long a stop may wait for {@link #awaitDrained}: a cleanup's limit and some grace. */
    Duration patience() {
        return cleanupLimit.plus(STOP_GRACE);
    }

    /**
     * After {@link #connectionsClosed}: waits until every admitted consumer's disconnect has been
     * processed (so every cleanup it leaves is registered) and every bus-run cleanup has ended.
     * False when {@code patience} ran out first.
     */
    boolean awaitDrained(Duration patience) {
        lock.lock();
        try {
            long left = patience.toNanos();
            while (attached > 0 || !members.none()) {
                if (left <= 0) {
                    return false;
                }
                left = changed.awaitNanos(left);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** What a stop cut short; for its last log line. */
    String undrained() {
        lock.lock();
        try {
            return attached + " consumer(s) not yet disconnected, subscriptions " + members.held();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Blocks until the bus has been idle for {@code quiet}, then stops admitting in the same step,
     * so a consumer arriving just then dials the next bus rather than one about to exit. False
     * when interrupted, or when another stop came first.
     */
    boolean awaitIdleThenStop(IdleTracker idleness, Duration quiet) {
        return awaitIdleThenStop(idleness, quiet, () -> false);
    }

    /**
     * As {@link #awaitIdleThenStop(IdleTracker, Duration)}, but an idle bus for which {@code holding}
     * is true (events it still has to hand on, say) stays up and asks again every {@code quiet}.
     * {@code holding} runs under this gate's lock: it must be quick and take no lock of the bus's.
     */
    boolean awaitIdleThenStop(IdleTracker idleness, Duration quiet, BooleanSupplier holding) {
        lock.lock();
        try {
            while (phase == Phase.OPEN) {
                long left = idleness.quietLeftNanos(quiet);
                if (left == 0 && holding.getAsBoolean()) {
                    changed.awaitNanos(quiet.toNanos());
                    continue;
                }
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
        } catch (InterruptedException e) {
            return false;
        } finally {
            lock.unlock();
        }
    }
}
