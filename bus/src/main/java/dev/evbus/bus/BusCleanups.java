package dev.evbus.bus;

import dev.evbus.protocol.JsonText;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The cleanups the bus runs itself, for subscriptions whose last consumer vanished without
 * finishing its own. Each holds its subscription's lock while it runs, so a newcomer's
 * preConsume cannot overlap it, but for at most 60 s, so a hung cleanup cannot lock the
 * subscription out for good.
 *
 * <p>Shares the hub's lock and condition: the count below is guarded by that lock, like the
 * subscriptions it cleans up, and every change to it wakes the hub's waiters.
 */
final class BusCleanups {
    private static final long BUS_CLEANUP_LIMIT_MS = 60_000;

    /** The hub's lock. */
    private final ReentrantLock lock;
    /** The hub's condition, signalled by {@code finished} once a cleanup is counted out. */
    private final Condition changed;
    private final BusCleanup cleanup;
    private final BusLog log;
    /** The hub's bookkeeping once a cleanup ended and released its lock; runs under the hub's lock. */
    private final Consumer<Subscription> finished;
    /** Cleanups started and not yet finished; guarded by the hub's lock. */
    private int running;

    BusCleanups(ReentrantLock lock, Condition changed, BusCleanup cleanup, BusLog log, Consumer<Subscription> finished) {
        this.lock = lock;
        this.changed = changed;
        this.cleanup = cleanup;
        this.log = log;
        this.finished = finished;
    }

    /** Under the hub's lock: locks the subscription for the bus and counts its cleanup, before {@link #start}. */
    void claim(Subscription subscription) {
        subscription.lock(this, Subscription.Hold.BUS_CLEANUP);
        running++;
    }

    /** Cleanups claimed and not yet finished; call under the hub's lock. */
    int running() {
        return running;
    }

    /**
     * Runs a claimed subscription's cleanup on a thread of its own; call without the hub's lock,
     * which this takes only to read the subscription and, at the end, to release it.
     */
    void start(Subscription subscription) {
        String key;
        Map<String, String> params;
        String as;
        lock.lock();
        try {
            key = subscription.eventKey;
            params = subscription.params;
            as = subscription.as;
        } finally {
            lock.unlock();
        }
        log.info("last consumer of subscription " + JsonText.quote(subscription.id)
                + " left without cleanup; running cleanup of key " + JsonText.quote(key));
        Thread worker = Thread.ofVirtual().name("evbus-cleanup").start(() -> cleanup.run(key, subscription.id, params, as));
        Thread.ofVirtual().name("evbus-cleanup-wait").start(() -> {
            try {
                if (!worker.join(Duration.ofMillis(BUS_CLEANUP_LIMIT_MS))) {
                    log.warn("cleanup of subscription " + JsonText.quote(subscription.id) + " still running after "
                            + BUS_CLEANUP_LIMIT_MS / 1000 + " s; releasing its lock");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            lock.lock();
            try {
                if (subscription.holder == this) {
                    subscription.unlock();
                }
                running--;
                finished.accept(subscription);
            } finally {
                lock.unlock();
            }
        });
    }

    /** Waits up to {@code patience} for bus-run cleanups to finish, so a stop does not cut one short. */
    void await(Duration patience) {
        lock.lock();
        try {
            long remaining = patience.toNanos();
            while (running > 0 && remaining > 0) {
                remaining = changed.awaitNanos(remaining);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }
}
